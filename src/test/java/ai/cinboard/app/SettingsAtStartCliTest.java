package ai.cinboard.app;

import static ai.cinboard.app.CliRuns.assertOneLineRefusal;
import static ai.cinboard.app.CliRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.CliRuns.Result;
import ai.cinboard.testing.TestStudios;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every setting is checked when a command starts, not only when the command happens to read it. */
class SettingsAtStartCliTest {
    @Test
    void aBadValueInTheEnvironmentStopsEveryCommandAndNothingIsStored(@TempDir Path dir) throws Exception {
        Map<String, String> good = TestStudios.environment(dir.resolve("home"));
        Path story = Files.writeString(dir.resolve("tiny.txt"), "The ferry left at dawn. Mira waved.");

        Map<String, String> env = new HashMap<>(good);
        env.put("CINBOARD_RENDER_FPS", "abc");
        Result analyze = run(env, "analyze", story.toString());
        assertOneLineRefusal(analyze);
        assertTrue(
                analyze.err().contains("CINBOARD_RENDER_FPS is \"abc\"; allowed: a whole number from 1 to 60."),
                analyze.err());
        assertTrue(analyze.err().contains("environment"), analyze.err());
        assertTrue(analyze.err().contains("unset the environment variable CINBOARD_RENDER_FPS"), analyze.err());
        assertFalse(analyze.err().contains("config set"), analyze.err());

        Result list = run(good, "project", "list", "--json");
        assertEquals(0, list.exit(), list.err());
        assertFalse(list.out().contains("tiny"), "nothing stored: " + list.out());

        for (Map.Entry<String, String> bad : Map.of(
                        "CINBOARD_RENDER_RESOLUTION", "12x7",
                        "CINBOARD_EXPORT_WIDTH", "abc",
                        "CINBOARD_WORKER_POLL_MS", "abc",
                        "CINBOARD_OPENAI_TIMEOUT_SECONDS", "-5")
                .entrySet()) {
            Map<String, String> e = new HashMap<>(good);
            e.put(bad.getKey(), bad.getValue());
            Result r = run(e, "project", "list");
            assertOneLineRefusal(r);
            assertTrue(r.err().contains(bad.getKey() + " is \"" + bad.getValue() + "\"; allowed: "), r.err());
            Result db = run(e, "db", "info");
            assertOneLineRefusal(db);
        }
    }

    @Test
    void aBadValueInTheFileNamesTheFileAndConfigStillFixesIt(@TempDir Path dir) throws Exception {
        Map<String, String> env = TestStudios.environment(dir.resolve("home"));
        Files.createDirectories(dir.resolve("home"));
        Files.writeString(dir.resolve("home").resolve(StudioConfig.CONFIG_FILE), "CINBOARD_EXPORT_WIDTH=abc\n");

        Result list = run(env, "project", "list");
        assertOneLineRefusal(list);
        assertTrue(
                list.err().contains("CINBOARD_EXPORT_WIDTH is \"abc\"; allowed: a whole number from 16 to 8192."),
                list.err());
        assertTrue(list.err().contains(StudioConfig.CONFIG_FILE), list.err());
        assertTrue(list.err().contains("cinboard config set CINBOARD_EXPORT_WIDTH VALUE"), list.err());

        assertEquals(0, run(env, "config", "list").exit());
        assertEquals(0, run(env, "config", "get", "CINBOARD_EXPORT_WIDTH").exit());
        Result fix = run(env, "config", "set", "CINBOARD_EXPORT_WIDTH", "1920");
        assertEquals(0, fix.exit(), fix.err());
        Result again = run(env, "project", "list");
        assertEquals(0, again.exit(), again.err());
    }

    @Test
    void doctorStillReportsEveryPartAndSaysWhereABadValueCameFrom(@TempDir Path dir) throws Exception {
        Map<String, String> env = TestStudios.environment(dir.resolve("home"));
        env.put("CINBOARD_WORKER_POLL_MS", "abc");
        Result r = run(env, "doctor", "--json");
        assertEquals(1, r.exit(), r.out() + r.err());
        JsonNode checks = new ObjectMapper().readTree(r.out()).get("checks");
        assertEquals("database", checks.get(1).get("name").asText());
        assertTrue(checks.get(1).get("ok").asBoolean(), checks.toString());
        JsonNode settings = checks.get(checks.size() - 1);
        assertEquals("settings", settings.get("name").asText());
        assertFalse(settings.get("ok").asBoolean());
        String detail = settings.get("detail").asText();
        assertTrue(detail.contains("CINBOARD_WORKER_POLL_MS is \"abc\""), detail);
        assertTrue(detail.contains("unset the environment variable"), detail);
        assertFalse(detail.contains("Fix with cinboard config set KEY VALUE"), detail);
    }

