package ai.cinboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.cinboard.app.Studio;
import ai.cinboard.app.StudioConfig;
import ai.cinboard.domain.Phase;
import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.service.JobInfo;
import ai.cinboard.service.JobPhase;
import ai.cinboard.testing.TestStudios;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Without Redis the watcher polls processing_statuses. A render made again between two polls ends as the one
 * before it did (every phase completed, at 100 %), yet it is another run, by another worker, and the Jobs view
 * must show it: the watcher tells runs apart by their rows, not only by how they ended.
 */
class RenderWatchPollingTest {
    @Test
    void aRunThatStartsAndEndsBetweenTwoPollsIsStillHeard() throws Exception {
        Map<String, String> env = new HashMap<>(TestStudios.environment(TestStudios.tempHome()));
        env.put("CINBOARD_STATUS_POLL_MS", "2000");
        try (Studio studio = Studio.open(StudioConfig.load(env))) {
            int project = TestStudios.intake(studio, "harbour4.fountain");
            PhaseRecorder recorder = new PhaseRecorder(studio.database(), PhaseListener.NONE);
            recorder.start(project, Phase.KEYFRAMES, Map.of("unit", project + "/keyframe/1/0", "worker", "box-a"))
                    .complete(Map.of());
            RenderWatch watch = studio.renderWatch();
            assertFalse(watch.live(), "no Redis: the watcher polls");
            BlockingQueue<JobInfo> heard = new LinkedBlockingQueue<>();
            try (AutoCloseable watching = watch.watch(heard::add)) {
                // The first poll comes 2 s after the watch starts; this run begins and ends well before it.
                recorder.start(project, Phase.KEYFRAMES, Map.of("unit", project + "/keyframe/1/0", "worker", "box-a"))
                        .complete(Map.of());
                JobPhase completed = null;
                while (completed == null) {
                    JobInfo again = heard.poll(60, TimeUnit.SECONDS);
                    assertNotNull(again, "the second run was heard");
                    completed = again.phases().stream()
                            .filter(p -> p.phase() == Phase.KEYFRAMES && p.status() == PhaseStatus.COMPLETED)
                            .findFirst()
                            .orElse(null);
                }
                // It took milliseconds: its time comes from its timestamps, not the whole seconds of duration_seconds.
                assertFalse(completed.elapsed().isZero(), completed.toString());
            }
        }
    }
}
