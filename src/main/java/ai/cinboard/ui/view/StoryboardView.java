package ai.cinboard.ui.view;

import ai.cinboard.domain.KeyframeImage;
import ai.cinboard.domain.Transition;
import ai.cinboard.ui.viewmodel.ClipPlayer;
import ai.cinboard.ui.viewmodel.KeyframeItem;
import ai.cinboard.ui.viewmodel.SceneRow;
import ai.cinboard.ui.viewmodel.StoryboardViewModel;
import java.math.RoundingMode;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Storyboard: a virtualized list of scenes with keyframe thumbnails, and the selected keyframe large. A scene's clip
 * plays inline in its row (in place of its thumbnails), and the seconds around the selected keyframe play in the
 * large preview.
 */
public final class StoryboardView extends SplitPane {
    public static final int THUMB_W = KeyframeImage.THUMBNAIL_WIDTH,
            THUMB_H = KeyframeImage.THUMBNAIL_HEIGHT,
            LARGE_W = 560,
            LARGE_H = 315,
            TAKE_W = 96,
            TAKE_H = 54;
    private static final String DRAG_PREFIX = "cinboard-scene:";

    private final StoryboardViewModel vm;
    private final Thumbnails thumbnails;
    private final ListView<SceneRow> list = new ListView<>();
    private final TakeStrip takes;
    /** Changes whenever the selected keyframe's take or takes change (texts that show them redraw). */
    private final javafx.beans.property.IntegerProperty shownTake = new javafx.beans.property.SimpleIntegerProperty();
    /** The one inline player: the row whose clip plays shows it in place of its thumbnails. */
    private final HBox inlinePlayer;

    private final AnimationTimer timer;

