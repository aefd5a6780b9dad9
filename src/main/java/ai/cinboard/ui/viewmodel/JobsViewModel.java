package ai.cinboard.ui.viewmodel;

import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.service.GenerationService;
import ai.cinboard.service.JobInfo;
import ai.cinboard.ui.task.TaskExecutor;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/** Jobs: every job and phase, live; Retry and Cancel; the status-bar summary. */
public final class JobsViewModel implements AutoCloseable {
    private final GenerationService generation;
    private final TaskExecutor executor;
    private final Notifier notifier;
    private final ObservableList<JobInfo> jobs = FXCollections.observableArrayList();
    private final ObjectProperty<JobInfo> selected = new SimpleObjectProperty<>(this, "selected");
    private final IntegerProperty running = new SimpleIntegerProperty(this, "running");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress");
    private final StringProperty summary = new SimpleStringProperty(this, "summary", "No background jobs");
    private AutoCloseable subscription;

    public JobsViewModel(GenerationService generation, TaskExecutor executor, Notifier notifier) {
        this.generation = generation;
        this.executor = executor;
        this.notifier = notifier;
    }

    /** Subscribes to events and loads the current list. */
    public void start() {
        executor.submit(() -> generation.subscribe(ev -> executor.runOnUi(() -> upsert(ev.job()))),
                s -> subscription = s, e -> notifier.error("Watching background jobs", e));
        refresh();
    }

    public void refresh() {
        executor.submit(generation::listJobs, list -> { jobs.setAll(list); summarize(); },
                e -> notifier.error("Listing jobs", e));
    }

    void upsert(JobInfo job) {
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.get(i).jobId().equals(job.jobId())) {
                jobs.set(i, job);
                if (selected.get() != null && selected.get().jobId().equals(job.jobId())) selected.set(job);
                summarize();
                return;
            }
        }
        jobs.add(0, job);
        summarize();
    }

    private void summarize() {
        List<JobInfo> active = jobs.stream().filter(j -> !j.status().isFinished()).toList();
        running.set(active.size());
        if (active.isEmpty()) {
            long failed = jobs.stream().filter(j -> j.status() == PhaseStatus.FAILED).count();
            progress.set(0);
            summary.set(failed == 0 ? "No jobs running" : "No jobs running · " + failed + " failed");
        } else {
            double p = active.stream().mapToInt(JobInfo::progress).average().orElse(0) / 100.0;
            progress.set(p);
            summary.set(active.size() == 1 ? active.get(0).title() + " · " + Math.round(p * 100) + "%"
                    : active.size() + " jobs running · " + Math.round(p * 100) + "%");
        }
    }

    public static boolean canCancel(JobInfo j) { return j != null && !j.status().isFinished(); }

    public static boolean canRetry(JobInfo j) {
        return j != null && (j.status() == PhaseStatus.FAILED || j.status() == PhaseStatus.CANCELLED
                || j.status() == PhaseStatus.INTERRUPTED);
    }

    public void cancel(JobInfo job) {
        if (!canCancel(job)) return;
        executor.run(() -> generation.cancel(job.jobId()), () -> notifier.info("Cancelling " + job.title() + "."),
                e -> notifier.error("Cancelling the job", e));
    }

    public void retry(JobInfo job) {
        if (!canRetry(job)) return;
        executor.submit(() -> generation.retry(job.jobId()),
                id -> { notifier.info("Retrying " + job.title() + " (job " + id + ")."); refresh(); },
                e -> notifier.error("Retrying the job", e));
    }

    public ObservableList<JobInfo> jobs() { return jobs; }
    public ObjectProperty<JobInfo> selectedProperty() { return selected; }
    public IntegerProperty runningProperty() { return running; }
    public DoubleProperty progressProperty() { return progress; }
    public StringProperty summaryProperty() { return summary; }

    @Override
    public void close() throws Exception {
        if (subscription != null) subscription.close();
    }
}
