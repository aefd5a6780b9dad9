package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.cli.StudioCommand;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code config list|get|set|unset} through the real command line, on a real settings file. */
class ConfigCliTest {
    private static final String KEY = "sk-live-7f3a9c2e11b04d8aa1c9";

    private record Result(int exit, String out, String err) {}

    private static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = StudioCommand.run(
                env,
                new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static Map<String, String> env(Path home) {
        Map<String, String> env = new HashMap<>();
        env.put("CINBOARD_HOME", home.toString());
        env.put("CINBOARD_SECRETS", "file");
        return env;
    }

    @Test
    void listShowsEveryValueAndWhereItCameFromWithSecretsMasked(@TempDir Path home) throws Exception {
        Files.writeString(
                home.resolve(StudioConfig.CONFIG_FILE),
                "CINBOARD_IMAGE_ENGINE=comfyui\nCINBOARD_OPENAI_API_KEY=" + KEY + "\n");
        Map<String, String> env = env(home);
        env.put("CINBOARD_GENERATION_THREADS", "3");

        Result list = run(env, "config", "list");
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().matches("(?s).*CINBOARD_IMAGE_ENGINE +comfyui +file\n.*"), list.out());
        assertTrue(list.out().matches("(?s).*CINBOARD_GENERATION_THREADS +3 +environment\n.*"), list.out());
        assertTrue(list.out().matches("(?s).*CINBOARD_VIDEO_ENGINE +local +default\n.*"), list.out());
        assertTrue(list.out().contains("…a1c9"), list.out());
        assertFalse(list.out().contains(KEY), "a secret is never printed");

        Result json = run(env, "config", "list", "--json");
        assertEquals(0, json.exit(), json.err());
        assertFalse(json.out().contains(KEY));
        JsonNode rows = new ObjectMapper().readTree(json.out());
        Map<String, JsonNode> byKey = new HashMap<>();
        rows.forEach(r -> byKey.put(r.get("key").asText(), r));
        assertEquals("comfyui", byKey.get("CINBOARD_IMAGE_ENGINE").get("value").asText());
        assertEquals("file", byKey.get("CINBOARD_IMAGE_ENGINE").get("source").asText());
        assertEquals("local", byKey.get("CINBOARD_IMAGE_ENGINE").get("default").asText());
        assertEquals(
                "environment",
                byKey.get("CINBOARD_GENERATION_THREADS").get("source").asText());
        assertEquals(
                "default", byKey.get("CINBOARD_S3_PATH_STYLE").get("source").asText());
        assertEquals("auto", byKey.get("CINBOARD_S3_PATH_STYLE").get("value").asText());
        assertTrue(byKey.get("CINBOARD_OPENAI_API_KEY").get("secret").asBoolean());
        assertTrue(byKey.get("CINBOARD_S3_BUCKET").get("value").isNull(), "unset, no default");
        assertEquals(
                "local, openai or none",
                byKey.get("CINBOARD_SPEECH_ENGINE").get("allowed").asText());

        Result get = run(env, "config", "get", "CINBOARD_IMAGE_ENGINE");
        assertEquals(0, get.exit(), get.err());
        assertEquals("comfyui\n", get.out());
        assertEquals(
                "3\n", run(env, "config", "get", "CINBOARD_GENERATION_THREADS").out());
        assertEquals("24\n", run(env, "config", "get", "CINBOARD_RENDER_FPS").out());
        String masked = run(env, "config", "get", "CINBOARD_OPENAI_API_KEY").out();
        assertTrue(masked.contains("…a1c9") && !masked.contains(KEY), masked);

        // a password written into the database URL is not shown either
        env.put("CINBOARD_DB_URL", "jdbc:postgresql://db.example.com/studio?sslmode=verify-full&password=hunter2");
        String listed = run(env, "config", "list").out();
        assertFalse(listed.contains("hunter2"), listed);
        assertTrue(listed.contains("sslmode=verify-full&password=***"), listed);
        assertEquals(
                "jdbc:postgresql://db.example.com/studio?sslmode=verify-full&password=***\n",
                run(env, "config", "get", "CINBOARD_DB_URL").out());
    }