    public StoryboardView(StoryboardViewModel vm, Thumbnails thumbnails) {
        this.vm = vm;
        this.thumbnails = thumbnails;
        takes = new TakeStrip("take-strip", "take-", thumbnails, TAKE_W, TAKE_H, vm::useTake);
        setId("storyboard");
        list.setId("scene-list");
        list.setItems(vm.scenes());
        list.setCellFactory(l -> new SceneCell());
        list.setFixedCellSize(THUMB_H + 34);
        list.setPlaceholder(new Label("Open a project from the Library (Ctrl+1) or create one (Ctrl+N)."));
        vm.selectedProperty().addListener((o, a, b) -> list.refresh());
        vm.revisionProperty().addListener((o, a, b) -> list.refresh());
        vm.stalenessProperty().addListener((o, a, b) -> list.refresh());
        inlinePlayer = inlinePlayer();
        ClipPlayer player = vm.player();
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                player.tick(); // the position follows the playback clock, not the pulse
                if (player.playingProperty().get() == null) stop();
            }
        };
        player.playingProperty().addListener((o, a, span) -> {
            if (span != null) timer.start();
            list.refresh();
        });
        getItems().addAll(list, detail());
        setDividerPositions(0.62);
    }

    /** Stops a clip that plays and its AnimationTimer (the window is closing). On the FX thread only. */
    public void stop() {
        FxThread.require("StoryboardView.stop");
        vm.player().stop();
        timer.stop();
    }

    /** The playing clip's frame at thumbnail size, with its time and progress. */
    private HBox inlinePlayer() {
        ClipPlayer player = vm.player();
        ImageView frame = new ImageView();
        frame.setId("scene-clip-frame");
        frame.setFitWidth(THUMB_W);
        frame.setFitHeight(THUMB_H);
        frame.setPreserveRatio(true);
        frame.imageProperty()
                .bind(Bindings.createObjectBinding(
                        () -> {
                            ClipPlayer.Span s = player.playingProperty().get();
                            return s != null && s.inline()
                                    ? Thumbnails.toFx(player.frameProperty().get())
                                    : null;
                        },
                        player.frameProperty(),
                        player.playingProperty()));
        StackPane box = Theme.styled(new StackPane(frame), Theme.PREVIEW);
        box.setPrefSize(THUMB_W + 4, THUMB_H + 4);
        box.setMaxSize(THUMB_W + 4, THUMB_H + 4);
        Label time = Theme.styled(new Label(), Theme.MONO);
        time.setId("scene-clip-time");
        time.textProperty()
                .bind(Bindings.createStringBinding(
                        this::clipTime, player.positionProperty(), player.playingProperty()));
        ProgressBar progress = new ProgressBar();
        progress.progressProperty()
                .bind(Bindings.createDoubleBinding(
                        this::clipProgress, player.positionProperty(), player.playingProperty()));
        VBox info = new VBox(6, time, progress);
        info.setAlignment(Pos.CENTER_LEFT);
        HBox inline = new HBox(8, box, info);
        inline.setId("scene-clip-player");
        inline.setAlignment(Pos.CENTER_LEFT);
        return inline;
    }

    private String clipTime() {
        ClipPlayer.Span s = vm.player().playingProperty().get();
        return s == null
                ? ""
                : String.format("%.1f / %.1f s", vm.player().positionProperty().get(), s.until());
    }

    private double clipProgress() {
        ClipPlayer.Span s = vm.player().playingProperty().get();
        return s == null || s.until() <= s.from()
                ? 0
                : (vm.player().positionProperty().get() - s.from()) / (s.until() - s.from());
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
        ClipPlayer player = vm.player();
        ImageView clipFrame = new ImageView();
        clipFrame.setId("keyframe-clip-frame");
        clipFrame.setPreserveRatio(true);
        clipFrame.fitWidthProperty().bind(large.fitWidthProperty());
        clipFrame.fitHeightProperty().bind(large.fitHeightProperty());
        // Over the keyframe, which shows until the first frame has been decoded.
        clipFrame
                .imageProperty()
                .bind(Bindings.createObjectBinding(
                        () -> {
                            ClipPlayer.Span s = player.playingProperty().get();
                            return s != null && !s.inline()
                                    ? Thumbnails.toFx(player.frameProperty().get())
                                    : null;
                        },
                        player.frameProperty(),
                        player.playingProperty()));
        Label clipTime = Theme.styled(new Label(), Theme.PLAY_TIME, Theme.MONO);
        clipTime.setId("keyframe-clip-time");
        clipTime.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            ClipPlayer.Span s = player.playingProperty().get();
                            return s == null || s.inline()
                                    ? ""
                                    : String.format(
                                            "▶ %.1f s  (clip %.1f–%.1f s)",
                                            player.positionProperty().get(), s.from(), s.until());
                        },
                        player.positionProperty(),
                        player.playingProperty()));
        clipTime.visibleProperty().bind(clipTime.textProperty().isNotEmpty());
        StackPane.setAlignment(clipTime, Pos.TOP_LEFT); // the subtitles are at the bottom
        StackPane.setMargin(clipTime, new Insets(8));
        StackPane frame = Theme.styled(new StackPane(large, clipFrame, clipTime), Theme.PREVIEW);
        frame.setMinHeight(180);
        frame.setPrefHeight(LARGE_H);
        large.fitWidthProperty().bind(Bindings.min(LARGE_W, frame.widthProperty()));
        Runnable showLarge = () -> {
            KeyframeItem k = vm.selectedProperty().get();
            thumbnails.load(large, k == null ? null : k.imageUrlProperty().get(), LARGE_W, LARGE_H);
        };
        // The large image and the take strip follow the selected keyframe's current take (a click in the strip,
        // an undo, a finished regeneration).
        javafx.beans.InvalidationListener takeChanged = o -> {
            shownTake.set(shownTake.get() + 1);
            showLarge.run();
            showTakes();
        };
        vm.selectedProperty().addListener((o, a, k) -> {
            if (a != null) {
                a.imageUrlProperty().removeListener(takeChanged);
                a.takeProperty().removeListener(takeChanged);
                a.takes().removeListener(takeChanged);
            }
            if (k != null) {
                k.imageUrlProperty().addListener(takeChanged);
                k.takeProperty().addListener(takeChanged);
                k.takes().addListener(takeChanged);
            }
            showLarge.run();
            showTakes();
        });
        vm.revisionProperty().addListener((o, a, b) -> showLarge.run());
        takes.visibleProperty().bind(vm.noSelectionProperty().not());
        takes.managedProperty().bind(takes.visibleProperty());

        Button playAround = new Button();
        playAround.setId("keyframe-play");
        playAround
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            ClipPlayer.Span s = player.playingProperty().get();
                            return s != null && !s.inline()
                                    ? "■ Stop"
                                    : "▶ Play " + (int) ClipPlayer.AROUND_KEYFRAME_SECONDS + " s around it";
                        },
                        player.playingProperty()));
        playAround.setTooltip(new Tooltip("Plays the scene's clip around this keyframe, with the voiceover"));
        playAround
                .disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> vm.selectedScene() == null || vm.selectedScene().clipUrl() == null,
                        vm.selectedProperty(),
                        vm.revisionProperty()));
        playAround.setOnAction(e -> vm.playAroundSelected());
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
                            if (k == null) return "";
                            SceneRow s = vm.selectedScene();
                            return "Take " + k.takeProperty().get() + " of "
                                    + Math.max(1, k.takes().size())
                                    + " · quality score " + k.quality()
                                    + (k.lockedProperty().get() ? " · approved" : "")
                                    + (k.staleProperty().get() ? " · image stale" : "")
                                    + (s != null && s.clipStaleProperty().get() ? " · clip stale" : "");
                        },
                        vm.selectedProperty(),
                        vm.editDescriptionProperty(),
                        vm.revisionProperty(),
                        vm.stalenessProperty(),
                        shownTake));

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
        MenuButton candidates = new MenuButton("Candidates…");
        candidates.setId("regenerate-candidates");
        candidates.setTooltip(new Tooltip("Make several takes at once; the best scoring one becomes current"));
        for (int n : new int[] {2, 3, 4, 6, StoryboardViewModel.MAX_CANDIDATES}) {
            MenuItem item = new MenuItem(n + " takes");
            item.setId("candidates-" + n);
            item.setOnAction(e -> vm.regenerateSelectedKeyframe(n));
            candidates.getItems().add(item);
        }
        candidates.disableProperty().bind(vm.noSelectionProperty());
        Button regenScene = new Button("Regenerate scene");
        regenScene.setId("regenerate-scene");
        regenScene.setOnAction(e -> vm.regenerateScene(vm.selectedScene()));
        for (Button b : new Button[] {apply, revert, lock, regen, regenScene})
            b.disableProperty().bind(vm.noSelectionProperty());
        description.disableProperty().bind(vm.noSelectionProperty());
        timing.disableProperty().bind(vm.noSelectionProperty());

        HBox timingRow = new HBox(8, new Label("Timing (s in scene)"), timing, apply, revert);
        timingRow.setAlignment(Pos.CENTER_LEFT);
        HBox transitionRow = transitionEditor();
        // Wraps onto a second line in a narrow panel instead of cutting the labels short.
        FlowPane actions = new FlowPane(8, 8, lock, regen, candidates, regenScene);
        Region titleSpace = new Region();
        HBox.setHgrow(titleSpace, Priority.ALWAYS);
        HBox titleRow = new HBox(8, title, titleSpace, playAround);
        titleRow.setAlignment(Pos.CENTER_LEFT);
        VBox box = Theme.styled(
                new VBox(
                        8,
                        frame,
                        takes,
                        titleRow,
                        quality,
                        new Label("Description"),
                        description,
                        timingRow,
                        transitionRow,
                        actions),
                Theme.PANEL);
        box.setMinWidth(320);
        return box;
    }

    /**
     * How the selected keyframe's scene opens from the one before it: the kind and its length. Shows the scene's
     * stored transition (also after an undo); a change is one undoable edit through the view model.
     */
    private HBox transitionEditor() {
        ComboBox<Transition.Kind> kind = new ComboBox<>();
        kind.setId("scene-transition");
        kind.getItems().setAll(Transition.Kind.values());
        kind.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Transition.Kind k) {
                return k == null ? "" : k == Transition.Kind.DIP ? "dip to black" : k.id();
            }

            @Override
            public Transition.Kind fromString(String text) {
                return Transition.Kind.of(text);
            }
        });
        Spinner<Double> seconds = new Spinner<>(0.1, Transition.MAX_SECONDS.doubleValue(), 0.5, 0.1);
        seconds.setId("scene-transition-seconds");
        seconds.setEditable(true);
        seconds.setPrefWidth(80);
        boolean[] showing = {false};
        ChangeListener<Transition> stored = (o, a, t) -> {
            showing[0] = true;
            kind.setValue(t.kind());
            if (t.kind() != Transition.Kind.CUT)
                seconds.getValueFactory().setValue(t.seconds().doubleValue());
            seconds.setDisable(t.kind() == Transition.Kind.CUT);
            showing[0] = false;
            if (o != null) {
                list.refresh(); // the scene list shows the transition: an edit, an undo or a redo changed it
            }
        };
        SceneRow[] shown = {null};
        Runnable follow = () -> {
            if (shown[0] != null) shown[0].transitionProperty().removeListener(stored);
            shown[0] = vm.selectedScene();
            if (shown[0] != null) {
                shown[0].transitionProperty().addListener(stored);
                stored.changed(null, null, shown[0].transitionProperty().get());
            }
        };
        vm.selectedProperty().addListener((o, a, b) -> follow.run());
        Runnable edit = () -> {
            if (showing[0] || shown[0] == null) return;
            vm.setTransition(shown[0], kind.getValue(), seconds.getValue());
        };
        kind.setOnAction(e -> edit.run());
        seconds.valueProperty().addListener((o, a, b) -> edit.run());
        kind.disableProperty().bind(vm.noSelectionProperty());
        Label label = new Label("Opens with");
        label.setTooltip(new Tooltip("How this scene follows the one before it; only the final video is re-made"));
        HBox row = new HBox(8, label, kind, seconds, new Label("s"));
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** The strip of the selected keyframe's takes, side by side; the current one is marked. */
    private void showTakes() {
        KeyframeItem k = vm.selectedProperty().get();
        takes.show(
                k == null ? List.of() : List.copyOf(k.takes()),
                k == null ? 0 : k.takeProperty().get());
    }

    private final class SceneCell extends ListCell<SceneRow> {
        private final Label heading = Theme.styled(new Label(), Theme.TITLE);
        private final Label meta = Theme.styled(new Label(), Theme.MUTED);
        /** Shown when the scene's clip no longer matches its keyframes, timing or voiceover. */
        private final Label clip = Theme.styled(new Label("clip stale"), Theme.BADGE, Theme.STALE);

        private final HBox thumbs = new HBox(8);
        private final ImageView[] views = new ImageView[3];
        private final StackPane[] frames = new StackPane[3];
        private final Label[] badges = new Label[3];
        private final Label[] staleBadges = new Label[3];
        private final Tooltip[] tips = new Tooltip[3];
        private final Button play = new Button();
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
                Label stale = Theme.styled(new Label("stale"), Theme.BADGE, Theme.STALE);
                StackPane.setAlignment(stale, Pos.TOP_LEFT);
                StackPane.setMargin(stale, new Insets(3));
                staleBadges[i] = stale;
                StackPane f = Theme.styled(new StackPane(v, badge, stale), Theme.THUMB);
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
            VBox text = new VBox(4, heading, meta, clip);
            text.setPrefWidth(200);
            text.setMaxWidth(200);
            text.setMinWidth(160);
            heading.setWrapText(true);
            meta.setWrapText(true);
            play.setTooltip(new Tooltip("Play this scene's clip here, with the voiceover"));
            play.setMinWidth(Region.USE_PREF_SIZE);
            play.setOnAction(e -> {
                if (getItem() != null) vm.player().playScene(getItem());
            });
            VBox playBox = new VBox(play);
            playBox.setAlignment(Pos.CENTER);
            root = Theme.styled(new HBox(12, text, playBox, thumbs), Theme.SCENE_ROW);
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
                    + (getIndex() == 0
                            ? ""
                            : " · " + row.transitionProperty().get().describe())
                    + (row.characterNames().isEmpty() ? "" : " · " + String.join(", ", row.characterNames())));
            clip.setVisible(row.clipStaleProperty().get());
            clip.setManaged(clip.isVisible());
            ClipPlayer.Span playing = vm.player().playingProperty().get();
            boolean inline = playing != null && playing.inline() && playing.scene() == row;
            play.setId("play-scene-" + row.sceneNumber());
            play.setText(inline ? "■" : "▶");
            play.setDisable(row.clipUrl() == null);
            // Updated in place: refresh() calls this on every selection and revision change, and replacing the
            // frames under the mouse would lose a click that is under way.
            int shown = Math.min(3, row.keyframes().size());
            List<javafx.scene.Node> content = inline
                    ? List.of(inlinePlayer)
                    : List.<javafx.scene.Node>of(frames).subList(0, shown);
            if (!thumbs.getChildren().equals(content)) thumbs.getChildren().setAll(content);
            for (int i = 0; i < shown; i++) {
                KeyframeItem k = row.keyframes().get(i);
                thumbnails.load(views[i], k.thumbnailUrl(), THUMB_W, THUMB_H);
                badges[i].setVisible(k.lockedProperty().get());
                staleBadges[i].setVisible(k.staleProperty().get());
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
