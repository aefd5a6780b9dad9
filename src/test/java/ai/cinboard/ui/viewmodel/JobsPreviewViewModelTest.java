package ai.cinboard.ui.viewmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.cinboard.domain.Phase;
import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.service.GenerationService;
import ai.cinboard.service.JobEvent;
import ai.cinboard.service.JobInfo;
import ai.cinboard.service.JobPhase;
import ai.cinboard.ui.task.TaskExecutor;
import ai.cinboard.ui.task.TaskHandle;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The jobs view model shows the newest engine preview of the selected running job, and nothing else. No toolkit. */
class JobsPreviewViewModelTest {
    private static final byte[] FRAME_1 = {(byte) 0xFF, (byte) 0xD8, 1};
    private static final byte[] FRAME_2 = {(byte) 0xFF, (byte) 0xD8, 2};
    private static final byte[] OTHER = {(byte) 0xFF, (byte) 0xD8, 9};

    /** A generation service whose jobs and previews the test drives. */
    static final class Generation implements GenerationService {
        final List<JobInfo> jobs = new CopyOnWriteArrayList<>();
        final List<Consumer<JobEvent>> listeners = new CopyOnWriteArrayList<>();
        final List<BiConsumer<String, byte[]>> previewListeners = new CopyOnWriteArrayList<>();
        final Map<String, byte[]> latest = new ConcurrentHashMap<>();

        void preview(String jobId, byte[] image) {
            latest.put(jobId, image);
            previewListeners.forEach(l -> l.accept(jobId, image));
        }

        void update(JobInfo job) {
            jobs.replaceAll(j -> j.jobId().equals(job.jobId()) ? job : j);
            listeners.forEach(l -> l.accept(new JobEvent(job)));
        }

        @Override
        public String regenerateKeyframe(int keyframeId, int candidates) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String regenerateScene(int sceneId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String regenerateCharacter(int id, boolean k, int candidates) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String renderChanges(int projectId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ai.cinboard.service.ProjectStaleness staleness(int projectId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void cancel(String jobId) {}

        @Override
        public String retry(String jobId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<JobInfo> listJobs() {
            return List.copyOf(jobs);
        }

        @Override
        public AutoCloseable subscribe(Consumer<JobEvent> listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        @Override
        public AutoCloseable subscribePreviews(BiConsumer<String, byte[]> listener) {
            previewListeners.add(listener);
            return () -> previewListeners.remove(listener);
        }

        @Override
        public Optional<byte[]> latestPreview(String jobId) {
            return Optional.ofNullable(latest.get(jobId));
        }
    }

    private static JobInfo job(String id, PhaseStatus status) {
        return new JobInfo(
                id,
                1,
                "Render " + id,
                status,
                List.of(new JobPhase(Phase.KEYFRAMES, status, 40, Duration.ofSeconds(2), null)));
    }

    @Test
    void showsTheSelectedRunningJobsLatestFrameOnly() throws Exception {
        Generation generation = new Generation();
        JobInfo a = job("job-0001", PhaseStatus.RUNNING);
        JobInfo b = job("job-0002", PhaseStatus.RUNNING);
        generation.jobs.addAll(List.of(a, b));
        generation.preview(a.jobId(), FRAME_1); // sent before anyone watched
        ManualTaskExecutor executor = new ManualTaskExecutor();
        JobsViewModel vm = new JobsViewModel(generation, executor, new Notifier());
        vm.start();
        executor.runAll();
        assertNull(vm.previewProperty().get(), "nothing selected, nothing shown");

        vm.selectedProperty().set(a);
        executor.runAll();
        assertArrayEquals(FRAME_1, vm.previewProperty().get(), "selecting a running job shows its last frame");

        generation.preview(b.jobId(), OTHER);
        assertArrayEquals(FRAME_1, vm.previewProperty().get(), "another job's frames are not shown");
        generation.preview(a.jobId(), FRAME_2);
        assertArrayEquals(FRAME_2, vm.previewProperty().get());

        vm.selectedProperty().set(b);
        executor.runAll();
        assertArrayEquals(OTHER, vm.previewProperty().get());

        generation.update(job(b.jobId(), PhaseStatus.COMPLETED));
        assertNull(vm.previewProperty().get(), "a finished job shows its results, not a preview");
        generation.preview(b.jobId(), FRAME_2);
        assertNull(vm.previewProperty().get());

        vm.close();
        assertEquals(0, generation.previewListeners.size(), "closing unsubscribes");
    }

    @Test
    void framesArrivingFasterThanTheUiAreCoalescedToTheNewest() {
        Generation generation = new Generation();
        JobInfo a = job("job-0001", PhaseStatus.RUNNING);
        generation.jobs.add(a);
        List<Runnable> ui = new CopyOnWriteArrayList<>();
        // Background work runs at once; UI actions wait, as when the UI thread is busy.
        TaskExecutor executor = new TaskExecutor() {
            @Override
            public <T> TaskHandle submit(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
                try {
                    onSuccess.accept(work.call());
                } catch (Exception e) {
                    onFailure.accept(e);
                }
                return new TaskHandle() {
                    @Override
                    public void cancel() {}

                    @Override
                    public boolean isCancelled() {
                        return false;
                    }
                };
            }

            @Override
            public java.util.concurrent.Executor serialQueue(String name) {
                return Runnable::run;
            }

            @Override
            public void runOnUi(Runnable action) {
                ui.add(action);
            }
        };
        JobsViewModel vm = new JobsViewModel(generation, executor, new Notifier());
        vm.start();
        vm.selectedProperty().set(a);
        for (int i = 0; i < 50; i++) {
            generation.preview(a.jobId(), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) i});
        }
        assertEquals(1, ui.size(), "one pending UI update however many frames arrive");
        ui.forEach(Runnable::run);
        assertEquals(49, vm.previewProperty().get()[2]);
    }
}
