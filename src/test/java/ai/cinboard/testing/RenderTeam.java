package ai.cinboard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.cli.StudioCommand;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A team's render set-up for tests: the studio's environment on the shared stack (a PostgreSQL database, S3 through
 * S3Proxy, Redis), worker JVMs started on it, the command line run in this JVM, and reads of the database.
 */
public final class RenderTeam {
    public static final ObjectMapper JSON = new ObjectMapper();

    private RenderTeam() {}

    /** A worker process and everything it printed (stdout and stderr). */
    public record Worker(String name, Process process, List<String> lines, Thread reader) {
        public String log() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }

        /** Waits until the worker has printed a line containing {@code text}; fails if it ends first, or times out. */
        public void awaitLine(String text, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            synchronized (lines) {
                while (lines.stream().noneMatch(l -> l.contains(text))) {
                    assertTrue(process.isAlive(), name + " ended before printing \"" + text + "\":\n" + log());
                    assertTrue(
                            System.nanoTime() < deadline,
                            name + " did not print \"" + text + "\" within " + within + ":\n" + log());
                    lines.wait(100); // woken by each line it prints
                }
            }
        }
    }

    /** The environment of a studio (and its workers) on the team's database, S3 store and Redis. */
    public static Map<String, String> environment(Path home, S3Fixture s3, RedisFixture redis) {
        Map<String, String> env = new HashMap<>(TestStudios.environment(home));
        env.putAll(s3.environment());
        env.put("CINBOARD_REDIS_URL", redis.url());
        // Small frames, and a dead worker noticed after 4 × 500 ms: the behaviour of a real team, faster.
        env.put("CINBOARD_RENDER_RESOLUTION", "320x180");
        env.put("CINBOARD_RENDER_FPS", "12");
        env.put("CINBOARD_WORKER_HEARTBEAT_MS", "500");
        env.put("CINBOARD_WORKER_POLL_MS", "200");
        return env;
    }

    /** {@code cinboard worker --name NAME} in a JVM of its own, on a home of its own. */
    public static Worker startWorker(Map<String, String> team, String name) throws IOException {
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
                        lines.notifyAll();
                    }
                }
            } catch (IOException ended) {
                // the process was killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new Worker(name, p, lines, reader);
    }

    /** The command line in this JVM: its exit code, what it printed on stdout, and on stderr. */
    public static String[] cli(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StudioCommand.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    /** The project's render as {@code jobs --json} lists it. */
    public static JsonNode render(Map<String, String> env, int project) throws IOException {
        String[] jobs = cli(env, "jobs", "--json");
        assertEquals("0", jobs[0], jobs[2]);
        for (String line : jobs[1].strip().split("\n")) {
            JsonNode o = JSON.readTree(line);
            if (o.get("project").asInt() == project) return o;
        }
        throw new AssertionError("project " + project + " is not listed by jobs --json:\n" + jobs[1]);
    }

    /**
     * Waits (on the database, not on a clock) until a worker runs {@code phase} ("keyframes", "clips") of a unit: that
     * unit and the worker.
     */
    public static String[] awaitRunning(Connection db, int project, String phase, List<Worker> workers)
            throws SQLException, InterruptedException {
        try (PreparedStatement st = db.prepareStatement("SELECT phase_data->>'unit', phase_data->>'worker'"
                + " FROM processing_statuses WHERE input_record_id = ? AND phase = ? AND status = 'running'"
                + " AND phase_data->>'worker' IS NOT NULL")) {
            st.setInt(1, project);
            st.setString(2, phase);
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

    /** The render completed: one final video, {@code scenes} scenes, and every scene's clip exists exactly once. */
    public static void assertRenderedOnce(Connection db, int project, int scenes) throws SQLException {
        assertEquals(1, count(db, "SELECT count(*) FROM final_videos WHERE input_record_id = ?", project));
        assertEquals(scenes, count(db, "SELECT count(*) FROM scenes WHERE input_record_id = ?", project));
        assertEquals(
                scenes,
                count(
                        db,
                        "SELECT count(*) FROM (SELECT scene_id FROM video_clips WHERE input_record_id = ?"
                                + " GROUP BY scene_id HAVING count(*) = 1) once",
                        project));
        assertEquals(scenes, count(db, "SELECT count(*) FROM video_clips WHERE input_record_id = ?", project));
    }

    public static int count(Connection db, String sql, Object... params) throws SQLException {
        return Integer.parseInt(text(db, sql, params));
    }

    public static String text(Connection db, String sql, Object... params) throws SQLException {
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
}
