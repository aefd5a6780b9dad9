package ai.cinboard.ui.viewmodel;

import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.SubtitleStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Project ▸ Subtitles…: a preset, or {@link SubtitleStyle#AUTOMATIC} (classic, burned in only without a voiceover),
 * and its settings, which choosing a preset fills in and the user can change. Apply checks them and hands the style
 * to the project's render settings ({@link ProjectRenderViewModel#setSubtitleStyle}).
 */
public final class SubtitlesViewModel {
    /** What the preset list offers: automatic first, then the presets. */
    public static final List<String> CHOICES = choices();

    private final StringProperty preset = new SimpleStringProperty(this, "preset");
    private final ObjectProperty<SubtitleStyle.Face> font = new SimpleObjectProperty<>(this, "font");
    private final DoubleProperty size = new SimpleDoubleProperty(this, "size");
    private final StringProperty color = new SimpleStringProperty(this, "color");
    private final DoubleProperty outline = new SimpleDoubleProperty(this, "outline");
    private final BooleanProperty box = new SimpleBooleanProperty(this, "box");
    private final ObjectProperty<SubtitleStyle.Position> position = new SimpleObjectProperty<>(this, "position");
    private final BooleanProperty wordHighlight = new SimpleBooleanProperty(this, "wordHighlight");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final BooleanBinding automatic = Bindings.equal(SubtitleStyle.AUTOMATIC, preset);
    private final Consumer<SubtitleStyle> store;

    SubtitlesViewModel(SubtitleStyle stored, Consumer<SubtitleStyle> store) {
        this.store = store;
        fill(stored == null ? SubtitleStyle.CLASSIC : stored);
        preset.set(stored == null ? SubtitleStyle.AUTOMATIC : stored.preset());
        // a preset chosen fills in its settings; automatic shows classic's
        preset.addListener((o, a, name) -> {
            if (name != null) {
                fill(name.equals(SubtitleStyle.AUTOMATIC) ? SubtitleStyle.CLASSIC : SubtitleStyle.preset(name));
            }
        });
    }

    private void fill(SubtitleStyle s) {
        font.set(s.font());
        size.set(s.size());
        color.set(s.color());
        outline.set(s.outline());
        box.set(s.box());
        position.set(s.position());
        wordHighlight.set(s.wordHighlight());
    }

    /**
     * The style the fields describe, checked (null for automatic); a bad setting sets {@link #errorProperty} and
     * stores nothing. Returns whether it was stored.
     */
    public boolean apply() {
        SubtitleStyle style;
        try {
            style = automatic.get()
                    ? null
                    : SubtitleStyle.preset(preset.get())
                            .withFont(font.get())
                            .withSize(SubtitleStyle.parseSize(Double.toString(size.get())))
                            .withColor(SubtitleStyle.parseColor(color.get()))
                            .withOutline(SubtitleStyle.parseOutline(Double.toString(outline.get())))
                            .withBox(box.get())
                            .withPosition(position.get())
                            .withWordHighlight(wordHighlight.get());
        } catch (StudioException e) {
            error.set(e.getMessage());
            return false;
        }
        error.set("");
        store.accept(style);
        return true;
    }

    public StringProperty presetProperty() {
        return preset;
    }

    /** True while automatic is chosen: the settings are classic's and can't be changed. */
    public BooleanBinding automaticProperty() {
        return automatic;
    }

    public ObjectProperty<SubtitleStyle.Face> fontProperty() {
        return font;
    }

    public DoubleProperty sizeProperty() {
        return size;
    }

    /** "#RRGGBB" (or a colour name as typed; checked on apply). */
    public StringProperty colorProperty() {
        return color;
    }

    public DoubleProperty outlineProperty() {
        return outline;
    }

    public BooleanProperty boxProperty() {
        return box;
    }

    public ObjectProperty<SubtitleStyle.Position> positionProperty() {
        return position;
    }

    public BooleanProperty wordHighlightProperty() {
        return wordHighlight;
    }

    /** Why apply refused, in one sentence; empty when it did not. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    private static List<String> choices() {
        List<String> c = new ArrayList<>();
        c.add(SubtitleStyle.AUTOMATIC);
        SubtitleStyle.PRESETS.forEach(p -> c.add(p.preset()));
        return List.copyOf(c);
    }
}
