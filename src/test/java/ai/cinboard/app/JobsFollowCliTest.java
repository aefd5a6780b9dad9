package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.testing.CinboardProcess;
import ai.cinboard.testing.RedisFixture;
import ai.cinboard.testing.TestDatabases;
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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code jobs --follow --json} in one JVM shows the phases of a {@code render} running in another JVM: both on the
 * same PostgreSQL database and the same real Redis (the embedded redis-server binary), each with its own home.
 */
class JobsFollowCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ProcessBuilder cinboard(Map<String, String> env, String... args) {
        return CinboardProcess.builder(env, args);
    }

    @Test
    void followInOneProcessShowsTheRenderOfAnother() throws Exception {
        String db = TestDatabases.createEmptyDatabase();
        try (RedisFixture redis = new RedisFixture()) {
            Map<String, String> shared =
                    Map.of("CINBOARD_DB_URL", db, "CINBOARD_DB_USER", "postgres", "CINBOARD_REDIS_URL", redis.url());
            Path watcherHome = TestStudios.tempHome();
            Path renderHome = TestStudios.tempHome();
            Map<String, String> watcherEnv = new java.util.HashMap<>(shared);
            watcherEnv.put("CINBOARD_HOME", watcherHome.toString());
            Map<String, String> renderEnv = new java.util.HashMap<>(shared);
            renderEnv.put("CINBOARD_HOME", renderHome.toString());

            Process watcher = cinboard(watcherEnv, "jobs", "--follow", "--json").start();
            List<Process> started = new ArrayList<>(List.of(watcher));
            try {
                followTheOtherProcess(watcher, started, renderHome, renderEnv);
            } finally {
                started.forEach(Process::destroyForcibly); // nothing outlives the test, whatever failed
            }
        }
    }

    private void followTheOtherProcess(
            Process watcher, List<Process> started, Path renderHome, Map<String, String> renderEnv) throws Exception {
        CountDownLatch following = new CountDownLatch(1);
        StringBuilder watcherErr = new StringBuilder();
        Thread errReader = new Thread(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(watcher.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (watcherErr) {
                        watcherErr.append(line).append('\n');
                    }
                    if (line.startsWith("Following renders live")) following.countDown();
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
            following.countDown();
        });
        errReader.start();
        following.await();
        assertTrue(watcher.isAlive(), "jobs --follow is still running:\n" + watcherErr);

        Path story = renderHome.resolve("ferry.fountain");
        Files.write(story, TestStudios.story("ferry.fountain"));
        Process render = cinboard(
                        renderEnv, "render", story.toString(), "--json", "--resolution", "320x180", "--fps", "12")
                .redirectErrorStream(true)
                .start();
        started.add(render);

        // Every line the watcher prints is one JSON object; read until the render's composition is done.
        Set<String> runningPhases = new LinkedHashSet<>();
        List<String> lines = new ArrayList<>();
        Integer project = null;
        BufferedReader out =
                new BufferedReader(new InputStreamReader(watcher.getInputStream(), StandardCharsets.UTF_8));
        String line;
        boolean composed = false;
        while (!composed && (line = out.readLine()) != null) {
            lines.add(line);
            JsonNode o;
            try {
                o = JSON.readTree(line);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new AssertionError("stdout carries one JSON object per line, not: " + line, e);
            }
            assertTrue(o.isObject(), "one JSON object per line: " + line);
            project = o.get("project").asInt();
            if ("running".equals(o.get("status").asText()))
                runningPhases.add(o.get("phase").asText());
            assertTrue(o.get("error").isNull(), "no error: " + line);
            assertTrue(o.has("progress") && o.has("elapsed_seconds") && o.has("title"), line);
            composed = "composition".equals(o.get("phase").asText())
                    && "completed".equals(o.get("status").asText());
        }
        String renderOut = new String(render.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, render.waitFor(), renderOut);
        assertTrue(composed, "the watcher saw the composition complete:\n" + String.join("\n", lines));
        assertNotNull(project);
        assertTrue(
                renderOut.contains("\"inputRecordId\" : " + project),
                "the render the watcher showed is the one that ran:\n" + renderOut);
        List<String> seen = List.copyOf(runningPhases);
        assertEquals(
                List.of("validation", "language_detection", "translation", "content_policy", "scene_breakdown"),
                seen.subList(0, Math.min(5, seen.size())),
                "intake's phases were seen running, in order: " + seen);
        // The render's units: the character sheets and the voiceover are ready at once (in either order), the
        // scenes (keyframes, then the clip) once both are done, and the composition last.
        assertEquals(
                java.util.Set.of("characters", "voiceover"),
                java.util.Set.copyOf(seen.subList(5, Math.min(7, seen.size()))),
                "every phase was seen running, in dependency order: " + seen);
        assertEquals(
                List.of("keyframes", "clips", "composition"),
                seen.subList(Math.min(7, seen.size()), seen.size()),
                "every phase was seen running, in dependency order: " + seen);
        assertTrue(
                lines.stream()
                        .anyMatch(l -> l.contains("\"phase\":\"keyframes\"")
                                && l.contains("\"status\":\"running\"")
                                && !l.contains("\"progress\":0,")),
                "keyframes progress was streamed:\n" + String.join("\n", lines));

        watcher.destroy(); // SIGTERM, as Ctrl+C would: the watcher closes and ends
        assertTrue(watcher.waitFor(60, TimeUnit.SECONDS), "jobs --follow ends when interrupted");
        errReader.join();
        synchronized (watcherErr) {
            assertTrue(!watcherErr.toString().contains("\tat "), "no stack trace:\n" + watcherErr);
        }
    }

    @Test
    void listWithoutFollowPrintsRecentRenders() throws Exception {
        Path home = TestStudios.tempHome();
        Map<String, String> env = TestStudios.environment(home);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ai.cinboard.app.cli.StudioCommand.run(env, new PrintWriter(out), new PrintWriter(err), "jobs");
        assertEquals(0, code, err.toString());
        assertEquals("No renders yet.", out.toString().strip());
    }
}