    @Test
    void doctorNamesTheMediaStoreOrTheCacheThatFailsAndChecksTheRest(@TempDir Path dir) throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        Map<String, String> s3 = TestStudios.environment(dir.resolve("home"));
        s3.put("CINBOARD_S3_BUCKET", "media");
        s3.put("CINBOARD_S3_ENDPOINT", "http://127.0.0.1:" + dead);
        s3.put("AWS_ACCESS_KEY_ID", "access");
        s3.put("AWS_SECRET_ACCESS_KEY", "secret");
        Map<String, JsonNode> byName = checks(run(s3, "doctor", "--json"));
        assertFalse(byName.get("media").get("ok").asBoolean(), byName.toString());
        assertTrue(byName.get("media").get("detail").asText().contains("CINBOARD_S3_ENDPOINT"), byName.toString());
        assertTrue(byName.get("database").get("ok").asBoolean(), byName.toString());
        // a working cache's JSON item carries its figures, whose "name" (in-process) shadows the check's
        assertTrue(byName.get("in-process").get("ok").asBoolean(), byName.toString());
        assertTrue(byName.get("settings").get("ok").asBoolean(), byName.toString());

        Map<String, String> redis = TestStudios.environment(dir.resolve("home2"));
        redis.put("CINBOARD_REDIS_URL", "http://127.0.0.1:6379");
        byName = checks(run(redis, "doctor", "--json"));
        assertFalse(byName.get("cache").get("ok").asBoolean(), byName.toString());
        assertTrue(byName.get("database").get("ok").asBoolean(), byName.toString());
        assertTrue(byName.get("media").get("ok").asBoolean(), byName.toString());
        assertFalse(byName.get("settings").get("ok").asBoolean(), byName.toString());
    }

    @Test
    void digitsOfOtherScriptsAreRefusedBySettingsAndOptions(@TempDir Path dir) throws Exception {
        Map<String, String> env = TestStudios.environment(dir.resolve("home"));
        Result set = run(env, "config", "set", "CINBOARD_RENDER_FPS", "\uFF12\uFF14");
        assertOneLineRefusal(set);
        assertTrue(set.err().contains("allowed: a whole number from 1 to 60"), set.err());
        assertFalse(Files.exists(dir.resolve("home").resolve(StudioConfig.CONFIG_FILE))
                && Files.readString(dir.resolve("home").resolve(StudioConfig.CONFIG_FILE))
                        .contains("\uFF12"));

        Path story = Files.writeString(dir.resolve("tiny.txt"), "The ferry left at dawn.");
        Result fps = run(env, "render", story.toString(), "--fps", "\uFF12\uFF14");
        assertOneLineRefusal(fps);
        assertTrue(fps.err().contains("is not a whole number"), fps.err());
        Result size = run(env, "render", story.toString(), "--resolution", "\uFF13\uFF12\uFF10x\uFF11\uFF18\uFF10");
        assertOneLineRefusal(size);
        assertTrue(size.err().contains("--resolution"), size.err());
        Result list = run(env, "project", "list", "--json");
        assertEquals(0, list.exit(), list.err());
        assertFalse(list.out().contains("tiny"), "nothing stored: " + list.out());
    }

    @Test
    void aSettingsFileThatIsNotUtf8OrIsAFolderIsRefusedInOneLine(@TempDir Path home) throws Exception {
        Map<String, String> env = Map.of("CINBOARD_HOME", home.toString());
        Path file = home.resolve(StudioConfig.CONFIG_FILE);
        // Latin-1 "é": one byte that is not UTF-8
        Files.write(file, "CINBOARD_S3_PREFIX=caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        for (String[] args :
                new String[][] {{"project", "list"}, {"config", "list"}, {"config", "set", "CINBOARD_RENDER_FPS", "24"}
                }) {
            Result r = run(env, args);
            assertOneLineRefusal(r);
            assertTrue(r.err().contains("is not UTF-8 text. Save it as UTF-8"), r.err());
            assertFalse(r.err().contains("Input length"), r.err());
        }

        Files.delete(file);
        Files.createDirectory(file);
        for (String[] args : new String[][] {{"project", "list"}, {"config", "set", "CINBOARD_RENDER_FPS", "24"}}) {
            Result r = run(env, args);
            assertOneLineRefusal(r);
            assertTrue(r.err().contains(file + " is a folder"), r.err());
        }
        assertTrue(Files.isDirectory(file), "left as it was");
    }

    private static Map<String, JsonNode> checks(Result r) throws Exception {
        assertEquals(1, r.exit(), r.out() + r.err());
        Map<String, JsonNode> byName = new HashMap<>();
        new ObjectMapper()
                .readTree(r.out())
                .get("checks")
                .forEach(c -> byName.putIfAbsent(c.get("name").asText(), c));
        return byName;
    }
}
