package ai.cinboard.pipeline;

import ai.cinboard.persistence.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wakes a worker as soon as any process queues units of its task, through PostgreSQL's LISTEN/NOTIFY: an idle
 * worker takes new work at once instead of at its next poll (a render queued from a studio waited up to the
 * whole polling interval, 1 s, before any worker took it). Polling stays, as the fallback for a notification
 * missed while the listening connection was down.
 *
 * <p>It listens on a connection of its own, outside the pool, which it holds for as long as the worker runs.
 */
final class UnitWakeups implements AutoCloseable {
    /** The channel every process announces queued units on; the payload is the engine task they belong to. */
    static final String CHANNEL = "cinboard_render_units";

    /** How long one wait for a notification lasts: also how long closing may take. */
    private static final int WAIT_MILLIS = 250;

    /**
     * How often an idle listening connection is asked a question: a link that died without a word (a network
     * partition, a server host gone) only shows when something is sent on it, and times out after as long.
     */
    private static final int CHECK_SECONDS = 30;

    private static final long MAX_BACKOFF_MILLIS = 10_000;

    private final Database database;
    private final String task;
    private final Runnable wake;
    private final Consumer<String> note;
    private final Thread thread;
    private volatile boolean closed;

    /** Starts listening; {@code wake} runs on the listening thread for each notification about {@code task}. */
    UnitWakeups(Database database, String task, Runnable wake, Consumer<String> note) {
        this.database = database;
        this.task = task;
        this.wake = wake;
        this.note = note;
        this.thread = new Thread(this::listen, "worker-wakeups");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Tells every listening worker that units of {@code task} were queued. {@code c} autocommits, and the units
     * were stored before this is called, so a worker woken by it finds them.
     */
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
            try (Connection c = database.dedicatedConnection(CHECK_SECONDS)) {
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                if (lost) {
                    note.accept("listening for queued units again");
                    // what was queued while nobody listened: look now rather than at the next poll
                    wake.run();
                    lost = false;
                }
                backoff = 1000;
                PGConnection pg = c.unwrap(PGConnection.class);
                long nextCheck = System.nanoTime() + CHECK_SECONDS * 1_000_000_000L;
                while (!closed) {
                    PGNotification[] got = pg.getNotifications(WAIT_MILLIS);
                    if (got != null && Arrays.stream(got).anyMatch(n -> task.equals(n.getParameter()))) {
                        wake.run();
                    }
                    if (System.nanoTime() > nextCheck) {
                        try (Statement st = c.createStatement()) {
                            st.execute("SELECT 1");
                        }
                        nextCheck = System.nanoTime() + CHECK_SECONDS * 1_000_000_000L;
                    }
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

    /** Stops listening and closes the connection (within one wait, unless a check is waiting on a dead link). */
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
