package ai.cinboard.app;

import static ai.cinboard.testing.RenderTeam.assertRenderedOnce;
import static ai.cinboard.testing.RenderTeam.awaitRunning;
import static ai.cinboard.testing.RenderTeam.cli;
import static ai.cinboard.testing.RenderTeam.count;
import static ai.cinboard.testing.RenderTeam.render;
import static ai.cinboard.testing.RenderTeam.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.testing.RedisFixture;
import ai.cinboard.testing.RenderTeam;
import ai.cinboard.testing.RestartablePostgres;
import ai.cinboard.testing.S3Fixture;
import ai.cinboard.testing.TestStudios;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The team's database server goes away in the middle of a render and comes back at the same address (stopped with
 * {@code pg_ctl stop -m fast} and started again on the same data and port): the worker, a JVM of its own, backs off
 * while it is gone and resumes its unit when it is back, and the render completes with no unit lost or done twice.
 */
class WorkerDatabaseOutageTest {
    /**
     * At least this long without the database: 30 of the worker's 500 ms heartbeats, far past the 4 missed beats
     * after which the engine takes a unit for dead, and past the pool's 10 s wait for a connection, after which a
     * query fails. It lasts longer if the running unit has not yet found the database gone by then.
     */
    private static final Duration OUTAGE = Duration.ofSeconds(15);

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aWorkerWaitsOutADatabaseOutageAndResumesItsUnitWithoutLosingAny(@TempDir Path home) throws Exception {
        try (RestartablePostgres server = new RestartablePostgres();
                S3Fixture s3 = new S3Fixture();
                RedisFixture redis = new RedisFixture()) {
            Map<String, String> env = RenderTeam.environment(home, s3, redis);
            String url = server.createEmptyDatabase();
            env.put("CINBOARD_DB_URL", url);
            Path story = home.resolve("harbour4.fountain");
            Files.write(story, TestStudios.story("harbour4.fountain"));
            String[] queued = cli(env, "render", story.toString(), "--queue");
            assertEquals("0", queued[0], queued[2]);
            int project = Integer.parseInt(queued[1].strip());

            RenderTeam.Worker worker = RenderTeam.startWorker(env, "box-a");
            try {
                String hit;
                try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
                    hit = awaitRunning(db, project, "keyframes", List.of(worker))[0];
                }

                // The server goes down as the worker starts a keyframe (its scene's clip still to come), and stays
                // down until that unit has found it gone, and for OUTAGE at least; the worker stays up all along.
                long down = System.nanoTime();
                server.stop();
                worker.awaitLine(hit + " waits for the database", Duration.ofMinutes(1));
                long left = OUTAGE.toNanos() - (System.nanoTime() - down);
                if (left > 0) {
                    assertThrows(
                            TimeoutException.class,
                            () -> worker.process().onExit().get(left, TimeUnit.NANOSECONDS),
                            () -> "the worker ended during the outage:\n" + worker.log());
                }
                assertTrue(worker.process().isAlive(), "the worker ended during the outage:\n" + worker.log());
                server.start();
                double outage = (System.nanoTime() - down) / 1e9;

                // render --queue --wait joins the render and follows it to the end: nothing is left stale.
                String[] waited =
                        cli(env, "render", "--project", String.valueOf(project), "--queue", "--wait", "--json");
                assertEquals("0", waited[0], waited[2] + "\n" + worker.log());
                JsonNode result = RenderTeam.JSON.readTree(waited[1]);
                assertTrue(result.get("final_video").get("video_url").asText().startsWith("s3://"), waited[1]);

                try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
                    assertRenderedOnce(db, project, 4);
                    assertEquals("completed", text(db, "SELECT status FROM input_records WHERE id = ?", project));
                    assertEquals(0, count(db, "SELECT count(*) FROM scheduled_tasks"), "the engine holds nothing");

                    // The unit the outage hit was interrupted there, and resumed in the same attempt once the
                    // database was back.
                    assertEquals(
                            1,
                            count(
                                    db,
                                    "SELECT count(*) FROM processing_statuses WHERE input_record_id = ?"
                                            + " AND phase_data->>'unit' = ? AND status = 'interrupted'"
                                            + " AND error_message LIKE 'The database went out of reach%'",
                                    project,
                                    hit),
                            hit + " was interrupted by the outage once");
                }
                // No unit was lost (2 sheets, the voiceover and its mastering, 12 keyframes, 4 clips, the
                // composition), none failed or ran again: the outage cost no attempt.
                JsonNode done = render(env, project);
                assertEquals(21, done.get("units").size(), done.toString());
                for (JsonNode u : done.get("units")) {
                    assertEquals("completed", u.get("state").asText(), done.toString());
                    assertEquals(1, u.get("attempts").asInt(), done.toString());
                    assertEquals(worker.name(), u.get("worker").asText(), done.toString());
                }

                // The worker backed off and resumed rather than ending: still up, and it stops cleanly on SIGTERM.
                assertTrue(worker.process().isAlive(), worker.log());
                worker.process().toHandle().destroy();
                assertTrue(worker.process().waitFor(90, TimeUnit.SECONDS), worker.log());
                assertEquals(143, worker.process().exitValue(), worker.log());
                worker.reader().join();
                String log = worker.log();
                assertTrue(log.contains("database unreachable ("), log);
                assertTrue(log.contains("database reachable again after "), log);
                assertTrue(log.contains("resuming " + hit + " (attempt 1)"), log);
                assertTrue(log.contains("worker " + worker.name() + " stopped"), log);
                assertFalse(log.contains("\tat "), "no stack trace:\n" + log);
                System.out.printf(
                        "The database was down %.1f s while %s ran; the worker said:%n%s%n", outage, hit, log);
            } finally {
                worker.process().destroyForcibly();
            }
        }
    }
}
