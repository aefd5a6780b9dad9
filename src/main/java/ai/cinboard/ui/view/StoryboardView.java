package ai.cinboard.ui.view;

import ai.cinboard.ui.viewmodel.KeyframeItem;
import ai.cinboard.ui.viewmodel.SceneRow;
import ai.cinboard.ui.viewmodel.StoryboardViewModel;
import java.math.RoundingMode;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** Storyboard: a virtualized list of scenes with keyframe thumbnails, and the selected keyframe large. */
public final class StoryboardView extends SplitPane {
    public static final int THUMB_W = 160, THUMB_H = 90, LARGE_W = 560, LARGE_H = 315;
    private static final String DRAG_PREFIX = "cinboard-scene:";

    private final StoryboardViewModel vm;
    private final Thumbnails thumbnails;
    private final ListView<SceneRow> list = new ListView<>();

    public StoryboardView(StoryboardViewModel vm, Thumbnails thumbnails) {
        this.vm = vm;
        this.thumbnails = thumbnails;
        setId("storyboard");
        list.setId("scene-list");
        list.setItems(vm.scenes());
        list.setCellFactory(l -> new SceneCell());
        list.setFixedCellSize(THUMB_H + 34);
        list.setPlaceholder(new Label("Open a project from the Library (Ctrl+1) or create one (Ctrl+N)."));
        vm.selectedProperty().addListener((o, a, b) -> list.refresh());
        vm.revisionProperty().addListener((o, a, b) -> list.refresh());
        getItems().addAll(list, detail());
        setDividerPositions(0.62);
    }

    public ListView<SceneRow> list() {
        return list;
    }