    @Test
    void setMergesOneKeyAndKeepsEveryOtherLine(@TempDir Path home) throws Exception {
        Path file = home.resolve(StudioConfig.CONFIG_FILE);
        String before = "# my studio\nCINBOARD_S3_PATH_STYLE=true\nCINBOARD_OPENAI_CHAT_MODEL=llama3.1:8b\n"
                + "SOMETHING_ELSE=kept\nCINBOARD_IMAGE_ENGINE=local\n";
        Files.writeString(file, before);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Map<String, String> env = env(home);

        Result set = run(env, "config", "set", "CINBOARD_IMAGE_ENGINE", "a1111");
        assertEquals(0, set.exit(), set.err());
        assertEquals(
                "# my studio\nCINBOARD_S3_PATH_STYLE=true\nCINBOARD_OPENAI_CHAT_MODEL=llama3.1:8b\n"
                        + "SOMETHING_ELSE=kept\nCINBOARD_IMAGE_ENGINE=a1111\n",
                Files.readString(file));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        Result added = run(env, "config", "set", "CINBOARD_OPENAI_TIMEOUT_SECONDS", "90");
        assertEquals(0, added.exit(), added.err());
        assertEquals(
                "90",
                StudioConfig.load(env).get("CINBOARD_OPENAI_TIMEOUT_SECONDS").orElseThrow());
        assertEquals(
                "llama3.1:8b",
                StudioConfig.load(env).get("CINBOARD_OPENAI_CHAT_MODEL").orElseThrow());
        assertEquals("kept", StudioConfig.load(env).get("SOMETHING_ELSE").orElseThrow());

        Result unset = run(env, "config", "unset", "CINBOARD_OPENAI_TIMEOUT_SECONDS");
        assertEquals(0, unset.exit(), unset.err());
        assertFalse(Files.readString(file).contains("CINBOARD_OPENAI_TIMEOUT_SECONDS"));
        assertEquals(
                "300\n",
                run(env, "config", "get", "CINBOARD_OPENAI_TIMEOUT_SECONDS").out());

        // a key written twice by hand: the later line would win, so it goes, and the value set is the one read
        Files.writeString(file, "CINBOARD_RENDER_FPS=30\n# note\nCINBOARD_RENDER_FPS=abc\n");
        assertEquals(0, run(env, "config", "set", "CINBOARD_RENDER_FPS", "25").exit());
        assertEquals("CINBOARD_RENDER_FPS=25\n# note\n", Files.readString(file));
        assertEquals("25\n", run(env, "config", "get", "CINBOARD_RENDER_FPS").out());
        Files.writeString(file, "CINBOARD_RENDER_FPS=30\nCINBOARD_RENDER_FPS=12\n");
        assertEquals(0, run(env, "config", "unset", "CINBOARD_RENDER_FPS").exit());
        assertEquals("", Files.readString(file));

        env.put("CINBOARD_IMAGE_ENGINE", "openai");
        Result overridden = run(env, "config", "set", "CINBOARD_IMAGE_ENGINE", "comfyui");
        assertEquals(0, overridden.exit());
        assertTrue(overridden.err().contains("overrides the file"), overridden.err());
    }

    @Test
    void anInvalidValueOrUnknownKeyIsOneLineExitTwoAndTheFileIsUntouched(@TempDir Path home) throws Exception {
        Path file = home.resolve(StudioConfig.CONFIG_FILE);
        Files.writeString(file, "CINBOARD_IMAGE_ENGINE=comfyui\n");
        byte[] before = Files.readAllBytes(file);
        Map<String, String> env = env(home);

        Result engine = run(env, "config", "set", "CINBOARD_SPEECH_ENGINE", "festival");
        assertEquals(StudioCommand.EXIT_USER_ERROR, engine.exit());
        assertEquals("error: CINBOARD_SPEECH_ENGINE is \"festival\"; allowed: local, openai or none.\n", engine.err());

        Result number = run(env, "config", "set", "CINBOARD_OPENAI_MAX_CONCURRENCY", "0");
        assertEquals(StudioCommand.EXIT_USER_ERROR, number.exit());
        assertEquals(1, number.err().lines().count(), number.err());
        assertTrue(number.err().contains("CINBOARD_OPENAI_MAX_CONCURRENCY")
                && number.err().contains("1 to 64"));

        // what a render would refuse is refused here, not after the file is written
        for (String[] bad : new String[][] {
            {"CINBOARD_RENDER_RESOLUTION", "1281x721"},
            {"CINBOARD_RENDER_RESOLUTION", "32x32"},
            {"CINBOARD_RENDER_FPS", "100"},
            {"CINBOARD_OPENAI_CHAT_MODEL", " "},
            {"CINBOARD_S3_REGION", ""},
            {"CINBOARD_DB_URL", "jdbc:postgresql://db.example.com/cinboard"},
            {"CINBOARD_S3_PREFIX", "renders\nsecond-line"}
        }) {
            Result r = run(env, "config", "set", bad[0], bad[1]);
            assertEquals(StudioCommand.EXIT_USER_ERROR, r.exit(), String.join(" ", bad));
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains(bad[0]), r.err());
        }

