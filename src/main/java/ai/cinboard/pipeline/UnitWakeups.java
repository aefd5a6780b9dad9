package ai.cinboard.pipeline;

import ai.cinboard.persistence.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wakes a worker as soon as any process queues units of its task or cancels a render, through PostgreSQL's
 * LISTEN/NOTIFY: an idle worker takes new work at once instead of at its next poll (a render queued from a studio
 * waited up to the whole polling interval, 1 s, before any worker took it), and a cancel stops the render's running
 * units at once instead of at the worker's next heartbeat (up to 5 s later). Polling and the heartbeat's look at
 * the cancelled renders stay, as the fallback while the listening connection is down; when it is back, {@code
 * missed} runs, to catch up on what was announced meanwhile.
 *
 * <p>It listens on a connection of its own, outside the pool, which it holds for as long as the worker runs.
 */
final class UnitWakeups implements AutoCloseable {
    /** The channel every process announces queued units on; the payload is the engine task they belong to. */
    static final String CHANNEL = "cinboard_render_units";

    /** The channel cancels are announced on; the payload is the project id. */
    static final String CANCEL_CHANNEL = "cinboard_render_cancels";

    /** The listening connection's name in {@code pg_stat_activity}, so it can be told from the pool's. */
    static final String APPLICATION_NAME = "cinboard-render-listener";

    /** How long one wait for a notification lasts: also how long closing may take. */
    private static final int WAIT_MILLIS = 250;

    /**
     * How often an idle listening connection is asked a question: a link that died without a word (a network
     * partition, a server host gone) only shows when something is sent on it, and times out after as long.
     */
    private static final int CHECK_SECONDS = 10;

    private static final long MAX_BACKOFF_MILLIS = 10_000;

    private final Database database;
    private final String task;
    private final Runnable wake;
    private final IntConsumer cancelled;
    private final Runnable missed;
    private final Consumer<String> note;
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean listening;

    /**
     * Starts listening. On the listening thread: {@code wake} runs for each notification about {@code task},
     * {@code cancelled} for each cancelled render (its project id), and {@code missed} each time listening starts,
     * for whatever was announced while nobody listened.
     */
    UnitWakeups(
            Database database,
            String task,
            Runnable wake,
            IntConsumer cancelled,
            Runnable missed,
            Consumer<String> note) {
        this.database = database;
        this.task = task;
        this.wake = wake;
        this.cancelled = cancelled;
        this.missed = missed;
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

    /** Tells every listening worker that the project's render was cancelled (its row is stored). */
    static void announceCancel(Connection c, int projectId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            st.setString(1, CANCEL_CHANNEL);
            st.setString(2, String.valueOf(projectId));
            st.execute();
        }
    }

    /** Whether the worker hears announcements now; while it doesn't, it must look for them itself. */
    boolean listening() {
        return listening;
    }

    private void listen() {
        long backoff = 1000;
        boolean lost = false;
        while (!closed) {
            try (Connection c = database.dedicatedConnection(CHECK_SECONDS)) {
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("SET application_name = '" + APPLICATION_NAME + "'");
                    st.execute("LISTEN " + CHANNEL);
                    st.execute("LISTEN " + CANCEL_CHANNEL);
                }
                listening = true;
                // a cancel announced before now was not heard: look for one among the running units
                missed.run();
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
                    if (got != null) {
                        heard(got);
                    }
                    if (System.nanoTime() > nextCheck) {
                        try (Statement st = c.createStatement()) {
                            st.execute("SELECT 1");
                        }
                        nextCheck = System.nanoTime() + CHECK_SECONDS * 1_000_000_000L;
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
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

    private void heard(PGNotification[] got) {
        if (Arrays.stream(got).anyMatch(n -> CHANNEL.equals(n.getName()) && task.equals(n.getParameter()))) {
            wake.run();
        }
        Arrays.stream(got)
                .filter(n -> CANCEL_CHANNEL.equals(n.getName()))
                .map(PGNotification::getParameter)
                .distinct()
                .forEach(p -> {
                    try {
                        cancelled.accept(Integer.parseInt(p));
                    } catch (NumberFormatException e) {
                        // not ours: every announcer here sends a project id
                    }
                });
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
