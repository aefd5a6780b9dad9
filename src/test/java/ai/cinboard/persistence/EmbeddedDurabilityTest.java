package ai.cinboard.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.cinboard.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The studio's own embedded server holds a creator's library: it must sync to disk, unlike the test fixture. */
class EmbeddedDurabilityTest {

    @Test
    void theStudiosEmbeddedServerRunsWithFsyncAndSynchronousCommitOn(@TempDir Path home) throws Exception {
        try (Database db = Database.open(DatabaseSettings.embedded(home))) {
            assertEquals("on", show(db, "fsync"));
            assertEquals("on", show(db, "synchronous_commit"));
            assertEquals("on", show(db, "full_page_writes"));
        }
    }

    @Test
    void theTestFixtureKeepsThemOffOnPurpose() throws Exception {
        try (Database db = TestDatabases.open()) {
            assertEquals("off", show(db, "fsync"), "tests trade durability for speed, explicitly");
            assertEquals("off", show(db, "synchronous_commit"));
        }
    }

    private static String show(Database db, String setting) throws Exception {
        try (Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
