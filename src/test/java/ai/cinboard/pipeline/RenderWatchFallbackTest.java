package ai.cinboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.Studio;
import ai.cinboard.app.StudioConfig;
import ai.cinboard.domain.Phase;
import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.service.JobInfo;
import ai.cinboard.testing.RedisFixture;
import ai.cinboard.testing.TestStudios;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Progress of renders elsewhere (another studio, a worker) while Redis is lost: the watcher, live from the Redis
 * status topic until then, reads processing_statuses instead, so the phases still arrive. The real redis-server
 * binary is stopped mid-watch.
 */
class RenderWatchFallbackTest {
    /** A studio on {@code redis} whose watchers poll every 100 ms once it is lost. */
    private static Studio onRedis(RedisFixture redis) {
        Map<String, String> env = new HashMap<>(TestStudios.environment(TestStudios.tempHome()));
        env.put("CINBOARD_REDIS_URL", redis.url());
        env.put("CINBOARD_STATUS_POLL_MS", "100");
        return Studio.open(StudioConfig.load(env));
    }

    @Test
    void whenRedisIsLostTheWatcherPollsTheDatabase() throws Exception {
        try (RedisFixture redis = new RedisFixture();
                Studio studio = onRedis(redis)) {
            int project = TestStudios.intake(studio, "harbour4.fountain");
            RenderWatch watch = studio.renderWatch();
            assertTrue(watch.live(), "live from the Redis topic");
            BlockingQueue<JobInfo> heard = new LinkedBlockingQueue<>();
            try (AutoCloseable watching = watch.watch(heard::add)) {
                redis.close(); // Redis is lost

                // A phase recorded in the database only, as a render in another process records it.
                PhaseRecorder.Run run = new PhaseRecorder(studio.database(), PhaseListener.NONE)
                        .start(project, Phase.KEYFRAMES, Map.of("unit", project + "/keyframe/1/0", "worker", "box-a"));
                JobInfo seen = null;
                while (seen == null) {
                    JobInfo j = heard.poll(60, TimeUnit.SECONDS);
                    assertNotNull(j, "the running keyframes phase arrived by polling");
                    if (j.projectId() == project
                            && j.phases().stream()
                                    .anyMatch(p -> p.phase() == Phase.KEYFRAMES
                                            && p.status() == PhaseStatus.RUNNING
                                            && "box-a".equals(p.worker()))) {
                        seen = j;
                    }
                }
                run.complete(Map.of());
            }
        }
    }

    /**
     * Redis lost in the middle of a render on a worker: the units go on (the cache's circuit breaker lets them
     * run uncached, the status board stops publishing), none fails, the render completes, and a watcher that
     * was live from the topic follows the rest by polling the database, to the end.
     */
    @Test
    void aRenderOnAWorkerGoesOnWhenRedisIsLostAndItsEndArrivesByPolling() throws Exception {
        try (RedisFixture redis = new RedisFixture();
                Studio studio = onRedis(redis)) {
            int project = TestStudios.intake(studio, "harbour4.fountain");
            RenderPipeline pipeline =
                    studio.render(TestStudios.smallRender(studio.config().home()));
            RenderQueue queue = new RenderQueue(studio.database(), pipeline);
            RenderWatch watch = studio.renderWatch();
            assertTrue(watch.live(), "live from the Redis topic");
            List<String> finished = new CopyOnWriteArrayList<>();
            List<String> failures = new CopyOnWriteArrayList<>();
            CountDownLatch firstUnit = new CountDownLatch(1);
            BlockingQueue<JobInfo> heard = new LinkedBlockingQueue<>();
            try (AutoCloseable watching = watch.watch(heard::add);
                    RenderQueue.Worker worker = queue.startWorker(
                            new RenderQueue.WorkerSettings("box-a", 1, Duration.ofMillis(500), Duration.ofMillis(200)),
                            new RenderQueue.WorkerEvents() {
                                @Override
                                public void changed(PhaseListener.PhaseEvent event) {}

                                @Override
                                public void finished(RenderUnit unit, RenderPipeline.UnitRun run, double seconds) {
                                    finished.add(unit.key());
                                    firstUnit.countDown();
                                }

                                @Override
                                public void failed(RenderUnit unit, int attempt, boolean last, RuntimeException e) {
                                    failures.add(unit.key() + ": " + e.getMessage());
                                }
                            })) {
                queue.enqueue(project);
                assertTrue(firstUnit.await(120, TimeUnit.SECONDS), "a first unit finished while Redis was there");
                redis.close(); // Redis is lost, mid-render

                JobInfo done = null;
                while (done == null) {
                    JobInfo j = heard.poll(120, TimeUnit.SECONDS);
                    assertNotNull(j, "the render's end arrived by polling; units finished: " + finished);
                    if (j.projectId() == project
                            && j.phases().stream()
                                    .anyMatch(p ->
                                            p.phase() == Phase.COMPOSITION && p.status() == PhaseStatus.COMPLETED)) {
                        done = j;
                    }
                }
            }
            assertEquals(List.of(), failures, "no unit failed for want of Redis");
            // 2 sheets, the voiceover and its mastering, 12 keyframes, 4 clips, the composition
            assertEquals(21, finished.size(), "every unit ran once: " + finished);
            assertTrue(queue.upToDate(project), "the render completed");
        }
    }
}
