package ai.cinboard.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.AspectRatio;
import ai.cinboard.domain.MixSettings;
import ai.cinboard.media.ffmpeg.Wav;
import ai.cinboard.persistence.RenderRepository;
import ai.cinboard.ui.viewmodel.TimelineViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Project ▸ Music… and Project ▸ Frame on the real stack ("The Last Ferry" rendered by the offline engine): the
 * picked file goes through the service into the media store and the project's settings, the timeline shows it
 * as its own track, the final video turns stale; a file that is no music is refused with one line and nothing
 * changes; the frame is stored and makes the keyframes stale. Every wait is on a property or the database.
 */
@ExtendWith(ApplicationExtension.class)
class ProjectMenuWindowTest {
    static {
        StudioFixture.preferNativeText();
    }

    private static RenderedStudio demo;
    private static int ferry;
    private final StudioFixture fx = new StudioFixture(demo.services);

    @BeforeAll
    static void render() {
        demo = new RenderedStudio(320, 180);
        ferry = demo.render("ferry.fountain");
    }

    @AfterAll
    static void close() {
        demo.close();
    }

    @Start
    void start(Stage stage) {
        fx.start(stage, 1280, 800);
    }

    @AfterEach
    void stop() {
        fx.stop();
    }

    private MixSettings storedMix() {
        return new RenderRepository(demo.database()).mixSettings(ferry);
    }

    private String status() {
        AtomicReference<String> text = new AtomicReference<>();
        StudioFixture.fx(() -> text.set(((Label) fx.window.root().lookup("#status-project")).getText()));
        return text.get();
    }

    @Test
    void musicAndFrameFromTheProjectMenu(FxRobot robot) throws Exception {
        Path bed = demo.home.resolve("harbour-bed.wav");
        short[] s = new short[48_000 * 3];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (9000 * Math.sin(2 * Math.PI * 220 * i / 48_000.0) * (i < 48_000 ? i / 48_000.0 : 1));
        }
        new Wav(s, 48_000, 1).write(bed);
        Path notMusic = Files.writeString(demo.home.resolve("notes.wav"), "these are notes, not music");
        AtomicReference<Path> picked = new AtomicReference<>(bed);
        StudioFixture.fx(() -> fx.window.setMusicSource(picked::get));

        TimelineViewModel tl = fx.window.viewModel().timeline();
        StudioFixture.fx(() -> fx.window.viewModel().openProject(ferry));
        StudioFixture.await(
                "project", () -> fx.window.viewModel().model().scenes().size() > 0);
        StudioFixture.await(
                "render settings read",
                () -> fx.window.viewModel().render().aspectProperty().get() != null);
        assertTrue(status().endsWith("16:9 · no music"), status());
        StudioFixture.await(
                "nothing stale after the render",
                () -> !fx.window.viewModel().model().stalenessProperty().get().finalVideo());

        // Project ▸ Music…: the file is stored and becomes the timeline's music track
        robot.clickOn("#menu-project");
        robot.clickOn("#menu-music");
        StudioFixture.await(
                "music decoded for the timeline", () -> tl.musicProperty().get() != null);
        TimelineViewModel.MusicTrack track = tl.musicProperty().get();
        assertEquals("harbour-bed.wav", track.name());
        assertEquals(3.0, track.seconds(), 0.05);
        assertTrue(
                track.peakAt(2.0) > 0.1 && track.peakAt(0.0) < 0.01,
                "the envelope follows the file's fade-in: " + track.peakAt(0.0) + " " + track.peakAt(2.0));
        assertTrue(track.peakAt(5.0) > 0.1, "the bed loops past its own length");
        MixSettings mix = storedMix();
        assertTrue(mix.hasMusic());
        assertEquals("harbour-bed.wav", mix.musicName());
        assertTrue(demo.studio.media().exists(mix.musicUrl()), "the music is in the media store");
        assertEquals(track.url(), mix.musicUrl());
        StudioFixture.await(
                "the final video is stale",
                () -> fx.window.viewModel().model().stalenessProperty().get().finalVideo());
        assertTrue(status().endsWith("16:9 · music: harbour-bed.wav"), status());

        StudioFixture.fx(() -> fx.window.selectView(3));
        fx.settle();
        StudioFixture.screenshot(fx.window.root().getScene(), "timeline-music-track.png");

        // a file that is no music: one line, nothing changes
        picked.set(notMusic);
        robot.clickOn("#menu-project");
        robot.clickOn("#menu-music");
        StudioFixture.await(
                "refusal shown",
                () -> fx.window.viewModel().notifier().latestProperty().get() != null
                        && fx.window
                                .viewModel()
                                .notifier()
                                .latestProperty()
                                .get()
                                .text()
                                .contains("notes.wav"));
        String refusal = fx.window.viewModel().notifier().latestProperty().get().text();
        assertEquals(1, refusal.lines().count(), refusal);
        assertTrue(refusal.contains("The music file"), refusal);
        assertEquals(mix, storedMix(), "the stored music is unchanged");

        // Project ▸ Frame ▸ 9:16: stored, the keyframes are stale and the status bar says so
        robot.clickOn("#menu-project");
        robot.clickOn("#menu-frame");
        StudioFixture.await("Frame submenu shown", () -> shown(robot, "#menu-frame-vertical") != null);
        // along the submenu, not across the menu's other items (which would close it)
        robot.moveTo(shown(robot, "#menu-frame-wide"));
        robot.clickOn(shown(robot, "#menu-frame-vertical"));
        StudioFixture.await(
                "frame stored", () -> new RenderRepository(demo.database()).aspect(ferry) == AspectRatio.VERTICAL);
        StudioFixture.await(
                "keyframes stale",
                () -> !fx.window
                        .viewModel()
                        .model()
                        .stalenessProperty()
                        .get()
                        .keyframeIds()
                        .isEmpty());
        assertTrue(status().endsWith("9:16 · music: harbour-bed.wav"), status());

