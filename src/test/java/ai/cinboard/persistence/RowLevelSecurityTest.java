package ai.cinboard.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.InputRecord;
import ai.cinboard.domain.RecordStatus;
import ai.cinboard.domain.Scene;
import ai.cinboard.persistence.mapper.InputRecordMapper;
import ai.cinboard.persistence.mapper.SceneMapper;
import ai.cinboard.testing.TestDatabases;
import ai.cinboard.testing.TestProjects;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.ibatis.exceptions.PersistenceException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped least-privilege roles script, run on the embedded server, and row-level security (V7) seen
 * through the studio's own data layer connected as the app role: another user's rows are invisible and
 * can't be changed or added to; the owner (single-user mode) still sees everything.
 */
class RowLevelSecurityTest {
    static final List<String> PROJECT_TABLES = List.of(
            "input_records",
            "processing_statuses",
            "scenes",
            "scene_characters",
            "characters",
            "character_images",
            "keyframes",
            "keyframe_images",
            "video_clips",
            "voiceovers",
            "final_videos");

    private static String url;
    private static int alicesProject;
    private static int bobsProject;
    private static int alice;
    private static int bob;

    @BeforeAll
    static void twoUsersWithAProjectEach() throws Exception {
        url = TestDatabases.createEmptyDatabase();
        try (Database owner = Database.open(TestDatabases.settings(url))) {
            alicesProject = TestProjects.insert(owner, 3, 2, 2, 2, 2);
            bobsProject = TestProjects.insert(owner, 2, 1, 1, 1, 1);
            alice = owner.read(s -> s.getMapper(InputRecordMapper.class).findById(alicesProject))
                    .userId();
            bob = owner.read(s -> s.getMapper(InputRecordMapper.class).findById(bobsProject))
                    .userId();
        }
        String script;
        try (var in = RowLevelSecurityTest.class.getResourceAsStream("/db/roles/least-privilege-roles.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = DriverManager.getConnection(url, "postgres", null);
                Statement st = c.createStatement()) {
            st.execute(script);
            st.execute(script); // it can be run again
        }
    }

    private static Database openAs(String role) {
        DatabaseSettings s = TestDatabases.settings(url);
        return Database.open(new DatabaseSettings(url, role, null, s.home(), 0, 2, 500));
    }

    private static InputRecord ownersView(int id) {
        try (Database owner = openAs("postgres")) {
            return owner.read(s -> s.getMapper(InputRecordMapper.class).findById(id));
        }
    }

    private static Map<String, Long> counts(Database db) {
        return db.read(s -> {
            Map<String, Long> counts = new TreeMap<>();
            try (Statement st = s.getConnection().createStatement()) {
                for (String table : PROJECT_TABLES) {
                    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                        rs.next();
                        counts.put(table, rs.getLong(1));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return counts;
        });
    }

    @Test
    void theAppRoleSeesAndChangesOnlyTheActingUsersProjects() {
        Map<String, Long> everything;
        try (Database owner = openAs("postgres")) {
            everything = counts(owner);
        }
        try (Database app = openAs("cinboard_app")) {
            // No user set: no project is visible at all.
            counts(app).forEach((table, n) -> assertEquals(0L, n, table));

            app.actAs(alice);
            Map<String, Long> alices = counts(app);
            app.actAs(bob);
            Map<String, Long> bobsCounts = counts(app);
            for (String table : PROJECT_TABLES) {
                assertTrue(alices.get(table) > 0, table);
                assertTrue(bobsCounts.get(table) > 0, table);
                assertEquals(
                        everything.get(table),
                        alices.get(table) + bobsCounts.get(table),
                        table + " splits between the two");
            }

            app.actAs(alice);
            assertNull(
                    app.read(s -> s.getMapper(InputRecordMapper.class).findById(bobsProject)), "bob's id is invisible");
            assertTrue(new ProjectRepository(app).load(bobsProject).isEmpty());
            assertTrue(new ProjectRepository(app).load(alicesProject).isPresent());
            assertEquals(0, (int)
                    app.inTransaction(s -> s.getMapper(InputRecordMapper.class).deleteById(bobsProject)));
            InputRecord bobs = ownersView(bobsProject);
            assertEquals(0, (int)
                    app.inTransaction(s -> s.getMapper(InputRecordMapper.class).update(bobs)));

            // Writing a row into bob's project, or a project in bob's name, is refused by PostgreSQL.
            PersistenceException scene = assertThrows(
                    PersistenceException.class,
                    () -> app.inTransaction(s -> s.getMapper(SceneMapper.class)
                            .insert(new Scene(
                                    null,
                                    bobsProject,
                                    99,
                                    99,
                                    "INT. NOWHERE",
                                    null,
                                    null,
                                    "x",
                                    new BigDecimal("1.0"),
                                    null,
                                    null))));
            assertTrue(scene.getMessage().contains("row-level security"), scene.getMessage());
            assertThrows(
                    PersistenceException.class,
                    () -> app.inTransaction(s -> s.getMapper(InputRecordMapper.class)
                            .insert(new InputRecord(
                                    null,
                                    bob,
                                    "story",
                                    5,
                                    null,
                                    null,
                                    null,
                                    RecordStatus.PENDING,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null))));
            assertEquals(bobs, ownersView(bobsProject), "bob's project is untouched");
        }
        try (Database owner = openAs("postgres")) {
            assertEquals(everything, counts(owner), "the owner (single-user mode) bypasses row-level security");
        }
    }

    @Test
    void backupAsTheAppRoleIsRefusedRatherThanIncomplete(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        try (Database app = openAs("cinboard_app")) {
            app.actAs(alice);
            ai.cinboard.domain.StudioException e = assertThrows(
                    ai.cinboard.domain.StudioException.class,
                    () -> new DatabaseBackup(app).backup(dir.resolve("partial.backup")));
            assertTrue(
                    e.getMessage().startsWith("The database user \"cinboard_app\" sees only its own rows in "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("CINBOARD_DB_USER"), e.getMessage());
            assertTrue(java.nio.file.Files.notExists(dir.resolve("partial.backup")));
        }
        try (Database owner = openAs("cinboard_owner")) {
            DatabaseBackup.Summary all = new DatabaseBackup(owner).backup(dir.resolve("full.backup"));
            assertEquals(2L, all.rows().get("input_records"), "the owner role backs up every user's projects");
        }
    }

    @Test
    void theAppRoleCantChangeTheSchemaAndTheReadOnlyRoleCantWrite() throws Exception {
        try (Connection c = DriverManager.getConnection(url, "cinboard_app", null);
                Statement st = c.createStatement()) {
            SQLException ddl = assertThrows(SQLException.class, () -> st.execute("CREATE TABLE intruder (id int)"));
            assertEquals("42501", ddl.getSQLState(), ddl.getMessage());
            SQLException disable = assertThrows(
                    SQLException.class, () -> st.execute("ALTER TABLE input_records DISABLE ROW LEVEL SECURITY"));
            assertEquals("42501", disable.getSQLState(), disable.getMessage());
            SQLException history =
                    assertThrows(SQLException.class, () -> st.execute("DELETE FROM flyway_schema_history"));
            assertEquals("42501", history.getSQLState(), history.getMessage());
        }
        try (Connection c = DriverManager.getConnection(url, "cinboard_readonly", null);
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM input_records")) {
                rs.next();
                assertEquals(2, rs.getInt(1), "the read-only role reads every project");
            }
            SQLException write = assertThrows(SQLException.class, () -> st.execute("DELETE FROM input_records"));
            assertEquals("42501", write.getSQLState(), write.getMessage());
        }
        try (Connection c = DriverManager.getConnection(url, "cinboard_owner", null);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                        + " AND tableowner <> 'cinboard_owner'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "the owner role owns every table, so it can run later migrations");
        }
    }
}
