package ai.cinboard.ui.view;

import ai.cinboard.ui.viewmodel.CharacterCard;
import ai.cinboard.ui.viewmodel.CharactersViewModel;
import ai.cinboard.ui.viewmodel.StoryboardViewModel;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.controlsfx.control.GridCell;
import org.controlsfx.control.GridView;

/** Characters: one card per character, and the selected one's description, scenes and gallery. */
public final class CharactersView extends SplitPane {
    public static final int REF = 150, GALLERY = 112, TAKE = 64;
    public static final ButtonType WITH_KEYFRAMES =
            new ButtonType("Also regenerate keyframes", ButtonBar.ButtonData.YES);
    public static final ButtonType REFERENCE_ONLY = new ButtonType("Reference only", ButtonBar.ButtonData.NO);

    private final CharactersViewModel vm;
    private final Thumbnails thumbnails;
    private final FlowPane cards = new FlowPane(12, 12);
    private final TextArea description = new TextArea();
    private final Label name = Theme.styled(new Label("No character selected"), Theme.HEADING);
    private final Label key = Theme.styled(new Label(), Theme.MONO);
    private final Label scenes = Theme.styled(new Label(), Theme.MUTED);
    /** The selected character's images; ControlsFX's GridView only builds cells for the rows on screen. */
    private final GridView<String> gallery = new GridView<>();
    /** Asks whether to regenerate keyframes too: Optional.empty() = cancel. Replaceable for tests. */
    private Function<CharacterCard, Optional<Boolean>> asker = this::ask;

    /** The selected character's reference sheet takes; a click makes one current. */
    private final TakeStrip takes;

    public CharactersView(CharactersViewModel vm, Thumbnails thumbnails) {
        this.vm = vm;
        this.thumbnails = thumbnails;
        takes = new TakeStrip("character-take-strip", "character-take-", thumbnails, TAKE, TAKE, vm::useTake);
        javafx.beans.InvalidationListener takeChanged = o -> {
            showSelected();
            rebuildCards();
        };
        vm.selectedProperty().addListener((o, a, b) -> {
            if (a != null) a.takeProperty().removeListener(takeChanged);
            if (b != null) b.takeProperty().addListener(takeChanged);
        });
        setId("characters");
        cards.setPadding(new Insets(12));
        cards.setId("character-cards");
        ScrollPane cardScroll = new ScrollPane(cards);
        cardScroll.setFitToWidth(true);
        vm.characters().addListener((ListChangeListener<CharacterCard>) c -> rebuildCards());
        vm.selectedProperty().addListener((o, a, b) -> {
            showSelected();
            rebuildCards();
        });
        vm.revisionProperty().addListener((o, a, b) -> {
            showSelected();
            rebuildCards();
        });
        vm.stalenessProperty().addListener((o, a, b) -> rebuildCards());

        description.setId("character-description");
        description.setWrapText(true);
        description.setPrefRowCount(4);
        Button save = new Button("Save description…");
        save.setId("save-character");
        save.setOnAction(e -> saveDescription());
        save.disableProperty().bind(vm.selectedProperty().isNull());
        scenes.setWrapText(true);
        gallery.setId("character-gallery");
        gallery.setCellWidth(GALLERY);
        gallery.setCellHeight(GALLERY);
        gallery.setHorizontalCellSpacing(4);
        gallery.setVerticalCellSpacing(4);
        gallery.setPrefHeight(2 * (GALLERY + 8) + 8);
        gallery.setMinHeight(GALLERY + 16);
        gallery.setCellFactory(g -> new GalleryCell());
        key.setWrapText(true);
        // The detail pane fits the viewport's height; without these the key and the scene list were squeezed to one
        // elided line ("Consistency key ...") once the take strip joined the pane, instead of the pane scrolling.
        key.setMinHeight(Region.USE_PREF_SIZE);
        scenes.setMinHeight(Region.USE_PREF_SIZE);
        VBox detail = Theme.styled(
                new VBox(
                        8,
                        name,
                        key,
                        new Label("Description"),
                        description,
                        save,
                        new HBox(8, Theme.styled(new Label("Takes of the reference sheet"), Theme.TITLE), newTakes()),
                        takes,
                        Theme.styled(new Label("Appears in"), Theme.TITLE),
                        scenes,
                        Theme.styled(new Label("Gallery"), Theme.TITLE),
                        gallery),
                Theme.PANEL);
        ScrollPane detailScroll = new ScrollPane(detail);
        detailScroll.setFitToWidth(true);
        detailScroll.setFitToHeight(true);
        getItems().addAll(cardScroll, detailScroll);
        setDividerPositions(0.55);
        rebuildCards();
        showSelected();
    }

