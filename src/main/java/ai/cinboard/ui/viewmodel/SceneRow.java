package ai.cinboard.ui.viewmodel;

import ai.cinboard.domain.Transition;
import java.math.BigDecimal;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/** One scene as the storyboard and the timeline show it. Shared by both views. */
public final class SceneRow {
    private final int id;
    private final int sceneNumber;
    private final String heading;
    private final List<String> characterNames;
    private final List<KeyframeItem> keyframes;
    private String clipUrl;
    private final ObjectProperty<BigDecimal> duration = new SimpleObjectProperty<>(this, "duration");
    private final BooleanProperty clipStale = new SimpleBooleanProperty(this, "clipStale");
    private final ObjectProperty<Transition> transition = new SimpleObjectProperty<>(this, "transition");

    public SceneRow(
            int id,
            int sceneNumber,
            String heading,
            BigDecimal duration,
            List<String> characterNames,
            List<KeyframeItem> keyframes,
            String clipUrl,
            Transition transition) {
        this.id = id;
        this.sceneNumber = sceneNumber;
        this.heading = heading;
        this.characterNames = List.copyOf(characterNames);
        this.keyframes = List.copyOf(keyframes);
        this.clipUrl = clipUrl;
        this.duration.set(duration == null ? BigDecimal.ONE : duration);
        this.transition.set(transition == null ? Transition.DEFAULT : transition);
    }

    public int id() {
        return id;
    }

    public int sceneNumber() {
        return sceneNumber;
    }

    public String heading() {
        return heading;
    }

    public List<String> characterNames() {
        return characterNames;
    }

    public List<KeyframeItem> keyframes() {
        return keyframes;
    }

    public String clipUrl() {
        return clipUrl;
    }

    public ObjectProperty<BigDecimal> durationProperty() {
        return duration;
    }

    /** How the scene opens from the one before it in the edit (not used for the first). */
    public ObjectProperty<Transition> transitionProperty() {
        return transition;
    }

    /** Its clip no longer matches its inputs, or it has none yet (derived from the service's staleness). */
    public BooleanProperty clipStaleProperty() {
        return clipStale;
    }

    public double seconds() {
        return duration.get().doubleValue();
    }

    /** Takes the stored values of the same scene after a background job changed it. */
    void updateFrom(SceneRow stored) {
        clipUrl = stored.clipUrl;
        duration.set(stored.duration.get());
        transition.set(stored.transition.get());
        for (int i = 0; i < keyframes.size(); i++) keyframes.get(i).updateFrom(stored.keyframes.get(i));
    }

    /** Same scene with the same keyframes (so it can be updated in place). */
    boolean sameShape(SceneRow other) {
        if (other.id != id || other.keyframes.size() != keyframes.size()) return false;
        for (int i = 0; i < keyframes.size(); i++) {
            if (keyframes.get(i).id() != other.keyframes.get(i).id()) return false;
        }
        return true;
    }
}
