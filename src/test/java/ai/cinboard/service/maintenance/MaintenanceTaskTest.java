package ai.cinboard.service.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.cinboard.persistence.Database;
import ai.cinboard.service.account.AuditLog;
import ai.cinboard.testing.Fixtures;
import ai.cinboard.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Retention purges only rows older than their period. */
class MaintenanceTaskTest {

    @Test
    void purgesOnlyOldStatusesAndAuditEntries() throws Exception {
        try (Database db = TestDatabases.open()) {
            int user = db.inTransaction(Fixtures::user);
            int record = db.inTransaction(s -> Fixtures.inputRecord(s, user));
            AuditLog audit = new AuditLog(db);
            try (Connection c = db.dataSource().getConnection();
                    Statement st = c.createStatement()) {
                c.setAutoCommit(true);
                for (String age : new String[] {"100 days", "89 days", "1 hour"}) {
                    st.execute("INSERT INTO processing_statuses (input_record_id, phase, status, created_at) VALUES ("
                            + record + ", 'validation', 'completed', now() - interval '" + age + "')");
                }
                for (String age : new String[] {"400 days", "366 days", "100 days", "1 hour"}) {
                    long id = audit.record(user, AuditLog.LOGIN, null, null);
                    st.execute("UPDATE audit_log SET created_at = now() - interval '" + age + "' WHERE id = " + id);
                }
            }

            MaintenanceTask.Result r = new MaintenanceTask(db).run();
            assertEquals(new MaintenanceTask.Result(1, 2), r);
            assertEquals(2, count(db, "processing_statuses"));
            assertEquals(2, count(db, "audit_log"));
            assertEquals(new MaintenanceTask.Result(0, 0), new MaintenanceTask(db).run(), "a second run finds nothing");

            // Configurable periods: 30 days for statuses, 30 days for audit.
            MaintenanceTask shorter =
                    new MaintenanceTask(db, Clock.systemUTC(), Duration.ofDays(30), Duration.ofDays(30));
            assertEquals(new MaintenanceTask.Result(1, 1), shorter.run());
        }
    }

    static long count(Database db, String table) throws Exception {
        try (Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
