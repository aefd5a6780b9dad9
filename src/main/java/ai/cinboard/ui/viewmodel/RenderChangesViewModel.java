package ai.cinboard.ui.viewmodel;

import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.service.GenerationService;
import ai.cinboard.service.JobInfo;
import ai.cinboard.ui.task.TaskExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * "Render changes (n)": how many items of the open project are stale, as the service derives it from
 * fingerprints (asked again after every stored edit and every finished job, never counted by hand), and the
 * render changes job with its progress and Cancel, like any job.
 */
public final class RenderChangesViewModel {
    private final ProjectModel model;
    private final GenerationService generation;
    private final TaskExecutor executor;
    private final Notifier notifier;
    private final IntegerBinding count;
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress");
    /** Team mode: renders can be queued for the team's render workers. */
    private final BooleanProperty workersAvailable = new SimpleBooleanProperty(this, "workersAvailable");
    /** "Render on workers": render changes go to the workers instead of running here. */
    private final BooleanProperty onWorkers = new SimpleBooleanProperty(this, "onWorkers");

    private final javafx.beans.property.StringProperty workersOnline =
            new javafx.beans.property.SimpleStringProperty(this, "workersOnline", "");
    /** Whether the creator chose on or off; until then it follows whether workers are online. */
    private boolean onWorkersChosen;
    /** Callbacks waiting for the running job to end: true when it completed. */
    private final List<Consumer<Boolean>> whenDone = new ArrayList<>();

    private String jobId;
    /** Events that arrived before the job's id did (a short job can report before its submission returns). */
    private final java.util.Map<String, JobInfo> early = new java.util.HashMap<>();
    /** Checks answer out of order; only the newest one asked is shown. */
    private long checksAsked;

    RenderChangesViewModel(ProjectModel model, GenerationService generation, TaskExecutor executor, Notifier notifier) {
        this.model = model;
        this.generation = generation;
        this.executor = executor;
        this.notifier = notifier;
        count = Bindings.createIntegerBinding(
                () -> model.stalenessProperty().get().count(), model.stalenessProperty());
    }

    /** Asks the service what is stale in the open project now. Call on the UI thread. */
    public void check() {
        Integer id = model.projectId();
        if (id == null) return;
        long asked = ++checksAsked;
        executor.submit(
                () -> generation.staleness(id),
                s -> {
                    if (asked == checksAsked && id.equals(model.projectId())) model.applyStaleness(s);
                },
                e -> notifier.error("Checking what is stale", e));
        executor.submit(generation::workersOnline, this::workersSeen, e -> notifier.error("Looking for workers", e));
    }

    private void workersSeen(java.util.Optional<List<String>> online) {
        workersAvailable.set(online.isPresent());
        List<String> names = online.orElse(List.of());
        workersOnline.set(
                names.isEmpty() ? "No render worker is online" : "Workers online: " + String.join(", ", names));
        if (!onWorkersChosen) {
            onWorkers.set(!names.isEmpty()); // the default in team mode while workers are online
        }
    }

    /** The creator's choice of "Render on workers", kept for the rest of the session. */
    public void chooseOnWorkers(boolean on) {
        onWorkersChosen = true;
        onWorkers.set(on);
    }

    /**
     * Starts render changes for the open project: here, or with "Render on workers" queued for the team's workers
     * (it then runs elsewhere, and the jobs show its phases and workers).
     */
    public void run() {
        Integer id = model.projectId();
        if (id != null && workersAvailable.get() && onWorkers.get()) {
            executor.submit(
                    () -> generation.renderOnWorkers(id),
                    notifier::info,
                    e -> notifier.error("Queueing the render for the workers", e));
            return;
        }
        runThen(ok -> {});
    }

    /**
     * Starts render changes (or joins the one running) and hands {@code then} true on the UI thread when it
     * completed, false when it failed or was cancelled.
     */
    public void runThen(Consumer<Boolean> then) {
        Integer id = model.projectId();
        if (id == null) {
            notifier.info("Open a project first.");
            return;
        }
        whenDone.add(then);
        if (running.get()) return;
        running.set(true);
        progress.set(0);
        executor.submit(
                () -> generation.renderChanges(id),
                job -> {
                    jobId = job;
                    notifier.info("Rendering " + describe(count.get()) + " (job " + job + ").");
                    JobInfo seen = early.remove(job);
                    early.clear();
                    if (seen != null) jobChanged(seen);
                },
                e -> {
                    notifier.error("Rendering the changes", e);
                    finish(false);
                });
    }

    /** Cancels the running render changes job; it ends as cancelled and what it made so far stays. */
    public void cancel() {
        String job = jobId;
        if (!running.get() || job == null) return;
        executor.run(
                () -> generation.cancel(job),
                () -> notifier.info("Cancelling render changes."),
                e -> notifier.error("Cancelling render changes", e));
    }

    /** A job changed (any job, on the UI thread): follows the render changes job. */
    void jobChanged(JobInfo job) {
        if (jobId == null && running.get()) early.put(job.jobId(), job);
        if (jobId == null || !jobId.equals(job.jobId())) return;
        progress.set(job.progress() / 100.0);
        if (job.status().isFinished()) {
            boolean ok = job.status() == PhaseStatus.COMPLETED;
            if (!ok) notifier.info("Render changes " + job.status().dbValue() + "; what it made is kept.");
            finish(ok);
        }
    }

    private void finish(boolean ok) {
        jobId = null;
        running.set(false);
        progress.set(ok ? 1 : 0);
        List<Consumer<Boolean>> waiting = new ArrayList<>(whenDone);
        whenDone.clear();
        waiting.forEach(c -> c.accept(ok));
    }

    static String describe(int n) {
        return n == 1 ? "1 change" : n + " changes";
    }

    /** The number of stale items ("Render changes (n)"). */
    public IntegerBinding countProperty() {
        return count;
    }

    public javafx.beans.property.ReadOnlyBooleanProperty workersAvailableProperty() {
        return workersAvailable;
    }

    public javafx.beans.property.ReadOnlyBooleanProperty onWorkersProperty() {
        return onWorkers;
    }

    /** Which workers are online, for the "Render on workers" tooltip. */
    public javafx.beans.property.ReadOnlyStringProperty workersOnlineProperty() {
        return workersOnline;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    /** The render changes job's progress, 0 to 1. */
    public DoubleProperty progressProperty() {
        return progress;
    }
}
