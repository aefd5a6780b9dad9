package ai.cinboard.ui.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.SubtitleStyle;
import org.junit.jupiter.api.Test;

/** Project ▸ Subtitles…: a preset fills in its settings, a bad colour stores nothing, auto takes the style out. */
class SubtitlesViewModelTest {

    @Test
    void aPresetWithItsSettingsChangedIsStoredAndReadBack() {
        ViewModelFixture f = new ViewModelFixture().open();
        ProjectRenderViewModel render = f.vm.render();
        SubtitlesViewModel editor = render.subtitlesEditor();
        assertEquals(SubtitleStyle.AUTOMATIC, editor.presetProperty().get(), "no style of its own yet");
        assertTrue(editor.automaticProperty().get());

        editor.presetProperty().set("karaoke");
        assertFalse(editor.automaticProperty().get());
        assertEquals(SubtitleStyle.Face.BOLD, editor.fontProperty().get(), "the preset fills in its settings");
        assertTrue(editor.wordHighlightProperty().get());

        editor.colorProperty().set("mauve-ish");
        assertFalse(editor.apply());
        assertTrue(
                editor.errorProperty().get().contains("#RRGGBB"),
                editor.errorProperty().get());
        assertTrue(f.studio.calls.stream().noneMatch(c -> c.startsWith("setSubtitleStyle")), "nothing stored");

        editor.colorProperty().set("cyan");
        editor.positionProperty().set(SubtitleStyle.Position.TOP);
        assertTrue(editor.apply());
        assertEquals("", editor.errorProperty().get());
        assertTrue(f.studio.calls.contains("setSubtitleStyle 1 karaoke"), f.studio.calls.toString());
        SubtitleStyle stored = render.subtitlesProperty().get();
        assertEquals("#00E5FF", stored.color());
        assertEquals(SubtitleStyle.Position.TOP, stored.position());
        assertTrue(f.lastMessage().startsWith("Subtitles: karaoke"), f.lastMessage());

        SubtitlesViewModel again = render.subtitlesEditor();
        assertEquals("karaoke", again.presetProperty().get(), "the dialog opens at the stored style");
        assertEquals("#00E5FF", again.colorProperty().get());
        again.presetProperty().set(SubtitleStyle.AUTOMATIC);
        assertTrue(again.apply());
        assertNull(render.subtitlesProperty().get(), "auto: no style of its own");
    }
}
