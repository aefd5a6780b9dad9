package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.cli.StudioCommand;
import ai.cinboard.pipeline.PhaseListener;
import ai.cinboard.pipeline.RenderPlan;
import ai.cinboard.pipeline.StoryInput;
import ai.cinboard.testing.TestStudios;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * backup and restore through the real command line: a story rendered by the real pipeline is backed up,
 * restored into a fresh database, and every table compared row by row.
 */
class BackupRestoreTest {
    private static Map<String, String> source;
    private static Path home;

    record Result(int exit, String out, String err) {}

    static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = StudioCommand.run(
                env,
                new ByteArrayInputStream("a long enough password\n".getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                args);
        return new Result(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void renderAStory() {
        home = TestStudios.tempHome();
        source = TestStudios.environment(home);
        try (Studio studio = Studio.open(StudioConfig.load(source))) {
            int id = studio.intake()
                    .run(
                            new StoryInput(
                                    TestStudios.story("ferry.fountain"),
                                    "ferry.fountain",
                                    studio.localUserId(),
                                    null,
                                    null,
                                    "test"),
                            PhaseListener.NONE)
                    .projectId();
            studio.render(TestStudios.smallRender(home)).run(id, RenderPlan.MISSING_ONLY, PhaseListener.NONE);
        }
        Result user = run(
                source,
                "users",
                "add",
                "O'Brien%s@example.com",
                "--first",
                "Róisín'; DROP TABLE users;--",
                "--last",
                "Back\\slash \\N %n");
        assertEquals(0, user.exit(), user.err());
    }

    private static Map<String, String> freshDatabase() {
        Map<String, String> env = new HashMap<>(TestStudios.environment(home));
        env.put("CINBOARD_HOME", home.toString());
        return env;
    }

    /** Every table's rows as text, sorted; the backup's and restore's own audit entries left out. */
    static Map<String, List<String>> contents(Map<String, String> env) throws Exception {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(env.get("CINBOARD_DB_URL"), "postgres", null);
                Statement st = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema ="
                    + " 'public' AND table_name <> 'flyway_schema_history'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT t::text FROM " + name + " t"
                        + (name.equals("audit_log") ? " WHERE action NOT IN ('backup', 'restore')" : "")
                        + " ORDER BY 1")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
                tables.put(name, rows);
            }
        }
        return tables;
    }

    @Test
    void aRestoredDatabaseHoldsExactlyTheBackedUpRows(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("studio.backup");
        Result backup = run(source, "backup", file.toString());
        assertEquals(0, backup.exit(), backup.err());
        assertTrue(backup.out().startsWith("Backed up "), backup.out());

        Map<String, String> target = freshDatabase();
        Result restore = run(target, "restore", file.toString());
        assertEquals(0, restore.exit(), restore.err());
        assertTrue(restore.out().startsWith("Restored "), restore.out());

        Map<String, List<String>> before = contents(source);
        Map<String, List<String>> after = contents(target);
        assertEquals(before.keySet(), after.keySet());
        for (String table : List.of(
                "users",
                "input_records",
                "processing_statuses",
                "scenes",
                "keyframes",
                "keyframe_images",
                "video_clips",
                "voiceovers",
                "final_videos",
                "characters",
                "character_images")) {
            assertTrue(before.get(table).size() > 0, table + " has rows to compare");
        }
        before.forEach((table, rows) -> assertEquals(rows, after.get(table), table));

        // Sequences continue after the restored ids: a new account gets a fresh id.
        assertEquals(
                0,
                run(target, "users", "add", "after.restore@example.com", "--first", "A", "--last", "R")
                        .exit());

        // A database that holds data is only replaced on request.
        Result refused = run(target, "restore", file.toString());
        assertEquals(StudioCommand.EXIT_USER_ERROR, refused.exit());
        assertTrue(
                refused.err().startsWith("error: The database at ")
                        && refused.err().contains("--force"),
                refused.err());
        Result forced = run(target, "restore", "--force", file.toString());
        assertEquals(0, forced.exit(), forced.err());
        assertEquals(before, contents(target), "a forced restore leaves exactly the backup's rows");
    }

    @Test
    void missingOrDamagedFilesAreRefusedAndChangeNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("good.backup");
        assertEquals(0, run(source, "backup", file.toString()).exit());
        Map<String, String> target = freshDatabase();
        assertEquals(0, run(target, "restore", file.toString()).exit());
        Map<String, List<String>> restored = contents(target);

        Result missing =
                run(target, "restore", "--force", dir.resolve("nope.backup").toString());
        assertEquals(StudioCommand.EXIT_USER_ERROR, missing.exit());
        assertEquals(
                "error: The backup file " + dir.resolve("nope.backup") + " does not exist (or is not a file)."
                        + " Check the path.",
                missing.err().strip());

        Path text = Files.writeString(dir.resolve("notes.backup"), "not a backup");
        Result notZip = run(target, "restore", "--force", text.toString());
        assertEquals(StudioCommand.EXIT_USER_ERROR, notZip.exit());
        assertTrue(notZip.err().contains("is not a usable CinBoard backup"), notZip.err());
        // without --force the file's own problem comes first, not a request for --force
        Result unforced = run(target, "restore", text.toString());
        assertEquals(StudioCommand.EXIT_USER_ERROR, unforced.exit());
        assertTrue(unforced.err().contains("is not a usable CinBoard backup"), unforced.err());
        assertEquals(1, unforced.err().lines().count(), unforced.err());

        byte[] bytes = Files.readAllBytes(file);
        Path truncated = Files.write(dir.resolve("truncated.backup"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Result cut = run(target, "restore", "--force", truncated.toString());
        assertEquals(StudioCommand.EXIT_USER_ERROR, cut.exit());
        assertTrue(cut.err().toLowerCase().contains("nothing was changed"), cut.err());

        // Same manifest, one character of the users' data changed: caught by the checksum, after the other
        // tables were already loaded, and all of it rolled back.
        Path tampered = dir.resolve("tampered.backup");
        try (ZipFile in = new ZipFile(file.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tampered))) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                byte[] data = in.getInputStream(e).readAllBytes();
                if (e.getName().equals("tables/users.copy")) {
                    data = new String(data, StandardCharsets.UTF_8)
                            .replace("example.com", "example.org")
                            .getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(data);
                out.closeEntry();
            }
        }
        Result damaged = run(target, "restore", "--force", tampered.toString());
        assertEquals(StudioCommand.EXIT_USER_ERROR, damaged.exit());
        assertTrue(damaged.err().contains("does not match its checksum"), damaged.err());
        assertEquals(1, damaged.err().lines().count(), damaged.err());

        assertEquals(restored, contents(target), "a refused restore changes nothing");
    }
}
