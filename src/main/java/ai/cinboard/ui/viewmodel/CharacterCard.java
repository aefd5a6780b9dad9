package ai.cinboard.ui.viewmodel;

import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One character card. */
public final class CharacterCard {
    private final int id;
    private final String name;
    private final String consistencyKey;
    private String imageUrl;
    private final List<String> sceneHeadings;
    private List<String> galleryUrls;
    private final StringProperty description = new SimpleStringProperty(this, "description");

    public CharacterCard(
            int id,
            String name,
            String description,
            String consistencyKey,
            String imageUrl,
            List<String> sceneHeadings,
            List<String> galleryUrls) {
        this.id = id;
        this.name = name;
        this.consistencyKey = consistencyKey;
        this.imageUrl = imageUrl;
        this.sceneHeadings = List.copyOf(sceneHeadings);
        this.galleryUrls = List.copyOf(galleryUrls);
        this.description.set(description == null ? "" : description);
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

    /** Takes the stored values of the same character after a background job changed it. */
    void updateFrom(CharacterCard stored) {
        imageUrl = stored.imageUrl;
        galleryUrls = stored.galleryUrls;
        description.set(stored.description.get());
    }
}
