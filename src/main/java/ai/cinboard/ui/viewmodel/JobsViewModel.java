package ai.cinboard.ui.viewmodel;

import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.service.GenerationService;
import ai.cinboard.service.JobInfo;
import ai.cinboard.ui.task.TaskExecutor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
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

/**
 * Jobs: every job and phase, live; Retry and Cancel; the status-bar summary; and the latest preview frame the
 * engine sent for the selected job while it runs.
 */
public final class JobsViewModel implements AutoCloseable {
    private final GenerationService generation;
    private final TaskExecutor executor;
    private final Notifier notifier;
    private final ObservableList<JobInfo> jobs = FXCollections.observableArrayList();
    private final ObjectProperty<JobInfo> selected = new SimpleObjectProperty<>(this, "selected");
    private final IntegerProperty running = new SimpleIntegerProperty(this, "running");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress");
    private final StringProperty summary = new SimpleStringProperty(this, "summary", "No background jobs");
    private final ObjectProperty<byte[]> preview = new SimpleObjectProperty<>(this, "preview");
    /** The newest frame not yet on the UI thread: engines send several a second, the UI shows only the last. */
    private final AtomicReference<Map.Entry<String, byte[]>> pendingPreview = new AtomicReference<>();

    private AutoCloseable subscription;
    private AutoCloseable previewSubscription;

    public JobsViewModel(GenerationService generation, TaskExecutor executor, Notifier notifier) {
        this.generation = generation;
        this.executor = executor;
        this.notifier = notifier;
        selected.addListener((o, was, now) -> {
            if (was == null || now == null || !was.jobId().equals(now.jobId())) {
                showLatestPreview(now);
            }
        });
    }

    /** Subscribes to events and loads the current list. */
    public void start() {
        executor.submit(
                () -> generation.subscribe(ev -> executor.runOnUi(() -> upsert(ev.job()))),
                s -> subscription = s,
                e -> notifier.error("Watching background jobs", e));
        executor.submit(
                () -> generation.subscribePreviews(this::previewArrived),
                s -> previewSubscription = s,
                e -> notifier.error("Watching live previews", e));
        refresh();
    }

    public void refresh() {
        executor.submit(
                generation::listJobs,
                list -> {
                    jobs.setAll(list);
                    summarize();
                },
                e -> notifier.error("Listing jobs", e));
    }

    /** Called on the engine's thread. */
    void previewArrived(String jobId, byte[] image) {
        if (pendingPreview.getAndSet(Map.entry(jobId, image)) == null) {
            executor.runOnUi(() -> {
                Map.Entry<String, byte[]> latest = pendingPreview.getAndSet(null);
                if (latest != null && isSelectedAndRunning(latest.getKey())) {
                    preview.set(latest.getValue());
                }
            });
        }
    }

    private boolean isSelectedAndRunning(String jobId) {
        JobInfo j = selected.get();
        return j != null && j.jobId().equals(jobId) && !j.status().isFinished();
    }

    private void showLatestPreview(JobInfo job) {
        preview.set(null);
        if (job == null || job.status().isFinished()) {
            return;
        }
        executor.submit(
                () -> generation.latestPreview(job.jobId()),
                p -> p.filter(x -> isSelectedAndRunning(job.jobId()) && preview.get() == null)
                        .ifPresent(preview::set),
                e -> notifier.error("Loading the live preview", e));
    }

    void upsert(JobInfo job) {
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.get(i).jobId().equals(job.jobId())) {
                jobs.set(i, job);
                if (selected.get() != null && selected.get().jobId().equals(job.jobId())) {
                    selected.set(job);
                    if (job.status().isFinished()) preview.set(null);
                }
                summarize();
                return;
            }
        }
        jobs.add(0, job);
        summarize();
    }

    private void summarize() {
        List<JobInfo> active =
                jobs.stream().filter(j -> !j.status().isFinished()).toList();
        running.set(active.size());
        if (active.isEmpty()) {
            long failed =
                    jobs.stream().filter(j -> j.status() == PhaseStatus.FAILED).count();
            progress.set(0);
            summary.set(failed == 0 ? "No jobs running" : "No jobs running · " + failed + " failed");
        } else {
            double p = active.stream().mapToInt(JobInfo::progress).average().orElse(0) / 100.0;
            progress.set(p);
            summary.set(
                    active.size() == 1
                            ? active.get(0).title() + " · " + Math.round(p * 100) + "%"
                            : active.size() + " jobs running · " + Math.round(p * 100) + "%");
        }
    }

    public static boolean canCancel(JobInfo j) {
        return j != null && !j.status().isFinished();
    }

    public static boolean canRetry(JobInfo j) {
        return j != null
                && (j.status() == PhaseStatus.FAILED
                        || j.status() == PhaseStatus.CANCELLED
                        || j.status() == PhaseStatus.INTERRUPTED);
    }

    public void cancel(JobInfo job) {
        if (!canCancel(job)) return;
        executor.run(
                () -> generation.cancel(job.jobId()),
                () -> notifier.info("Cancelling " + job.title() + "."),
                e -> notifier.error("Cancelling the job", e));
    }

    public void retry(JobInfo job) {
        if (!canRetry(job)) return;
        executor.submit(
                () -> generation.retry(job.jobId()),
                id -> {
                    notifier.info("Retrying " + job.title() + " (job " + id + ").");
                    refresh();
                },
                e -> notifier.error("Retrying the job", e));
    }

    public ObservableList<JobInfo> jobs() {
        return jobs;
    }

    public ObjectProperty<JobInfo> selectedProperty() {
        return selected;
    }

    public IntegerProperty runningProperty() {
        return running;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty summaryProperty() {
        return summary;
    }
    /** JPEG or PNG bytes of the selected running job's latest preview frame; null when there is none. */
    public ObjectProperty<byte[]> previewProperty() {
        return preview;
    }

    @Override
    public void close() throws Exception {
        if (subscription != null) subscription.close();
        if (previewSubscription != null) previewSubscription.close();
    }
}
