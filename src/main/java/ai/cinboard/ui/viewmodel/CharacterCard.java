package ai.cinboard.ui.viewmodel;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** One character card. */
public final class CharacterCard {
    private final int id;
    private final String name;
    private final String consistencyKey;
    private String imageUrl;
    private final List<String> sceneHeadings;
    private List<String> galleryUrls;
    private final StringProperty description = new SimpleStringProperty(this, "description");
    private final BooleanProperty stale = new SimpleBooleanProperty(this, "stale");
    private final IntegerProperty take = new SimpleIntegerProperty(this, "take", 1);
    private final ObservableList<TakeItem> takes = FXCollections.observableArrayList();

    public CharacterCard(
            int id,
            String name,
            String description,
            String consistencyKey,
            String imageUrl,
            List<String> sceneHeadings,
            List<String> galleryUrls) {
        this(id, name, description, consistencyKey, imageUrl, sceneHeadings, galleryUrls, 1, List.of());
    }

    /** {@code takes}: the reference sheet's takes in order; {@code take} the current one's number. */
    public CharacterCard(
            int id,
            String name,
            String description,
            String consistencyKey,
            String imageUrl,
            List<String> sceneHeadings,
            List<String> galleryUrls,
            int take,
            List<TakeItem> takes) {
        this.id = id;
        this.name = name;
        this.consistencyKey = consistencyKey;
        this.imageUrl = imageUrl;
        this.sceneHeadings = List.copyOf(sceneHeadings);
        this.galleryUrls = List.copyOf(galleryUrls);
        this.description.set(description == null ? "" : description);
        this.take.set(take);
        this.takes.setAll(takes);
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String consistencyKey() {
        return consistencyKey;
    }

    public String imageUrl() {
        return imageUrl;
    }

    public List<String> sceneHeadings() {
        return sceneHeadings;
    }

    public List<String> galleryUrls() {
        return galleryUrls;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    /** Its reference sheet no longer matches its description (derived from the service's staleness). */
    public BooleanProperty staleProperty() {
        return stale;
    }

    /** The number (1-based) of the reference sheet's current take. */
    public IntegerProperty takeProperty() {
        return take;
    }

    /** Every take of the reference sheet, in order. */
    public ObservableList<TakeItem> takes() {
        return takes;
    }

    /** Shows take {@code t} with its reference image (a take chosen in the window, or its undo). */
    void showTake(int t, String url) {
        imageUrl = url;
        take.set(t);
    }

    /** Takes the stored values of the same character after a background job changed it. */
    void updateFrom(CharacterCard stored) {
        imageUrl = stored.imageUrl;
        galleryUrls = stored.galleryUrls;
        description.set(stored.description.get());
        take.set(stored.take.get());
        if (!takes.equals(stored.takes)) takes.setAll(stored.takes);
    }
}