    /** "New takes…": one new take, or several candidates of which the best scoring becomes current. */
    private MenuButton newTakes() {
        MenuButton menu = new MenuButton("New takes…");
        menu.setId("character-new-takes");
        menu.setTooltip(new Tooltip("Make new takes of the reference sheet; the best scoring one becomes current"));
        for (int n : new int[] {1, 2, 3, 4, 6, StoryboardViewModel.MAX_CANDIDATES}) {
            MenuItem item = new MenuItem(n == 1 ? "1 new take" : n + " candidates");
            item.setId("character-takes-" + n);
            item.setOnAction(e -> vm.newTakesOfSelected(n));
            menu.getItems().add(item);
        }
        menu.disableProperty().bind(vm.selectedProperty().isNull());
        return menu;
    }

    public void setAsker(Function<CharacterCard, Optional<Boolean>> asker) {
        this.asker = asker;
    }

    private void rebuildCards() {
        cards.getChildren().clear();
        for (CharacterCard c : vm.characters()) {
            ImageView ref = new ImageView();
            ref.setFitWidth(REF);
            ref.setFitHeight(REF);
            ref.setPreserveRatio(true);
            thumbnails.load(ref, c.imageUrl(), REF, REF);
            Label n = Theme.styled(new Label(c.name()), Theme.TITLE);
            Label d = new Label();
            d.textProperty().bind(c.descriptionProperty());
            d.setWrapText(true);
            d.setMaxHeight(54);
            Label k = Theme.styled(new Label(c.consistencyKey()), Theme.MONO);
            Label s = Theme.styled(
                    new Label("In " + c.sceneHeadings().size()
                            + (c.sceneHeadings().size() == 1 ? " scene" : " scenes")),
                    Theme.MUTED);
            VBox text = new VBox(4, n, k, d, s);
            if (c.staleProperty().get()) {
                text.getChildren().add(Theme.styled(new Label("reference sheet stale"), Theme.BADGE, Theme.STALE));
            }
            text.setPrefWidth(190);
            HBox card = Theme.styled(new HBox(10, ref, text), Theme.CARD);
            card.setId("character-card-" + c.id());
            card.setPrefWidth(REF + 220);
            Theme.toggle(card, Theme.SELECTED, c == vm.selectedProperty().get());
            card.setOnMouseClicked(e -> vm.selectedProperty().set(c));
            cards.getChildren().add(card);
        }
    }

    private void showSelected() {
        CharacterCard c = vm.selectedProperty().get();
        gallery.getItems().setAll(c == null ? List.of() : c.galleryUrls());
        takes.show(
                c == null ? List.of() : List.copyOf(c.takes()),
                c == null ? 0 : c.takeProperty().get());
        if (c == null) {
            name.setText("No character selected");
            key.setText("");
            description.setText("");
            scenes.setText("");
            return;
        }
        name.setText(c.name());
        key.setText("Consistency key " + c.consistencyKey());
        description.setText(c.descriptionProperty().get());
        scenes.setText(c.sceneHeadings().isEmpty() ? "No scenes" : String.join("\n", c.sceneHeadings()));
    }

    private final class GalleryCell extends GridCell<String> {
        private final ImageView view = new ImageView();
        private final StackPane frame = Theme.styled(new StackPane(view), Theme.THUMB);

        GalleryCell() {
            view.setFitWidth(GALLERY - 6);
            view.setFitHeight(GALLERY - 6);
            view.setPreserveRatio(true);
        }

        @Override
        protected void updateItem(String url, boolean empty) {
            super.updateItem(url, empty);
            if (empty || url == null) {
                setGraphic(null);
                return;
            }
            thumbnails.load(view, url, GALLERY - 6, GALLERY - 6);
            setGraphic(frame);
        }
    }

    private void saveDescription() {
        CharacterCard c = vm.selectedProperty().get();
        if (c == null) return;
        String text = description.getText();
        if (text.strip().equals(c.descriptionProperty().get())) return;
        asker.apply(c).ifPresent(withKeyframes -> vm.editDescription(c, text, withKeyframes));
    }

    private Optional<Boolean> ask(CharacterCard c) {
        Alert a = new Alert(
                Alert.AlertType.CONFIRMATION,
                "The reference image of " + c.name() + " will be regenerated. Regenerate every unlocked keyframe "
                        + c.name() + " appears in as well?",
                WITH_KEYFRAMES,
                REFERENCE_ONLY,
                ButtonType.CANCEL);
        a.setHeaderText("Regenerate " + c.name());
        Window w = getScene() == null ? null : getScene().getWindow();
        if (w != null) {
            a.initOwner(w);
            a.getDialogPane().getStylesheets().addAll(getScene().getStylesheets());
        }
        Optional<ButtonType> r = a.showAndWait();
        if (r.isEmpty() || r.get() == ButtonType.CANCEL) return Optional.empty();
        return Optional.of(r.get() == WITH_KEYFRAMES);
    }
}
