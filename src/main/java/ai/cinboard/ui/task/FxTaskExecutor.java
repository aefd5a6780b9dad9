package ai.cinboard.ui.task;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;

/** Background pool of daemon threads; callbacks on the JavaFX application thread. */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {
    private final ExecutorService pool;

    public FxTaskExecutor(int threads) {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "cinboard-ui-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <T> TaskHandle submit(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Runnable task = () -> {
            if (cancelled.get()) {
                return;
            }
            try {
                T result = work.call();
                Platform.runLater(() -> {
                    if (!cancelled.get()) onSuccess.accept(result);
                });
            } catch (Exception | Error e) {
                Platform.runLater(() -> {
                    if (!cancelled.get()) onFailure.accept(e);
                });
            }
        };
        Future<?> future;
        try {
            future = pool.submit(task);
        } catch (RejectedExecutionException closed) {
            return TaskHandle.DONE; // the window is closing: late callbacks asking for more work are dropped
        }
        return new TaskHandle() {
            @Override
            public void cancel() {
                cancelled.set(true);
                future.cancel(true);
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
    }

    /** A single daemon thread of its own: writes never wait behind thumbnail loads. */
    @Override
    public java.util.concurrent.Executor serialQueue(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void runOnUi(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