        // Project ▸ Loudness ▸ −23 LUFS: stored with the project, shown checked, the music stays
        assertEquals(MixSettings.DEFAULT_LOUDNESS, storedMix().loudnessTarget());
        robot.clickOn("#menu-project");
        robot.clickOn("#menu-loudness");
        StudioFixture.await("Loudness submenu shown", () -> shown(robot, "#menu-loudness-23") != null);
        assertTrue(((javafx.scene.control.RadioMenuItem) menuItem(robot, "#menu-loudness-14")).isSelected());
        StudioFixture.screenshot(shown(robot, "#menu-loudness-14").getScene(), "project-menu-loudness.png");
        robot.moveTo(shown(robot, "#menu-loudness-14"));
        robot.clickOn(shown(robot, "#menu-loudness-23"));
        StudioFixture.await("loudness stored", () -> storedMix().loudnessTarget() == -23);
        assertTrue(storedMix().hasMusic(), "the music stays");
        StudioFixture.await(
                "the choice is shown",
                () -> Double.valueOf(-23)
                        .equals(fx.window
                                .viewModel()
                                .render()
                                .loudnessProperty()
                                .get()));
        assertTrue(((javafx.scene.control.RadioMenuItem) menuItem(robot, "#menu-loudness-23")).isSelected());
        assertTrue(
                fx.window.viewModel().notifier().latestProperty().get().text().contains("23 LUFS"),
                fx.window.viewModel().notifier().latestProperty().get().text());

        // Project ▸ Remove music: the track goes, the settings keep no music
        robot.clickOn("#menu-project");
        robot.clickOn("#menu-remove-music");
        StudioFixture.await(
                "music removed",
                () -> fx.window.viewModel().model().musicNameProperty().get() == null);
        assertNull(tl.musicProperty().get());
        assertFalse(storedMix().hasMusic());
        assertEquals(AspectRatio.VERTICAL, new RenderRepository(demo.database()).aspect(ferry), "the frame stays");
        fx.settle();
    }

    @Test
    void subtitlesFromTheProjectMenu(FxRobot robot) throws Exception {
        StudioFixture.fx(() -> fx.window.viewModel().openProject(ferry));
        StudioFixture.await(
                "render settings read",
                () -> fx.window.viewModel().render().aspectProperty().get() != null);
        robot.clickOn("#menu-project");
        robot.clickOn("#menu-subtitles");
        StudioFixture.await("Subtitles dialog shown", () -> shown(robot, "#subtitles-preset") != null);
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<String> preset =
                (javafx.scene.control.ComboBox<String>) shown(robot, "#subtitles-preset");
        javafx.scene.control.TextField color = (javafx.scene.control.TextField) shown(robot, "#subtitles-color");
        assertEquals(ai.cinboard.domain.SubtitleStyle.AUTOMATIC, preset.getValue());
        assertTrue(color.isDisabled(), "automatic: classic's settings, not editable");

        // a colour that is none: one line in the dialog, nothing stored
        StudioFixture.fx(() -> {
            preset.setValue("boxed");
            color.setText("mauve-ish");
        });
        robot.clickOn(shown(robot, "#subtitles-apply"));
        Label error = (Label) shown(robot, "#subtitles-error");
        StudioFixture.await("refusal shown", () -> error.getText().contains("#RRGGBB"));
        assertNull(new RenderRepository(demo.database()).subtitleStyle(ferry), "nothing stored");
        StudioFixture.screenshot(preset.getScene(), "subtitles-dialog.png");

        StudioFixture.fx(() -> color.setText("yellow"));
        robot.clickOn(shown(robot, "#subtitles-apply"));
        StudioFixture.await("style stored", () -> new RenderRepository(demo.database()).subtitleStyle(ferry) != null);
        ai.cinboard.domain.SubtitleStyle stored = new RenderRepository(demo.database()).subtitleStyle(ferry);
        assertEquals("boxed", stored.preset());
        assertEquals("#FFD400", stored.color());
        StudioFixture.await(
                "the final video is stale",
                () -> fx.window.viewModel().model().stalenessProperty().get().finalVideo());
        // back to automatic, so the other test starts from the rendered project's own settings
        StudioFixture.fx(() -> fx.window.viewModel().render().setSubtitleStyle(null));
        StudioFixture.await(
                "style taken out", () -> new RenderRepository(demo.database()).subtitleStyle(ferry) == null);
        fx.settle();
    }

    /** The menu bar's item with that id ("#menu-loudness-14"), at any depth. */
    private static javafx.scene.control.MenuItem menuItem(FxRobot robot, String id) {
        javafx.scene.control.MenuBar bar = robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        java.util.Deque<javafx.scene.control.MenuItem> open = new java.util.ArrayDeque<>(bar.getMenus());
        while (!open.isEmpty()) {
            javafx.scene.control.MenuItem item = open.pop();
            if (id.equals("#" + item.getId())) return item;
            if (item instanceof javafx.scene.control.Menu m) open.addAll(m.getItems());
        }
        throw new AssertionError("no menu item " + id);
    }

    /** The node with this id in a window that is showing (menus keep hidden copies of their items), or null. */
    private static javafx.scene.Node shown(FxRobot robot, String id) {
        return robot.lookup(id)
                .match((javafx.scene.Node n) -> n.getScene() != null
                        && n.getScene().getWindow() != null
                        && n.getScene().getWindow().isShowing()
                        && n.isVisible())
                .query();
    }
}
