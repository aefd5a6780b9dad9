package ai.cinboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.Studio;
import ai.cinboard.app.StudioConfig;
import ai.cinboard.domain.Phase;
import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.service.JobInfo;
import ai.cinboard.testing.RedisFixture;
import ai.cinboard.testing.TestStudios;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Progress of renders elsewhere (another studio, a worker) while Redis is lost: the watcher, live from the Redis
 * status topic until then, reads processing_statuses instead, so the phases still arrive. The real redis-server
 * binary is stopped mid-watch.
 */
class RenderWatchFallbackTest {
    @Test
    void whenRedisIsLostTheWatcherPollsTheDatabase() throws Exception {
        RedisFixture redis = new RedisFixture();
        Map<String, String> env = new HashMap<>(TestStudios.environment(TestStudios.tempHome()));
        env.put("CINBOARD_REDIS_URL", redis.url());
        env.put("CINBOARD_STATUS_POLL_MS", "100");
        try (Studio studio = Studio.open(StudioConfig.load(env))) {
            int project = TestStudios.intake(studio, "harbour4.fountain");
            RenderWatch watch = studio.renderWatch();
            assertTrue(watch.live(), "live from the Redis topic");
            BlockingQueue<JobInfo> heard = new LinkedBlockingQueue<>();
            try (AutoCloseable watching = watch.watch(heard::add)) {
                redis.close(); // Redis is lost

                // A phase recorded in the database only, as a render in another process records it.
                PhaseRecorder.Run run = new PhaseRecorder(studio.database(), PhaseListener.NONE)
                        .start(project, Phase.KEYFRAMES, Map.of("unit", project + "/scene/1", "worker", "box-a"));
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
}
