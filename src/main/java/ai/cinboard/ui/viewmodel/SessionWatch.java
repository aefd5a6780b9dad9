package ai.cinboard.ui.viewmodel;

import ai.cinboard.ui.task.TaskExecutor;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Checks a team member's session while the window is open (on a shared database, another studio may have
 * signed them out everywhere, or an administrator deactivated them). The check runs on its own daemon thread
 * every {@code interval}, never on the FX thread; when it says the session ended, {@code onEnded} gets the
 * reason on the UI thread, once, and the watch stops. A check that fails (the database unreachable for a
 * moment) keeps the session and tries again at the next interval.
 */
public final class SessionWatch implements AutoCloseable {
    /** Sign-out-everywhere and deactivation reach an open window within this much. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    private static final System.Logger log = System.getLogger(SessionWatch.class.getName());

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cinboard-session-watch");
        t.setDaemon(true);
        return t;
    });

    public SessionWatch(
            Supplier<Optional<String>> ended, Duration interval, TaskExecutor executor, Consumer<String> onEnded) {
        long millis = Math.max(1, interval.toMillis());
        timer.scheduleWithFixedDelay(
                () -> {
                    Optional<String> reason;
                    try {
                        reason = ended.get();
                    } catch (RuntimeException e) {
                        log.log(
                                System.Logger.Level.WARNING,
                                "Could not check the session; trying again in " + millis + " ms: " + e);
                        return;
                    }
                    if (reason.isPresent()) {
                        timer.shutdown();
                        executor.runOnUi(() -> onEnded.accept(reason.get()));
                    }
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
