package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.cli.StudioCommand;
import ai.cinboard.media.S3Settings;
import ai.cinboard.testing.CinboardProcess;
import ai.cinboard.testing.RedisFixture;
import ai.cinboard.testing.S3Fixture;
import ai.cinboard.testing.TestStudios;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Render workers on the job engine, on the real stack a team shares: a PostgreSQL server (the embedded one standing
 * in), S3 (S3Proxy) and Redis (the embedded binary), with each worker a JVM of its own that is killed as a crashed
 * render box would be (SIGKILL).
 */
class RenderWorkersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A worker process and everything it printed. */
    private record Worker(String name, Process process, List<String> lines, Thread reader) {
        String log() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }

    private static Map<String, String> team(Path home, S3Fixture s3, RedisFixture redis) {
        Map<String, String> env = new HashMap<>(TestStudios.environment(home));
        env.put(S3Settings.BUCKET_ENV, S3Fixture.BUCKET);
        env.put(S3Settings.ENDPOINT_ENV, s3.endpoint.toString());
        env.put(S3Settings.REGION_ENV, "us-east-1");
        env.put(S3Settings.PATH_STYLE_ENV, "true");
        env.put("AWS_ACCESS_KEY_ID", S3Fixture.ACCESS);
        env.put("AWS_SECRET_ACCESS_KEY", S3Fixture.SECRET);
        env.put("CINBOARD_REDIS_URL", redis.url());
        // Small frames, and a dead worker noticed after 4 × 500 ms: the behaviour of a real team, faster.
        env.put("CINBOARD_RENDER_RESOLUTION", "320x180");
        env.put("CINBOARD_RENDER_FPS", "12");
        env.put("CINBOARD_WORKER_HEARTBEAT_MS", "500");
        env.put("CINBOARD_WORKER_POLL_MS", "200");
        return env;
    }

    private static Worker startWorker(Map<String, String> team, String name) throws Exception {
        Map<String, String> env = new HashMap<>(team);
        env.put("CINBOARD_HOME", TestStudios.tempHome().toString());
        Process p = CinboardProcess.builder(env, "worker", "--name", name)
                .redirectErrorStream(true)
                .start();
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (java.io.IOException ended) {
                // the process was killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new Worker(name, p, lines, reader);
    }

    private static String[] cli(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StudioCommand.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 5, unit = TimeUnit.MINUTES) // --wait follows until the render ends
    void aQueuedRenderWaitsForWorkersAndSurvivesOneKilledDuringAClip(@TempDir Path home) throws Exception {
        try (S3Fixture s3 = new S3Fixture();
                RedisFixture redis = new RedisFixture()) {
            Map<String, String> env = team(home, s3, redis);
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

            List<Worker> workers = new ArrayList<>();
            try (Connection db = DriverManager.getConnection(env.get("CINBOARD_DB_URL"), "postgres", "")) {
                workers.add(startWorker(env, "box-a"));
                workers.add(startWorker(env, "box-b"));

                // Whichever worker is first seen encoding a clip is killed there, mid-unit.
                String[] inClip = awaitRunningClip(db, project, workers);
                String killedUnit = inClip[0];
                Worker killed = workers.stream()
                        .filter(w -> w.name().equals(inClip[1]))
                        .findFirst()
                        .orElseThrow();
                Worker survivor =
                        workers.stream().filter(w -> w != killed).findFirst().orElseThrow();
                killed.process().destroyForcibly();
                assertTrue(killed.process().waitFor(30, TimeUnit.SECONDS));
                assertEquals(137, killed.process().exitValue(), "killed by SIGKILL:\n" + killed.log());

                // render --queue --wait joins the render (nothing is queued twice) and follows it to the end.
                String[] waited =
                        cli(env, "render", "--project", String.valueOf(project), "--queue", "--wait", "--json");
                assertEquals("0", waited[0], waited[2] + "\n" + survivor.log());
                JsonNode result = JSON.readTree(waited[1]);
                assertEquals(project, result.get("project").asInt());
                assertTrue(result.get("final_video").get("video_url").asText().startsWith("s3://"), waited[1]);
                assertTrue(waited[2].contains("unit " + killedUnit), "--wait showed the units:\n" + waited[2]);

                // The render completed: one final video, and every scene's clip exists exactly once.
                assertEquals(1, count(db, "SELECT count(*) FROM final_videos WHERE input_record_id = ?", project));
                assertEquals(4, count(db, "SELECT count(*) FROM scenes WHERE input_record_id = ?", project));
                assertEquals(
                        4,
                        count(
                                db,
                                "SELECT count(*) FROM (SELECT scene_id FROM video_clips WHERE input_record_id = ?"
                                        + " GROUP BY scene_id HAVING count(*) = 1) once",
                                project));
                assertEquals(4, count(db, "SELECT count(*) FROM video_clips WHERE input_record_id = ?", project));

                // The killed unit ran exactly once more, on the survivor.
                JsonNode done = render(env, project);
                JsonNode unit = null;
                for (JsonNode u : done.get("units")) {
                    if (u.get("unit").asText().equals(killedUnit)) unit = u;
                    assertEquals("completed", u.get("state").asText(), done.toString());
                }
                assertNotNull(unit, killedUnit + " in " + done);
                assertEquals(2, unit.get("attempts").asInt(), done.toString());
                assertEquals(survivor.name(), unit.get("worker").asText(), done.toString());
                assertTrue(
                        survivor.log().contains("took " + killedUnit + " (attempt 2)"),
                        "the survivor logged taking the unit again:\n" + survivor.log());
                assertEquals(
                        "completed",
                        text(db, "SELECT status FROM input_records WHERE id = ?", project),
                        "the project is rendered");

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

    /** The project's render as {@code jobs --json} lists it. */
    private static JsonNode render(Map<String, String> env, int project) throws Exception {
        String[] jobs = cli(env, "jobs", "--json");
        assertEquals("0", jobs[0], jobs[2]);
        for (String line : jobs[1].strip().split("\n")) {
            JsonNode o = JSON.readTree(line);
            if (o.get("project").asInt() == project) return o;
        }
        throw new AssertionError("project " + project + " is not listed by jobs --json:\n" + jobs[1]);
    }

    /** Waits (on the database, not on a clock) until a worker runs a scene's clips phase: its unit and worker. */
    private static String[] awaitRunningClip(Connection db, int project, List<Worker> workers) throws Exception {
        try (PreparedStatement st = db.prepareStatement("SELECT phase_data->>'unit', phase_data->>'worker'"
                + " FROM processing_statuses WHERE input_record_id = ? AND phase = 'clips' AND status = 'running'"
                + " AND phase_data->>'worker' IS NOT NULL")) {
            st.setInt(1, project);
            while (true) {
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) return new String[] {rs.getString(1), rs.getString(2)};
                }
                for (Worker w : workers) {
                    assertTrue(w.process().isAlive(), w.name() + " ended early:\n" + w.log());
                }
                Thread.sleep(5);
            }
        }
    }

    private static int count(Connection db, String sql, Object... params) throws SQLException {
        return Integer.parseInt(text(db, sql, params));
    }

    private static String text(Connection db, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
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
