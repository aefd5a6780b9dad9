package ai.cinboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.service.JobInfo;
import ai.cinboard.service.JobPhase;
import ai.cinboard.testing.TestStudios;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * "Render on workers" as the window's service does it (real PostgreSQL, the offline engines): the studio sees
 * which workers are online, queues render changes for them, and its jobs show the render's phases with the
 * worker that ran each.
 */
class RenderOnWorkersTest {
    @Test
    void aRenderQueuedFromTheStudioRunsOnAWorkerAndItsPhasesNameIt() throws Exception {
        Path home = TestStudios.tempHome();
        try (Studio studio = TestStudios.open(home)) {
            RenderPipeline pipeline = studio.render(TestStudios.smallRender(home));
            RenderQueue queue = new RenderQueue(studio.database(), pipeline);
            try (GenerationJobs jobs = new GenerationJobs(
                    studio.database(),
                    () -> pipeline,
                    1,
                    studio.renderWatch(),
                    true,
                    queue,
                    studio.localRenders(TestStudios.smallRender(home)))) {
                int id = TestStudios.intake(studio, "harbour4.fountain");
                assertEquals(Optional.of(List.of()), jobs.workersOnline(), "team mode, no worker yet");
                String queued = jobs.renderOnWorkers(id);
                assertTrue(queued.startsWith("Queued 20 render units"), queued);
                assertTrue(queued.contains("none is online"), queued);

                try (RenderQueue.Worker worker = queue.startWorker(
                        new RenderQueue.WorkerSettings("render-box", 2, Duration.ofMillis(500), Duration.ofMillis(200)),
                        PhaseListener.NONE,
                        line -> {})) {
                    assertEquals(Optional.of(List.of("render-box")), jobs.workersOnline());
                    while (queue.pending(id)) {
                        Thread.sleep(50);
                    }
                }
                assertTrue(queue.upToDate(id), "the workers rendered everything");
                assertEquals(Optional.of(List.of()), jobs.workersOnline(), "a stopped worker leaves the list");

                JobInfo render = jobs.listJobs().stream()
                        .filter(j -> j.projectId() == id)
                        .findFirst()
                        .orElseThrow();
                assertEquals(PhaseStatus.COMPLETED, render.status(), render.toString());
                Set<String> workers = render.phases().stream()
                        .filter(p -> p.phase().ordinal() >= ai.cinboard.domain.Phase.CHARACTERS.ordinal())
                        .map(JobPhase::worker)
                        .collect(Collectors.toSet());
                assertEquals(Set.of("render-box"), workers, "every render phase names its worker: " + render);
                assertFalse(
                        render.phases().stream()
                                .filter(p -> p.phase() == ai.cinboard.domain.Phase.VALIDATION)
                                .anyMatch(p -> p.worker() != null),
                        "intake ran here, not on a worker");
                assertEquals("Nothing to render: the project is up to date.", jobs.renderOnWorkers(id));
            }
        }
    }

    /**
     * A worker polls the engine only once an hour here, so only the notification sent with queued units
     * (LISTEN/NOTIFY) can bring it the render's first units, queued from the studio after it started (those each
     * finished unit makes ready it looks for itself).
     */
    @Test
    void anIdleWorkerHearsOfQueuedUnitsAtOnceWithoutWaitingForItsPoll() throws Exception {
        Path home = TestStudios.tempHome();
        try (Studio studio = TestStudios.open(home)) {
            RenderPipeline pipeline = studio.render(TestStudios.smallRender(home));
            RenderQueue queue = new RenderQueue(studio.database(), pipeline);
            int id = TestStudios.intake(studio, "harbour4.fountain");
            List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (RenderQueue.Worker worker = queue.startWorker(
                    new RenderQueue.WorkerSettings("render-box", 2, Duration.ofMillis(500), Duration.ofHours(1)),
                    PhaseListener.NONE,
                    log::add)) {
                WorkerListeners.await(studio.database());
                // 2 sheets, the voiceover, 12 keyframes, 4 clips, the composition (the mastering follows the voiceover)
                assertEquals(20, queue.enqueue(id).stale().size());
                // a bound for a broken build, not a speed claim: polling alone would take an hour
                long giveUp = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (queue.pending(id) && System.nanoTime() < giveUp) {
                    Thread.sleep(50);
                }
            }
            assertTrue(queue.upToDate(id), "the worker rendered everything: " + log);
            assertTrue(log.stream().anyMatch(l -> l.startsWith("took " + id + "/composition")), log.toString());
        }
    }

    /**
     * A cancel from another process reaches a unit running on a team worker through the worker's listening
     * connection. Deterministic: while a worker listens, its heartbeat no longer looks for cancelled renders, so
     * nothing else could stop the unit, which waits on an image server that never answers.
     */
    @Test
    void aCancelReachesARunningUnitThroughTheWorkersListeningConnection() throws Exception {
        Path home = TestStudios.tempHome();
        try (Studio studio = TestStudios.open(home)) {
            java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
            RenderPipeline pipeline = studio.render(TestStudios.smallRender(home))
                    .withEngines(
                            ai.cinboard.testing.ImageEngines.hangingKeyframes(asked),
                            new ai.cinboard.generation.local.LocalVideoEngine(),
                            new ai.cinboard.generation.local.EspeakSpeechEngine());
            RenderQueue queue = new RenderQueue(studio.database(), pipeline);
            int id = TestStudios.intake(studio, "harbour4.fountain");
            List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (RenderQueue.Worker worker = queue.startWorker(
                    new RenderQueue.WorkerSettings("render-box", 1, Duration.ofMillis(500), Duration.ofMillis(200)),
                    PhaseListener.NONE,
                    log::add)) {
                WorkerListeners.await(studio.database());
                queue.enqueue(id);
                assertTrue(asked.await(2, java.util.concurrent.TimeUnit.MINUTES), "a keyframe unit asked: " + log);

                // another studio's queue object, as another process would cancel
                RenderQueue.Cancelled cancelled =
                        new RenderQueue(studio.database(), pipeline).cancel(id, Duration.ofMinutes(2));
                assertEquals(1, cancelled.running(), cancelled.toString());
                assertEquals(0, cancelled.stillRunning(), "the running unit stopped: " + log);
                assertTrue(log.stream().anyMatch(l -> l.startsWith("stopping " + id + "/keyframe/")), log.toString());
            }
            assertFalse(queue.pending(id), "nothing of the cancelled render is left in the engine");
        }
    }
}
