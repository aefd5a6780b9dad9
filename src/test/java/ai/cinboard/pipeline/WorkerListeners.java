package ai.cinboard.pipeline;

import ai.cinboard.persistence.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

/** Test help for workers' listening connections ({@link UnitWakeups}). */
final class WorkerListeners {
    private WorkerListeners() {}

    /** Waits until a worker's listening connection listens, so a queueing or cancel after it can't come first. */
    static void await(Database database) throws Exception {
        long giveUp = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < giveUp) {
            try (Connection c = database.dataSource().getConnection();
                    Statement st = c.createStatement();
                    // the listening connection, once past its name and its first LISTEN (its last statement is then
                    // the second LISTEN, or the question it asks every 10 s)
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity"
                            + " WHERE datname = current_database() AND application_name = '"
                            + UnitWakeups.APPLICATION_NAME + "' AND query IN ('LISTEN " + UnitWakeups.CANCEL_CHANNEL
                            + "', 'SELECT 1')")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no worker ever listened for queued units");
    }
}
