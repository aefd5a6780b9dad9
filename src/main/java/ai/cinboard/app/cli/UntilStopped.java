package ai.cinboard.app.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * For a command that runs until it is stopped (SIGTERM, or Ctrl+C's SIGINT): {@link #await()} returns when the JVM
 * is asked to end, and the JVM then waits, up to {@code grace}, for the command to {@link #close()} (finishing its
 * work and closing its connections) before it ends.
 */
final class UntilStopped implements AutoCloseable {
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    UntilStopped(String name, Duration grace) {
        hook = new Thread(
                () -> {
                    stop.countDown();
                    try {
                        finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Blocks until the JVM is asked to end. */
    void await() throws InterruptedException {
        stop.await();
    }

    /** The command is done: the JVM may end now. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is what is stopping us
        }
    }
}
