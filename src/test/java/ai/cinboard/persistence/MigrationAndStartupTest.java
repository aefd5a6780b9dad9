package ai.cinboard.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.StudioException;
import ai.cinboard.testing.TestDatabases;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migrating from empty, refusing changed or newer schemas, and one clear line for each bad setting. */
class MigrationAndStartupTest {

    @Test
    void migratesAnEmptyDatabaseToTheLatestVersion() throws Exception {
        try (Database db = TestDatabases.open()) {
            assertEquals("17", db.schemaVersion());
            try (Connection c = db.dataSource().getConnection();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema ="
                            + " 'public' AND table_name IN ('users','input_records','processing_statuses','characters',"
                            + "'character_images','keyframes','keyframe_images','video_clips','voiceovers','final_videos',"
                            + "'scenes','scene_characters','audit_log','users_login_failures')")) {
                rs.next();
                assertEquals(
                        14,
                        rs.getInt(1),
                        "the spec's ten tables plus scenes, scene_characters, audit_log and users_login_failures");
            }
        }
    }

    @Test
    void reopeningAMigratedDatabaseChangesNothing() {
        String url = TestDatabases.createEmptyDatabase();
        try (Database first = Database.open(TestDatabases.settings(url))) {
            assertEquals("17", first.schemaVersion());
        }
        try (Database second = Database.open(TestDatabases.settings(url))) {
            assertEquals("17", second.schemaVersion());
        }
    }

    @Test
    void validationFailsWhenAnAppliedMigrationWasChanged(@TempDir Path dir) throws Exception {
        String url = TestDatabases.createEmptyDatabase();
        try (Database db = Database.open(TestDatabases.settings(url))) {
            // Copy the shipped migrations and edit V1, as a careless change to a shipped file would.
            Path migrations = dir.resolve("db");
            Files.createDirectories(migrations);
            for (String name : new String[] {
                "V1__phase1_users_inputs_statuses.sql",
                "V2__phase2_genai_tables.sql",
                "V3__scenes.sql",
                "V4__users_email_case_insensitive.sql",
                "V5__audit_log.sql",
                "V6__users_login_failures.sql",
                "V7__row_level_security.sql",
                "V8__fingerprints_and_takes.sql",
                "V9__project_render_settings.sql"
            }) {
                try (var in = getClass().getResourceAsStream("/db/migration/" + name)) {
                    Files.write(migrations.resolve(name), in.readAllBytes());
                }
            }
            Files.writeString(
                    migrations.resolve("V1__phase1_users_inputs_statuses.sql"),
                    "\n-- edited\n",
                    java.nio.file.StandardOpenOption.APPEND);
            Flyway edited = Flyway.configure()
                    .dataSource(db.dataSource())
                    .locations("filesystem:" + migrations)
                    .load();
            FlywayValidateException e = assertThrows(FlywayValidateException.class, edited::validate);
            assertTrue(e.getMessage().toLowerCase().contains("checksum mismatch"), e.getMessage());
        }
    }

    @Test
    void aDatabaseMigratedByANewerVersionIsRefusedClearly() throws Exception {
        String url = TestDatabases.createEmptyDatabase();
        try (Database db = Database.open(TestDatabases.settings(url))) {
            DataSource ds = db.dataSource();
            try (Connection c = ds.getConnection();
                    Statement st = c.createStatement()) {
                c.setAutoCommit(true);
                st.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                        + " checksum, installed_by, execution_time, success) VALUES (99, '99', 'from the future', 'SQL',"
                        + " 'V99__from_the_future.sql', 1, 'postgres', 1, true)");
            }
        }
        StudioException e = assertThrows(StudioException.class, () -> Database.open(TestDatabases.settings(url)));
        assertTrue(e.getMessage().contains("newer CinBoard Studio"), e.getMessage());
        assertTrue(e.getMessage().contains("99"), e.getMessage());
    }

    @Test
    void aBrokenJdbcUrlNamesTheSetting() {
        StudioException e = assertThrows(
                StudioException.class, () -> Database.open(TestDatabases.settings("postgres://nowhere/db")));
        assertTrue(e.getMessage().contains("CINBOARD_DB_URL"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }

    @Test
    void aRefusedConnectionNamesHostAndSetting() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        StudioException e = assertThrows(
                StudioException.class,
                () -> Database.open(TestDatabases.settings("jdbc:postgresql://127.0.0.1:" + closedPort + "/cinboard")));
        assertTrue(e.getMessage().contains("Can't connect"), e.getMessage());
        assertTrue(e.getMessage().contains("CINBOARD_DB_URL"), e.getMessage());
    }

    @Test
    void aWrongPasswordNamesTheCredentialSettings() throws Exception {
        String url = TestDatabases.createEmptyDatabase();
        // The test server trusts every local login; make a role that must give a password.
        try (Connection c = TestDatabases.server().getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cb_pw') THEN"
                    + " CREATE ROLE cb_pw LOGIN PASSWORD 'right'; END IF; END $$");
            st.execute("SELECT pg_reload_conf()");
        }
        Path hba;
        try (Connection c = TestDatabases.server().getPostgresDatabase().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW hba_file")) {
            rs.next();
            hba = Path.of(rs.getString(1));
        }
        // Require scram for cb_pw only, ahead of the trust lines.
        String original = Files.readString(hba);
        try {
            Files.writeString(
                    hba,
                    "host all cb_pw 127.0.0.1/32 scram-sha-256\nhost all cb_pw ::1/128 scram-sha-256\n" + original);
            reload();
            var settings = new DatabaseSettings(
                    url.replace("localhost", "127.0.0.1"),
                    "cb_pw",
                    "wrong",
                    Files.createTempDirectory("home"),
                    0,
                    2,
                    500);
            StudioException e = assertThrows(StudioException.class, () -> Database.open(settings));
            assertTrue(e.getMessage().contains("CINBOARD_DB_PASSWORD"), e.getMessage());
            assertTrue(e.getMessage().contains("cb_pw"), e.getMessage());
        } finally {
            Files.writeString(hba, original);
            reload();
        }
    }

    private static void reload() throws Exception {
        try (Connection c = TestDatabases.server().getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            st.execute("SELECT pg_reload_conf()");
        }
        Thread.sleep(300);
    }

    @Test
    void aReadOnlyHomeIsRefusedBeforeAnythingIsCreated(@TempDir Path dir) throws IOException {
        Assumptions.assumeFalse(
                new com.sun.security.auth.module.UnixSystem().getUid() == 0,
                "root can write anywhere; the read-only case is covered through a file in the way below");
        Path home = dir.resolve("ro");
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("r-xr-xr-x"));
        StudioException e = assertThrows(StudioException.class, () -> Database.open(DatabaseSettings.embedded(home)));
        assertTrue(e.getMessage().contains("CINBOARD_HOME"), e.getMessage());
    }

    @Test
    void aHomeThatIsNotADirectoryIsRefusedClearly(@TempDir Path dir) throws IOException {
        // A regular file where CINBOARD_HOME should be: unwritable as a folder, even for root.
        Path home = dir.resolve("not-a-folder");
        Files.writeString(home, "x");
        StudioException e = assertThrows(StudioException.class, () -> Database.open(DatabaseSettings.embedded(home)));
        assertTrue(e.getMessage().contains("CINBOARD_HOME") && e.getMessage().contains("not writable"), e.getMessage());
        assertEquals("x", Files.readString(home), "nothing half-created");
    }

    @Test
    void aPortInUseIsNamed(@TempDir Path home) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var settings = new DatabaseSettings(null, null, null, home, taken.getLocalPort(), 0, 500);
            StudioException e = assertThrows(StudioException.class, () -> Database.open(settings));
            assertTrue(e.getMessage().contains("Port " + taken.getLocalPort()), e.getMessage());
            assertTrue(e.getMessage().contains("CINBOARD_DB_PORT"), e.getMessage());
        }
        assertTrue(Files.notExists(home.resolve("db")), "no data directory is created");
    }
}