        // logging reads CINBOARD_LOG before any setting: an unknown level is refused on any command
        Map<String, String> verbose = new java.util.HashMap<>(env);
        verbose.put("CINBOARD_LOG", "verbose");
        Result log = run(verbose, "config", "list");
        assertEquals(StudioCommand.EXIT_USER_ERROR, log.exit());
        assertEquals(1, log.err().lines().count(), log.err());
        assertTrue(log.err().contains("CINBOARD_LOG") && log.err().contains("debug"), log.err());

        Result unknown = run(env, "config", "set", "CINBOARD_IMAGE_ENGNE", "local");
        assertEquals(StudioCommand.EXIT_USER_ERROR, unknown.exit());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
        assertTrue(
                unknown.err().contains("\"CINBOARD_IMAGE_ENGNE\" is not a setting; did you mean CINBOARD_IMAGE_ENGINE"),
                unknown.err());
        assertEquals(
                StudioCommand.EXIT_USER_ERROR, run(env, "config", "get", "NOPE").exit());

        Result secret = run(env, "config", "set", "CINBOARD_OPENAI_API_KEY", KEY);
        assertEquals(StudioCommand.EXIT_USER_ERROR, secret.exit());
        assertTrue(secret.err().contains("cinboard secrets set CINBOARD_OPENAI_API_KEY"), secret.err());
        assertEquals(
                StudioCommand.EXIT_USER_ERROR,
                run(env, "config", "set", "CINBOARD_HOME", "/tmp").exit());

        assertArrayEquals(before, Files.readAllBytes(file), "nothing was written");
        try (var files = Files.list(home)) {
            assertEquals(
                    List.of(),
                    files.filter(p -> p.getFileName().toString().endsWith(".tmp"))
                            .toList());
        }
    }

    @Test
    void theFileIsReplacedAtomicallyAndANewOneIsOwnerOnly(@TempDir Path home) throws Exception {
        SettingsFile file = new SettingsFile(home);
        file.update(Map.of("CINBOARD_DB_POOL_SIZE", "5", "SOMETHING_ELSE", "kept"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())));

        // A reader racing 300 writes must always see a whole file: the old one or the new one, never a part.
        AtomicBoolean done = new AtomicBoolean();
        List<String> torn = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                Map<String, String> seen = file.read();
                if (!"kept".equals(seen.get("SOMETHING_ELSE")) || !"5".equals(seen.get("CINBOARD_DB_POOL_SIZE"))) {
                    torn.add(seen.toString());
                }
            }
        });
        reader.start();
        for (int i = 0; i < 300; i++) {
            file.update(Map.of("CINBOARD_EXPORT_DIR", "/videos/" + "x".repeat(i % 50) + i));
        }
        done.set(true);
        reader.join();
        assertEquals(List.of(), torn);
        assertEquals("/videos/" + "x".repeat(299 % 50) + 299, file.read().get("CINBOARD_EXPORT_DIR"));

        // A file that holds a secret (written there by hand) is narrowed to its owner on the next write.
        Files.writeString(file.path(), "CINBOARD_DB_PASSWORD=hunter2hunter2\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file.path(), PosixFilePermissions.fromString("rw-r--r--"));
        file.update(Map.of("CINBOARD_DB_POOL_SIZE", "7"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())));
        assertEquals("hunter2hunter2", file.read().get("CINBOARD_DB_PASSWORD"));
    }
}
