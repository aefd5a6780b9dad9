package ai.cinboard.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wakes a worker as soon as any process queues units of its task, through PostgreSQL's LISTEN/NOTIFY: an idle
 * worker takes new work at once instead of at its next poll (a render queued from a studio waited up to the
 * whole polling interval, 1 s, before any worker took it). Polling stays, as the fallback for a notification
 * missed while the listening connection was down.
 */
final class UnitWakeups implements AutoCloseable {
    /** The channel every process announces queued units on; the payload is the engine task they belong to. */
    static final String CHANNEL = "cinboard_render_units";

    /** How long one wait for a notification lasts: also how long closing may take. */
    private static final int WAIT_MILLIS = 250;

    private static final long MAX_BACKOFF_MILLIS = 10_000;

    private final DataSource pool;
    private final String task;
    private final Runnable wake;
    private final Consumer<String> note;
    private final Thread thread;
    private volatile boolean closed;

    /** Starts listening; {@code wake} runs on the listening thread for each notification about {@code task}. */
    UnitWakeups(DataSource pool, String task, Runnable wake, Consumer<String> note) {
        this.pool = pool;
        this.task = task;
        this.wake = wake;
        this.note = note;
        this.thread = new Thread(this::listen, "worker-wakeups");
        thread.setDaemon(true);
        thread.start();
    }

    /** Tells every listening worker that units of {@code task} were queued (sent when {@code c} commits). */
    static void announce(Connection c, String task) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            st.setString(1, CHANNEL);
            st.setString(2, task);
            st.execute();
        }
    }

    private void listen() {
        long backoff = 1000;
        boolean lost = false;
        while (!closed) {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                if (lost) {
                    note.accept("listening for queued units again");
                    lost = false;
                }
                backoff = 1000;
                // what was queued while nobody listened is found by the poll; this one may as well look now
                wake.run();
                try {
                    PGConnection pg = c.unwrap(PGConnection.class);
                    while (!closed) {
                        PGNotification[] got = pg.getNotifications(WAIT_MILLIS);
                        if (got != null && Arrays.stream(got).anyMatch(n -> task.equals(n.getParameter()))) {
                            wake.run();
                        }
                    }
                } finally {
                    unlisten(c);
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (!lost) {
                    note.accept(
                            "not listening for queued units (" + e.getMessage() + "); polling finds them meanwhile");
                    lost = true;
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    /**
     * The connection goes back to the pool: one that still listened would gather every later notification in
     * the driver's memory for whichever work borrows it next.
     */
    private static void unlisten(Connection c) {
        try (Statement st = c.createStatement()) {
            st.execute("UNLISTEN *");
        } catch (SQLException e) {
            // a broken connection listens to nothing; the pool drops it
        }
    }

    /** Stops listening and gives the connection back (within one wait). */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(WAIT_MILLIS * 4L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
