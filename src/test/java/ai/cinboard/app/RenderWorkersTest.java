package ai.cinboard.app;

import static ai.cinboard.testing.RenderTeam.assertRenderedOnce;
import static ai.cinboard.testing.RenderTeam.awaitRunning;
import static ai.cinboard.testing.RenderTeam.cli;
import static ai.cinboard.testing.RenderTeam.count;
import static ai.cinboard.testing.RenderTeam.render;
import static ai.cinboard.testing.RenderTeam.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.generation.remote.FakeHttpServer;
import ai.cinboard.generation.remote.FakeHttpServer.Reply;
import ai.cinboard.generation.remote.TestImages;
import ai.cinboard.testing.RedisFixture;
import ai.cinboard.testing.RenderTeam;
import ai.cinboard.testing.S3Fixture;
import ai.cinboard.testing.TestStudios;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Render workers on the job engine, on the real stack a team shares: a PostgreSQL server (the embedded one standing
 * in), S3 (S3Proxy) and Redis (the embedded binary), with each worker a JVM of its own that is killed as a crashed
 * render box would be (SIGKILL).
 */
class RenderWorkersTest {
    @Test
    @org.junit.jupiter.api.Timeout(value = 5, unit = TimeUnit.MINUTES) // --wait follows until the render ends
    void aQueuedRenderWaitsForWorkersAndSurvivesOneKilledDuringAClip(@TempDir Path home) throws Exception {
        try (S3Fixture s3 = new S3Fixture();
                RedisFixture redis = new RedisFixture()) {
            Map<String, String> env = RenderTeam.environment(home, s3, redis);
            Path story = home.resolve("harbour4.fountain");
            Files.write(story, TestStudios.story("harbour4.fountain"));

            // Queued with no worker online: it says so, returns the project id at once, and the units wait.
            String[] queued = cli(env, "render", story.toString(), "--queue");
            assertEquals("0", queued[0], queued[2]);
            int project = Integer.parseInt(queued[1].strip());
            assertTrue(queued[2].contains("No worker is online"), queued[2]);
            JsonNode waiting = render(env, project);
            assertFalse(waiting.get("units").isEmpty(), waiting.toString());
            for (JsonNode u : waiting.get("units")) {
                assertEquals("queued", u.get("state").asText(), waiting.toString());
                assertTrue(u.get("worker").isNull(), waiting.toString());
                assertEquals(0, u.get("attempts").asInt(), waiting.toString());
            }

            List<RenderTeam.Worker> workers = new ArrayList<>();
            try (Connection db = DriverManager.getConnection(env.get("CINBOARD_DB_URL"), "postgres", "")) {
                // A unit of a studio's own, queued 15 days ago: the team's workers don't know its task, and must
                // leave it alone (the engine's default would delete a task unknown for 14 days, running ones too).
                try (var st = db.prepareStatement("INSERT INTO scheduled_tasks (task_name, task_instance,"
                        + " execution_time, picked, version) VALUES (?, ?, now() - interval '15 days', false, 1)")) {
                    st.setString(1, "render-unit@studio-elsewhere");
                    st.setString(2, "999999/composition");
                    st.executeUpdate();
                }
                workers.add(RenderTeam.startWorker(env, "box-a"));
                workers.add(RenderTeam.startWorker(env, "box-b"));

                // Whichever worker is first seen encoding a clip is killed there, mid-unit.
                String[] inClip = awaitRunning(db, project, "clips", workers);
                String killedUnit = inClip[0];
                RenderTeam.Worker killed = workers.stream()
                        .filter(w -> w.name().equals(inClip[1]))
                        .findFirst()
                        .orElseThrow();
                RenderTeam.Worker survivor =
                        workers.stream().filter(w -> w != killed).findFirst().orElseThrow();
                killed.process().destroyForcibly();
                assertTrue(killed.process().waitFor(30, TimeUnit.SECONDS));
                assertEquals(137, killed.process().exitValue(), "killed by SIGKILL:\n" + killed.log());

                // render --queue --wait joins the render (nothing is queued twice) and follows it to the end.
                String[] waited =
                        cli(env, "render", "--project", String.valueOf(project), "--queue", "--wait", "--json");
                assertEquals("0", waited[0], waited[2] + "\n" + survivor.log());
                JsonNode result = RenderTeam.JSON.readTree(waited[1]);
                assertEquals(project, result.get("project").asInt());
                assertTrue(result.get("final_video").get("video_url").asText().startsWith("s3://"), waited[1]);
                assertTrue(waited[2].contains("unit " + killedUnit), "--wait showed the units:\n" + waited[2]);

                assertRenderedOnce(db, project, 4);

                // The killed unit ran exactly once more, on the survivor.
                JsonNode done = render(env, project);
                JsonNode unit = null;
                for (JsonNode u : done.get("units")) {
                    if (u.get("unit").asText().equals(killedUnit)) unit = u;
                    assertEquals("completed", u.get("state").asText(), done.toString());
                }
                assertNotNull(unit, killedUnit + " in " + done);
                assertEquals(2, unit.get("attempts").asInt(), done.toString());
                assertEquals(
                        2,
                        count(
                                db,
                                "SELECT count(*) FROM processing_statuses WHERE input_record_id = ?"
                                        + " AND phase_data->>'unit' = ?",
                                project,
                                killedUnit),
                        "two runs of the unit, each one clips phase");
                assertEquals(survivor.name(), unit.get("worker").asText(), done.toString());
                assertTrue(
                        survivor.log().contains("took " + killedUnit + " (attempt 2)"),
                        "the survivor logged taking the unit again:\n" + survivor.log());
                assertEquals(
                        "completed",
                        text(db, "SELECT status FROM input_records WHERE id = ?", project),
                        "the project is rendered");
                assertEquals(
                        1,
                        count(
                                db,
                                "SELECT count(*) FROM scheduled_tasks WHERE task_name = 'render-unit@studio-elsewhere'"),
                        "the survivor revived the killed unit (its search for dead runs ran) and left the studio's"
                                + " unit alone");

                // SIGTERM: the survivor stops cleanly and leaves the list of online workers. (A JVM ended by a
                // signal exits with 128 + 15 whatever its shutdown hooks did.) Through its handle: Process.destroy()
                // would also close our end of its output, and lose what it prints while it stops.
                survivor.process().toHandle().destroy();
                assertTrue(survivor.process().waitFor(90, TimeUnit.SECONDS), survivor.log());
                assertEquals(143, survivor.process().exitValue(), survivor.log());
                survivor.reader().join(); // everything it printed before it ended
                assertTrue(survivor.log().contains("worker " + survivor.name() + " stopped"), survivor.log());
                assertFalse(survivor.log().contains("\tat "), "no stack trace:\n" + survivor.log());
                assertEquals(0, count(db, "SELECT count(*) FROM render_workers WHERE name = ?", survivor.name()));
            } finally {
                workers.forEach(w -> w.process().destroyForcibly());
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aRenderOnTheWorkersCancelledFromAnotherProcessStopsThereAndCanBeQueuedAgain(@TempDir Path home)
            throws Exception {
        // The image server answers character sheets at once and holds every keyframe request until released, so
        // the worker is inside a keyframes unit, waiting on the server, when the cancel comes.
        AtomicBoolean holdKeyframes = new AtomicBoolean(true);
        CountDownLatch release = new CountDownLatch(1);
        try (S3Fixture s3 = new S3Fixture();
                RedisFixture redis = new RedisFixture();
                FakeHttpServer images = new FakeHttpServer()) {
            images.on("POST /v1/images/generations", r -> {
                if (!r.text().contains("character reference sheet") && holdKeyframes.get()) {
                    release.await(4, TimeUnit.MINUTES);
                }
                byte[] png = TestImages.png(64, 36, TestImages.colourFor(r.text()));
                return Reply.json(
                        200, "{\"data\":[{\"b64_json\":\"" + Base64.getEncoder().encodeToString(png) + "\"}]}");
            });
            Map<String, String> env = new HashMap<>(RenderTeam.environment(home, s3, redis));
            env.put("CINBOARD_IMAGE_ENGINE", "openai");
            env.put("CINBOARD_OPENAI_BASE_URL", images.uri("/v1").toString());
            env.put("CINBOARD_OPENAI_IMAGE_MODEL", "sd-turbo");
            Path story = home.resolve("harbour4.fountain");
            Files.write(story, TestStudios.story("harbour4.fountain"));
            String[] queued = cli(env, "render", story.toString(), "--queue");
            assertEquals("0", queued[0], queued[2]);
            int project = Integer.parseInt(queued[1].strip());

            RenderTeam.Worker worker = RenderTeam.startWorker(env, "box-c");
            try (Connection db = DriverManager.getConnection(env.get("CINBOARD_DB_URL"), "postgres", "")) {
                String running = awaitRunning(db, project, "keyframes", List.of(worker))[0];

                String[] cancel = cli(env, "jobs", "--cancel", String.valueOf(project), "--json");
                assertEquals("0", cancel[0], cancel[2]);
                JsonNode cancelled = RenderTeam.JSON.readTree(cancel[1]);
                assertEquals(project, cancelled.get("project").asInt());
                assertEquals(0, cancelled.get("still_running").asInt(), cancel[1] + "\n" + worker.log());
                worker.awaitLine("stopping " + running + ": its render was cancelled", Duration.ofSeconds(30));
                assertEquals(
                        0,
                        count(db, "SELECT count(*) FROM scheduled_tasks WHERE task_instance LIKE ?", project + "/%"),
                        "nothing of the project is left in the queue");
                assertEquals(0, count(db, "SELECT count(*) FROM final_videos WHERE input_record_id = ?", project));
                assertEquals(
                        "cancelled",
                        text(
                                db,
                                "SELECT status FROM processing_statuses WHERE input_record_id = ?"
                                        + " AND phase_data->>'unit' = ? ORDER BY id DESC LIMIT 1",
                                project,
                                running),
                        "the stopped unit's phase says so");
                assertTrue(worker.process().isAlive(), "the worker goes on:\n" + worker.log());

                // Queued again, the same worker renders what is left, to the end.
                holdKeyframes.set(false);
                release.countDown();
                String[] again = cli(env, "render", "--project", String.valueOf(project), "--queue", "--wait");
                assertEquals("0", again[0], again[2] + "\n" + worker.log());
                assertRenderedOnce(db, project, 4);

                String[] unknown = cli(env, "jobs", "--cancel", "987654");
                assertEquals("2", unknown[0], unknown[2]);
                assertEquals(1, unknown[2].strip().lines().count(), unknown[2]);
                String[] both = cli(env, "jobs", "--cancel", String.valueOf(project), "--follow");
                assertEquals("2", both[0], both[2]);
            } finally {
                release.countDown();
                worker.process().destroyForcibly();
            }
        }
    }

    @Test
    void badInputIsOneLineExitTwoAndStoresNothing(@TempDir Path home) throws Exception {
        Map<String, String> local = TestStudios.environment(home);
        Path story = home.resolve("harbour4.fountain");
        Files.write(story, TestStudios.story("harbour4.fountain"));
        Map<String, String> embedded =
                Map.of("CINBOARD_HOME", home.resolve("embedded").toString());
        for (String[] args : new String[][] {
            {"worker"}, // embedded database
            {"worker", "--concurrency", "0"},
            {"worker", "--name", "has space"},
        }) {
            String[] r = cli(embedded, args);
            assertEquals("2", r[0], String.join(" ", args) + ": " + r[2]);
            assertEquals(1, r[2].strip().lines().count(), r[2]);
        }
        String[] noS3 = cli(local, "worker");
        assertEquals("2", noS3[0], noS3[2]);
        assertTrue(noS3[2].contains("CINBOARD_S3_BUCKET"), noS3[2]);
        for (String[] args : new String[][] {
            {"render", story.toString(), "--queue"}, // local media
            {"render", story.toString(), "--wait"},
        }) {
            String[] r = cli(local, args);
            assertEquals("2", r[0], String.join(" ", args) + ": " + r[2]);
            assertEquals(1, r[2].strip().lines().count(), r[2]);
            assertFalse(r[2].contains("\tat "), r[2]);
        }
        try (Studio studio = Studio.open(StudioConfig.load(local))) {
            int stored = studio.database()
                    .read(s -> s.getMapper(ai.cinboard.persistence.mapper.InputRecordMapper.class)
                            .listByUser(studio.localUserId())
                            .size());
            assertEquals(0, stored, "nothing stored");
        }
    }
}
