package ai.cinboard.ui.viewmodel;

import ai.cinboard.domain.Keyframe;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One keyframe as the storyboard shows it. */
public final class KeyframeItem {
    private final int id;
    private final int sceneId;
    private final int sequence;
    private final StringProperty imageUrl = new SimpleStringProperty(this, "imageUrl");
    private String quality;
    private final StringProperty description = new SimpleStringProperty(this, "description");
    private final IntegerProperty timing = new SimpleIntegerProperty(this, "timing");
    private final BooleanProperty locked = new SimpleBooleanProperty(this, "locked");

    public KeyframeItem(Keyframe k) {
        this.id = k.id();
        this.sceneId = k.sceneId();
        this.sequence = k.sequence() == null ? 0 : k.sequence();
        this.imageUrl.set(k.imageUrl());
        this.quality = k.qualityScore() == null ? "–" : k.qualityScore().toPlainString();
        this.description.set(k.keyframeDescription() == null ? "" : k.keyframeDescription());
        this.timing.set(k.timingSeconds() == null ? 0 : k.timingSeconds());
        this.locked.set(Boolean.TRUE.equals(k.locked()));
    }

    public int id() {
        return id;
    }

    public int sceneId() {
        return sceneId;
    }

    public int sequence() {
        return sequence;
    }

    public String quality() {
        return quality;
    }

    public StringProperty imageUrlProperty() {
        return imageUrl;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public IntegerProperty timingProperty() {
        return timing;
    }

    public BooleanProperty lockedProperty() {
        return locked;
    }

    /** Takes the stored values of the same keyframe after a background job changed it. */
    void updateFrom(KeyframeItem stored) {
        imageUrl.set(stored.imageUrl.get());
        quality = stored.quality;
        description.set(stored.description.get());
        timing.set(stored.timing.get());
        locked.set(stored.locked.get());
    }
}
