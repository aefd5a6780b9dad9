package ai.cinboard.ui.viewmodel;

import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.Transition;
import ai.cinboard.service.GenerationService;
import ai.cinboard.service.ProjectService;
import ai.cinboard.ui.task.TaskExecutor;
import ai.cinboard.ui.undo.Command;
import ai.cinboard.ui.undo.CommandStack;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/** Storyboard: scenes with keyframes; edit, lock, regenerate, reorder. Every edit is a command saved at once. */
public final class StoryboardViewModel {
    private final ProjectModel model;
    private final ProjectService projects;
    private final GenerationService generation;
    private final TaskExecutor executor;
    private final CommandStack commands;
    private final Notifier notifier;
    private final EditSaver saver;
    private final ClipPlayer player;

    private final ObjectProperty<KeyframeItem> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty editDescription = new SimpleStringProperty(this, "editDescription", "");
    private final IntegerProperty editTiming = new SimpleIntegerProperty(this, "editTiming");
    private final BooleanBinding noSelection = selected.isNull();

    public StoryboardViewModel(
            ProjectModel model,
            ProjectService projects,
            GenerationService generation,
            TaskExecutor executor,
            CommandStack commands,
            Notifier notifier,
            EditSaver saver,
            ClipPlayer player) {
        this.saver = saver;
        this.player = player;
        this.model = model;
        this.projects = projects;
        this.generation = generation;
        this.executor = executor;
        this.commands = commands;
        this.notifier = notifier;
        selected.addListener((obs, old, k) -> {
            resetEdits();
            ClipPlayer.Span playing = player.playingProperty().get();
            if (playing != null && !playing.inline()) player.stop(); // the preview plays around the selected one
        });
        saver.onRollback(this::resetEdits);
        model.projectProperty().addListener((obs, o, n) -> {
            if (o == null || n == null || !o.record().id().equals(n.record().id())) selected.set(null);
        });
    }

    /** Scene rows a tall window shows at once when a project opens (rows are 124 px high). */
    public static final int FIRST_SCREEN_ROWS = 10;
    /** Keyframe thumbnails a storyboard row shows. */
    public static final int THUMBNAILS_PER_ROW = 3;

    /**
     * The thumbnails the storyboard shows first, top row first, for reading them while the rows are still being
     * built and laid out: the keyframes of the first {@link #FIRST_SCREEN_ROWS} scenes, at the size a row shows.
     */
    public static List<String> firstScreenThumbnails(List<SceneRow> scenes) {
        List<String> urls = new ArrayList<>();
        for (SceneRow row : scenes.subList(0, Math.min(FIRST_SCREEN_ROWS, scenes.size()))) {
            List<KeyframeItem> keyframes = row.keyframes();
            for (int i = 0; i < Math.min(THUMBNAILS_PER_ROW, keyframes.size()); i++)
                urls.add(keyframes.get(i).thumbnailUrl());
        }
        return urls;
    }

    /** Plays scene clips: inline in a row, or around the selected keyframe in the large preview. */
    public ClipPlayer player() {
        return player;
    }

    /** Plays the seconds of its scene's clip around the selected keyframe in the large preview, or stops them. */
    public void playAroundSelected() {
        KeyframeItem k = selected.get();
        SceneRow scene = selectedScene();
        if (k != null && scene != null) player.playAround(scene, k);
    }

    /** Copies the selected keyframe's values into the edit fields (also used by "Revert"). */
    public void resetEdits() {
        KeyframeItem k = selected.get();
        editDescription.set(k == null ? "" : k.descriptionProperty().get());
        editTiming.set(k == null ? 0 : k.timingProperty().get());
    }

    public ObservableList<SceneRow> scenes() {
        return model.scenes();
    }
    /** Changes when a finished job updated the rows (new images): the view redraws them. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return model.revisionProperty();
    }

    /** What is stale in the project (the badges redraw when it changes). */
    public javafx.beans.property.ReadOnlyObjectProperty<ai.cinboard.service.ProjectStaleness> stalenessProperty() {
        return model.stalenessProperty();
    }

    public ObjectProperty<KeyframeItem> selectedProperty() {
        return selected;
    }

    public StringProperty editDescriptionProperty() {
        return editDescription;
    }

    public IntegerProperty editTimingProperty() {
        return editTiming;
    }

    public BooleanBinding noSelectionProperty() {
        return noSelection;
    }

    /** A binding: the selected keyframe's scene duration in whole seconds (upper bound for timing). */
    public int maxTiming() {
        KeyframeItem k = selected.get();
        if (k == null) return 0;
        return model.scenes().stream()
                .filter(s -> s.id() == k.sceneId())
                .findFirst()
                .map(s -> (int) Math.floor(s.seconds()))
                .orElse(0);
    }

    /** Saves the edit fields into the selected keyframe as one undoable command. */
    public void applyEdit() {
        KeyframeItem k = selected.get();
        if (k == null) return;
        String newDesc =
                editDescription.get() == null ? "" : editDescription.get().strip();
        int newTiming = Math.max(0, Math.min(editTiming.get(), Math.max(maxTiming(), 0)));
        String oldDesc = k.descriptionProperty().get();
        int oldTiming = k.timingProperty().get();
        if (newDesc.equals(oldDesc) && newTiming == oldTiming) return;
        if (newDesc.isEmpty()) {
            notifier.info("A keyframe needs a description.");
            return;
        }
        commands.execute(new Command() {
            @Override
            public String description() {
                return "Edit keyframe " + (k.sequence() + 1);
            }

            @Override
            public void execute() {
                set(newDesc, newTiming);
            }

            @Override
            public void undo() {
                set(oldDesc, oldTiming);
            }

            private void set(String d, int t) {
                k.descriptionProperty().set(d);
                k.timingProperty().set(t);
                if (selected.get() == k) resetEdits();
                saver.save(description(), () -> projects.updateKeyframe(k.id(), d, t));
            }
        });
    }

