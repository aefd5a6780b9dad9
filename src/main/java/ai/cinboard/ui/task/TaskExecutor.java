package ai.cinboard.ui.task;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs blocking work off the UI thread and delivers results on it (JabRef's TaskExecutor idea).
 * View models use only this; tests use {@link CurrentThreadTaskExecutor}.
 */
public interface TaskExecutor {

    /** Runs {@code work} in the background; {@code onSuccess} or {@code onFailure} then run on the UI thread. */
    <T> TaskHandle submit(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /**
     * A new queue that runs its tasks one at a time, in submission order, off the UI thread (an ordered write
     * path). The current-thread executor runs them at once.
     */
    java.util.concurrent.Executor serialQueue(String name);

    /** Runs {@code action} on the UI thread (now if already there). */
    void runOnUi(Runnable action);

    default TaskHandle run(Runnable work, Runnable onSuccess, Consumer<Throwable> onFailure) {
        return submit(
                () -> {
                    work.run();
                    return Boolean.TRUE;
                },
                ignored -> onSuccess.run(),
                onFailure);
    }
}
