package ai.cinboard.ui.viewmodel;

import ai.cinboard.domain.Keyframe;
import ai.cinboard.domain.KeyframeImage;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** One keyframe as the storyboard shows it. */
public final class KeyframeItem {
    private final int id;
    private final int sceneId;
    private final int sequence;
    private final StringProperty imageUrl = new SimpleStringProperty(this, "imageUrl");
    /** The storyboard-size thumbnail stored beside the image at render time; null for images rendered before. */
    private String thumbnailUrl;
    /** The image that thumbnail was made from: after another take is chosen it no longer applies. */
    private String thumbnailOfImage;

    private String quality;
    private final StringProperty description = new SimpleStringProperty(this, "description");
    private final IntegerProperty timing = new SimpleIntegerProperty(this, "timing");
    private final BooleanProperty locked = new SimpleBooleanProperty(this, "locked");
    private final IntegerProperty take = new SimpleIntegerProperty(this, "take", 1);
    private final ObservableList<TakeItem> takes = FXCollections.observableArrayList();
    private final BooleanProperty stale = new SimpleBooleanProperty(this, "stale");

    public KeyframeItem(Keyframe k) {
        this(k, List.of());
    }

    /** {@code takes} in take order, one per take number. */
    public KeyframeItem(Keyframe k, List<TakeItem> takes) {
        this.id = k.id();
        this.sceneId = k.sceneId();
        this.sequence = k.sequence() == null ? 0 : k.sequence();
        this.imageUrl.set(k.imageUrl());
        this.thumbnailUrl = thumbnailOf(k);
        this.thumbnailOfImage = k.imageUrl();
        this.quality = k.qualityScore() == null ? "–" : k.qualityScore().toPlainString();
        this.description.set(k.keyframeDescription() == null ? "" : k.keyframeDescription());
        this.timing.set(k.timingSeconds() == null ? 0 : k.timingSeconds());
        this.locked.set(Boolean.TRUE.equals(k.locked()));
        this.take.set(k.take() == null ? 1 : k.take());
        this.takes.setAll(takes);
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

    private static String thumbnailOf(Keyframe k) {
        return k.generationParams() != null
                        && k.generationParams().get(KeyframeImage.THUMBNAIL_PARAM) instanceof String url
                ? url
                : null;
    }

    /** What the storyboard shows at its display size: the stored thumbnail, or else the image itself. */
    public String thumbnailUrl() {
        return thumbnailUrl != null && java.util.Objects.equals(thumbnailOfImage, imageUrl.get())
                ? thumbnailUrl
                : imageUrl.get();
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

    /** The number (1-based) of the take shown as the keyframe's image. */
    public IntegerProperty takeProperty() {
        return take;
    }

    /** Every take, in order; the strip under the large preview shows them. */
    public ObservableList<TakeItem> takes() {
        return takes;
    }

    /** Its image no longer matches its inputs (derived from the service's staleness, never set by hand). */
    public BooleanProperty staleProperty() {
        return stale;
    }

    /** Takes the stored values of the same keyframe after a background job changed it. */
    void updateFrom(KeyframeItem stored) {
        thumbnailUrl = stored.thumbnailUrl;
        thumbnailOfImage = stored.thumbnailOfImage;
        imageUrl.set(stored.imageUrl.get());
        quality = stored.quality;
        description.set(stored.description.get());
        timing.set(stored.timing.get());
        locked.set(stored.locked.get());
        take.set(stored.take.get());
        if (!takes.equals(stored.takes)) takes.setAll(stored.takes);
    }
}