    /** Approves (locks) or unlocks the selected keyframe. */
    public void toggleLock() {
        KeyframeItem k = selected.get();
        if (k == null) return;
        boolean target = !k.lockedProperty().get();
        String description = target ? "Approve keyframe" : "Unlock keyframe";
        commands.execute(Command.change(description, !target, target, v -> {
            k.lockedProperty().set(v);
            saver.save(description, () -> projects.setKeyframeLocked(k.id(), v));
        }));
    }

    /** Moves a scene from one position to another (drag and drop). */
    public void moveScene(int from, int to) {
        ObservableList<SceneRow> rows = model.scenes();
        if (from == to || from < 0 || to < 0 || from >= rows.size() || to >= rows.size()) return;
        Integer projectId = model.projectId();
        if (projectId == null) return;
        SceneRow moved = rows.get(from);
        commands.execute(new Command() {
            @Override
            public String description() {
                return "Move scene " + moved.sceneNumber();
            }

            @Override
            public void execute() {
                move(from, to);
            }

            @Override
            public void undo() {
                move(to, from);
            }

            private void move(int a, int b) {
                SceneRow r = rows.remove(a);
                rows.add(b, r);
                List<Integer> order = new ArrayList<>(rows.size());
                rows.forEach(s -> order.add(s.id()));
                saver.save(description(), () -> projects.reorderScenes(projectId, order));
            }
        });
    }

    /**
     * Sets how {@code row} opens from the scene before it, as one undoable command; {@code seconds} is ignored for
     * a cut. Only the final video goes stale.
     */
    public void setTransition(SceneRow row, Transition.Kind kind, double seconds) {
        if (row == null || kind == null) return;
        Transition old = row.transitionProperty().get();
        Transition next;
        try {
            next = Transition.of(kind, BigDecimal.valueOf(seconds), old);
        } catch (StudioException e) {
            notifier.error("Setting the transition", e);
            return;
        }
        if (next.equals(old)) return;
        String description = "Transition into scene " + row.sceneNumber();
        commands.execute(Command.change(description, old, next, t -> {
            row.transitionProperty().set(t);
            saver.save(description, () -> projects.setSceneTransition(row.id(), t));
        }));
    }

    /** A new take of the selected keyframe (a new seed); it becomes current, earlier takes stay in the strip. */
    public void regenerateSelectedKeyframe() {
        regenerateSelectedKeyframe(1);
    }

    /** The largest number of candidates one regeneration makes. */
    public static final int MAX_CANDIDATES = 8;

    /**
     * {@code candidates} new takes of the selected keyframe at once; the best scoring one becomes current (the
     * "Candidates…" choice).
     */
    public void regenerateSelectedKeyframe(int candidates) {
        KeyframeItem k = selected.get();
        if (k == null) return;
        if (k.lockedProperty().get()) {
            notifier.info("This keyframe is approved (locked). Unlock it to regenerate it.");
            return;
        }
        executor.submit(
                () -> generation.regenerateKeyframe(k.id(), candidates),
                id -> notifier.info("Regenerating keyframe " + (k.sequence() + 1)
                        + (candidates > 1 ? " as " + candidates + " candidates; the best becomes current" : "")
                        + " (job " + id + ")."),
                e -> notifier.error("Regenerating the keyframe", e));
    }

    /**
     * Makes take {@code take} of the selected keyframe current (a click in the take strip), as an undoable
     * command: undo brings the take shown before back.
     */
    public void useTake(int take) {
        KeyframeItem k = selected.get();
        if (k == null || k.takeProperty().get() == take) return;
        if (k.lockedProperty().get()) {
            notifier.info("This keyframe is approved (locked). Unlock it to use another take.");
            return;
        }
        TakeItem chosen =
                k.takes().stream().filter(t -> t.number() == take).findFirst().orElse(null);
        if (chosen == null) return;
        int oldTake = k.takeProperty().get();
        String oldUrl = k.imageUrlProperty().get();
        commands.execute(new Command() {
            @Override
            public String description() {
                return "Use take " + take + " of keyframe " + (k.sequence() + 1);
            }

            @Override
            public void execute() {
                set(take, chosen.imageUrl());
            }

            @Override
            public void undo() {
                set(oldTake, oldUrl);
            }

            private void set(int t, String url) {
                k.takeProperty().set(t);
                k.imageUrlProperty().set(url);
                saver.save(description(), () -> projects.useKeyframeTake(k.id(), t));
            }
        });
    }

    public void regenerateScene(SceneRow scene) {
        if (scene == null) return;
        executor.submit(
                () -> generation.regenerateScene(scene.id()),
                id -> notifier.info("Regenerating scene " + scene.sceneNumber() + " (job " + id
                        + "); approved keyframes are kept."),
                e -> notifier.error("Regenerating the scene", e));
    }

    /** The scene the selected keyframe belongs to, or null. */
    public SceneRow selectedScene() {
        KeyframeItem k = selected.get();
        if (k == null) return null;
        return model.scenes().stream()
                .filter(s -> s.id() == k.sceneId())
                .findFirst()
                .orElse(null);
    }

    static BooleanBinding not(ObjectProperty<?> p) {
        return Bindings.isNull(p);
    }
}