    private VBox detail() {
        ImageView large = new ImageView();
        large.setFitWidth(LARGE_W);
        large.setFitHeight(LARGE_H);
        large.setPreserveRatio(true);
        large.setId("keyframe-large");
        StackPane frame = Theme.styled(new StackPane(large), Theme.PREVIEW);
        frame.setMinHeight(180);
        frame.setPrefHeight(LARGE_H);
        large.fitWidthProperty().bind(Bindings.min(LARGE_W, frame.widthProperty()));
        Runnable showLarge = () -> {
            KeyframeItem k = vm.selectedProperty().get();
            thumbnails.load(large, k == null ? null : k.imageUrlProperty().get(), LARGE_W, LARGE_H);
        };
        vm.selectedProperty().addListener((o, a, k) -> showLarge.run());
        vm.revisionProperty().addListener((o, a, b) -> showLarge.run());

        Label title = Theme.styled(new Label(), Theme.TITLE);
        title.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            KeyframeItem k = vm.selectedProperty().get();
                            SceneRow s = vm.selectedScene();
                            return k == null
                                    ? "Select a keyframe"
                                    : "Scene " + (s == null ? "?" : s.sceneNumber()) + " · keyframe "
                                            + (k.sequence() + 1);
                        },
                        vm.selectedProperty()));
        Label quality = Theme.styled(new Label(), Theme.MUTED);
        quality.setId("keyframe-quality");
        quality.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            KeyframeItem k = vm.selectedProperty().get();
                            return k == null
                                    ? ""
                                    : "Quality score " + k.quality()
                                            + (k.lockedProperty().get() ? " · approved" : "");
                        },
                        vm.selectedProperty(),
                        vm.editDescriptionProperty(),
                        vm.revisionProperty()));

        TextArea description = new TextArea();
        description.setId("keyframe-description");
        description.setWrapText(true);
        description.setPrefRowCount(4);
        description.textProperty().bindBidirectional(vm.editDescriptionProperty());
        Spinner<Integer> timing = new Spinner<>(0, 600, 0);
        timing.setId("keyframe-timing");
        timing.setEditable(true);
        timing.setPrefWidth(90);
        timing.getValueFactory().valueProperty().addListener((o, a, b) -> {
            if (b != null) vm.editTimingProperty().set(b);
        });
        vm.editTimingProperty()
                .addListener((o, a, b) -> timing.getValueFactory().setValue(b.intValue()));

        Button apply = new Button("Save edit");
        apply.setId("apply-edit");
        apply.setDefaultButton(false);
        apply.setOnAction(e -> vm.applyEdit());
        Button revert = new Button("Revert");
        revert.setOnAction(e -> vm.resetEdits());
        Button lock = new Button();
        lock.setId("toggle-lock");
        lock.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            KeyframeItem k = vm.selectedProperty().get();
                            return k != null && k.lockedProperty().get() ? "Unlock" : "Approve (lock)";
                        },
                        vm.selectedProperty(),
                        vm.editDescriptionProperty(),
                        vm.editTimingProperty()));
        lock.setOnAction(e -> {
            vm.toggleLock();
            list.refresh();
        });
        Button regen = new Button("Regenerate keyframe");
        regen.setId("regenerate-keyframe");
        regen.setOnAction(e -> vm.regenerateSelectedKeyframe());
        Button regenScene = new Button("Regenerate scene");
        regenScene.setId("regenerate-scene");
        regenScene.setOnAction(e -> vm.regenerateScene(vm.selectedScene()));
        for (Button b : new Button[] {apply, revert, lock, regen, regenScene})
            b.disableProperty().bind(vm.noSelectionProperty());
        description.disableProperty().bind(vm.noSelectionProperty());
        timing.disableProperty().bind(vm.noSelectionProperty());

        HBox timingRow = new HBox(8, new Label("Timing (s in scene)"), timing, apply, revert);
        timingRow.setAlignment(Pos.CENTER_LEFT);
        HBox actions = new HBox(8, lock, regen, regenScene);
        VBox box = Theme.styled(
                new VBox(8, frame, title, quality, new Label("Description"), description, timingRow, actions),
                Theme.PANEL);
        box.setMinWidth(320);
        return box;
    }

    private final class SceneCell extends ListCell<SceneRow> {
        private final Label heading = Theme.styled(new Label(), Theme.TITLE);
        private final Label meta = Theme.styled(new Label(), Theme.MUTED);
        private final HBox thumbs = new HBox(8);
        private final ImageView[] views = new ImageView[3];
        private final StackPane[] frames = new StackPane[3];
        private final Label[] badges = new Label[3];
        private final Tooltip[] tips = new Tooltip[3];
        private final HBox root;

        SceneCell() {
            for (int i = 0; i < 3; i++) {
                ImageView v = new ImageView();
                v.setFitWidth(THUMB_W);
                v.setFitHeight(THUMB_H);
                v.setPreserveRatio(true);
                Label badge = Theme.styled(new Label("✔"), Theme.BADGE);
                StackPane.setAlignment(badge, Pos.TOP_RIGHT);
                StackPane.setMargin(badge, new Insets(3));
                StackPane f = Theme.styled(new StackPane(v, badge), Theme.THUMB);
                f.setPrefSize(THUMB_W + 4, THUMB_H + 4);
                f.setMaxSize(THUMB_W + 4, THUMB_H + 4);
                int index = i;
                // On press, not click: a click needs press and release on the same node, and a refresh between
                // them (a job finishing, a selection elsewhere) would make the click select nothing.
                f.setOnMousePressed(e -> {
                    SceneRow r = getItem();
                    if (r != null && index < r.keyframes().size())
                        vm.selectedProperty().set(r.keyframes().get(index));
                });
                tips[i] = new Tooltip();
                Tooltip.install(f, tips[i]);
                views[i] = v;
                frames[i] = f;
                badges[i] = badge;
            }
            VBox text = new VBox(4, heading, meta);
            text.setPrefWidth(200);
            text.setMaxWidth(200);
            text.setMinWidth(160);
            heading.setWrapText(true);
            meta.setWrapText(true);
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            root = Theme.styled(new HBox(12, text, thumbs), Theme.SCENE_ROW);
            setupDrag();
        }

        @Override
        protected void updateItem(SceneRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            heading.setText(row.sceneNumber() + ". " + row.heading());
            meta.setText(row.durationProperty().get().setScale(1, RoundingMode.HALF_UP) + " s"
                    + (row.characterNames().isEmpty() ? "" : " · " + String.join(", ", row.characterNames())));
            // Updated in place: refresh() calls this on every selection and revision change, and replacing the
            // frames under the mouse would lose a click that is under way.
            int shown = Math.min(3, row.keyframes().size());
            if (thumbs.getChildren().size() != shown)
                thumbs.getChildren().setAll(java.util.Arrays.asList(frames).subList(0, shown));
            for (int i = 0; i < shown; i++) {
                KeyframeItem k = row.keyframes().get(i);
                thumbnails.load(views[i], k.imageUrlProperty().get(), THUMB_W, THUMB_H);
                badges[i].setVisible(k.lockedProperty().get());
                Theme.toggle(
                        frames[i], Theme.SELECTED, k == vm.selectedProperty().get());
                tips[i].setText(k.descriptionProperty().get());
            }
            if (getGraphic() != root) setGraphic(root);
        }

        private void setupDrag() {
            setOnDragDetected(e -> {
                if (getItem() == null) return;
                Dragboard db = startDragAndDrop(TransferMode.MOVE);
                ClipboardContent c = new ClipboardContent();
                c.putString(DRAG_PREFIX + getIndex());
                db.setContent(c);
                e.consume();
            });
            setOnDragOver(e -> {
                if (e.getDragboard().hasString() && e.getDragboard().getString().startsWith(DRAG_PREFIX)) {
                    e.acceptTransferModes(TransferMode.MOVE);
                    Theme.toggle(this, Theme.DROP_TARGET, true);
                }
                e.consume();
            });
            setOnDragExited(e -> Theme.toggle(this, Theme.DROP_TARGET, false));
            setOnDragDropped(e -> {
                boolean ok = false;
                String s = e.getDragboard().getString();
                if (s != null && s.startsWith(DRAG_PREFIX)) {
                    int from = Integer.parseInt(s.substring(DRAG_PREFIX.length()));
                    int to = isEmpty() ? list.getItems().size() - 1 : getIndex();
                    vm.moveScene(from, to);
                    list.getSelectionModel().select(to);
                    ok = true;
                }
                e.setDropCompleted(ok);
                e.consume();
            });
        }
    }
}
