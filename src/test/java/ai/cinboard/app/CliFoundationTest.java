package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.cli.StudioCommand;
import ai.cinboard.testing.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor and db info through the real command line, on a real database. */
class CliFoundationTest {
    record Result(int exit, String out, String err) {}

    static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = StudioCommand.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void doctorReportsDatabaseSchemaPoolAndDiskAsJson(@TempDir Path home) throws Exception {
        String url = TestDatabases.createEmptyDatabase();
        Result r = run(
                Map.of("CINBOARD_HOME", home.toString(), "CINBOARD_DB_URL", url, "CINBOARD_DB_USER", "postgres"),
                "doctor",
                "--json");
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertTrue(doc.get("ok").asBoolean());
        assertEquals("database", doc.get("checks").get(1).get("name").asText());
        assertEquals("17", doc.get("checks").get(2).get("version").asText());
        assertTrue(doc.get("checks").get(3).get("maximum").asInt() >= 3);
        assertTrue(doc.get("checks").get(0).get("freeBytes").asLong() > 0);
        JsonNode settings = doc.get("checks").get(doc.get("checks").size() - 1);
        assertEquals("settings", settings.get("name").asText());
        assertTrue(settings.get("ok").asBoolean(), settings.toString());

        // a value the studio would refuse later is named now, with what is allowed, and doctor fails
        java.nio.file.Files.writeString(home.resolve(StudioConfig.CONFIG_FILE), "CINBOARD_RENDER_FPS=abc\n");
        Result bad = run(
                Map.of("CINBOARD_HOME", home.toString(), "CINBOARD_DB_URL", url, "CINBOARD_DB_USER", "postgres"),
                "doctor");
        assertEquals(1, bad.exit(), bad.out() + bad.err());
        assertTrue(bad.out().contains("CINBOARD_RENDER_FPS"), bad.out());
        assertTrue(bad.out().contains("1 to 60"), bad.out());
        assertFalse(bad.out().contains("\tat "), bad.out());
    }

    @Test
    void whatAMessageQuotesOfAFileCantBreakTheLineOrDriveTheTerminal(@TempDir Path home) {
        assertEquals("a?b c ?]0;x", StudioCommand.printable("a\u0000b\r\nc \u001b]0;x"));
        Result r = run(Map.of("CINBOARD_HOME", home.toString()), "analyze", "story\u001b[31m.txt");
        assertEquals(StudioCommand.EXIT_USER_ERROR, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(r.err().contains("\u001b"), r.err());
    }

    @Test
    void aMistypedOptionIsOneLineNamingItAndTheHelpExitTwo(@TempDir Path home) {
        Map<String, String> env = Map.of("CINBOARD_HOME", home.toString());
        for (String[] args : new String[][] {
            {"worker", "--concurrency", "abc"}, {"render", "--fps"}, {"--bogus"}, {"jobs", "--follow", "extra"}
        }) {
            Result r = run(env, args);
            assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("error: ") && r.err().contains("--help"), r.err());
            assertFalse(r.err().contains("Usage:"), r.err());
            assertEquals("", r.out(), "nothing on stdout");
        }
        assertFalse(Files.exists(home.resolve("db")), "nothing stored: no database was even started");
    }

    @Test
    void doctorFailsWithOneClearLineWhenTheDatabaseIsUnreachable(@TempDir Path home) {
        Result r = run(
                Map.of("CINBOARD_HOME", home.toString(), "CINBOARD_DB_URL", "jdbc:postgresql://127.0.0.1:1/x"),
                "doctor");
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("FAIL  database"), r.out());
        assertTrue(r.out().contains("CINBOARD_DB_URL"), r.out());
        assertFalse(r.out().contains("\tat "), "no stack trace");
    }

    @Test
    void dbInfoCountsRowsOfEveryTable(@TempDir Path home) throws Exception {
        String url = TestDatabases.createEmptyDatabase();
        Map<String, String> env =
                Map.of("CINBOARD_HOME", home.toString(), "CINBOARD_DB_URL", url, "CINBOARD_DB_USER", "postgres");
        Result r = run(env, "db", "info", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("17", doc.get("schemaVersion").asText());
        assertEquals(
                14,
                doc.get("tables").size(),
                "the spec's ten tables, scenes, scene_characters, audit_log, users_login_failures");
        assertEquals(0, doc.get("tables").get("users").asInt());
        Result text = run(env, "db", "info");
        assertTrue(text.out().contains("final_videos"), text.out());
    }

    @Test
    void aBadSettingGivesExitTwoAndOneLine(@TempDir Path home) {
        Result r = run(Map.of("CINBOARD_HOME", home.toString(), "CINBOARD_DB_URL", "mysql://x/y"), "db", "info");
        assertEquals(StudioCommand.EXIT_USER_ERROR, r.exit());
        assertTrue(r.err().startsWith("error: CINBOARD_DB_URL"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void theConfigFileIsReadAndTheEnvironmentWins(@TempDir Path home) throws Exception {
        Files.writeString(
                home.resolve(StudioConfig.CONFIG_FILE),
                "CINBOARD_DB_URL=jdbc:postgresql://file/db\n" + "CINBOARD_S3_BUCKET=from-file\n");
        StudioConfig config =
                StudioConfig.load(Map.of("CINBOARD_HOME", home.toString(), "CINBOARD_S3_BUCKET", "from-env"));
        assertEquals("jdbc:postgresql://file/db", config.database().jdbcUrl());
        assertEquals("from-env", config.get("CINBOARD_S3_BUCKET").orElseThrow());
        assertEquals(home.toAbsolutePath().normalize(), config.home());
    }
}
