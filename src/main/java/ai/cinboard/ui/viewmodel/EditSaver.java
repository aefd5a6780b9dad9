package ai.cinboard.ui.viewmodel;

import ai.cinboard.domain.StudioException;
import ai.cinboard.service.ProjectService;
import ai.cinboard.ui.task.ProjectWriteQueue;
import ai.cinboard.ui.undo.CommandStack;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * How view models store an edit: through the project's {@link ProjectWriteQueue}, in the order made. When a
 * write fails, the view is rolled back to what the database holds (the project is re-read behind the writes
 * queued before, and the rows updated) and the notification bar says what failed and why, in one line.
 */
public final class EditSaver {
    private final ProjectWriteQueue queue;
    private final ProjectModel model;
    private final ProjectService projects;
    private final CommandStack commands;
    private final Notifier notifier;
    private final List<Runnable> rolledBack = new ArrayList<>();
    private final List<Runnable> saved = new ArrayList<>();

    EditSaver(
            ProjectWriteQueue queue,
            ProjectModel model,
            ProjectService projects,
            CommandStack commands,
            Notifier notifier) {
        this.queue = queue;
        this.model = model;
        this.projects = projects;
        this.commands = commands;
        this.notifier = notifier;
    }

    /** Stores an edit; {@code what} names it for the user ("Edit keyframe 2"). Call on the UI thread. */
    public void save(String what, Runnable write) {
        save(
                what,
                () -> {
                    write.run();
                    return Boolean.TRUE;
                },
                ignored -> {});
    }

    /** Stores an edit, then hands its result to {@code onSaved} on the UI thread. */
    public <T> void save(String what, Callable<T> write, Consumer<T> onSaved) {
        queue.submit(
                what,
                write,
                result -> {
                    onSaved.accept(result);
                    saved.forEach(Runnable::run);
                },
                e -> rollBack(what, e));
    }

    /** Runs {@code action} on the UI thread after each edit is stored (e.g. to check again what is stale). */
    void onSaved(Runnable action) {
        saved.add(action);
    }

    /** Runs {@code action} on the UI thread after each rollback (e.g. to refill edit fields from the rows). */
    void onRollback(Runnable action) {
        rolledBack.add(action);
    }

    public ProjectWriteQueue queue() {
        return queue;
    }

    private void rollBack(String what, Throwable failure) {
        Integer id = model.projectId();
        notifier.error(
                what,
                new StudioException("not saved (" + reason(failure) + "); the window shows the stored value again."));
        if (id == null) return;
        // Re-read behind every write queued so far, so the view ends equal to the database.
        queue.submit(
                "Re-read the project",
                () -> projects.loadProject(id),
                p -> {
                    if (!id.equals(model.projectId())) return;
                    model.refresh(p);
                    commands.clear(); // the history holds values the database never took
                    rolledBack.forEach(Runnable::run);
                    saved.forEach(Runnable::run); // the stored state changed back: what is stale may too
                },
                e -> notifier.error("Re-reading the project", e));
    }

    /**
     * One line: a StudioException's message as is; the database's own words when it refused the write (a
     * constraint, a lost connection); otherwise no internals, as in {@link Notifier}.
     */
    static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StudioException) return t.getMessage();
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException
                    && t.getMessage() != null
                    && !t.getMessage().isBlank())
                return "the database refused it: "
                        + t.getMessage().strip().lines().findFirst().orElse("").strip();
        }
        return "an unexpected error; the details are in the log";
    }
}
