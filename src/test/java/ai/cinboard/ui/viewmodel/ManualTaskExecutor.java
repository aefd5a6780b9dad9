package ai.cinboard.ui.viewmodel;

import ai.cinboard.ui.task.TaskExecutor;
import ai.cinboard.ui.task.TaskHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Queues work until the test runs it, in any order: for latest-request-wins and cancellation tests. */
final class ManualTaskExecutor implements TaskExecutor {
    final List<Runnable> pending = new ArrayList<>();

    @Override
    public <T> TaskHandle submit(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        boolean[] cancelled = {false};
        pending.add(() -> {
            if (cancelled[0]) return;
            try {
                T r = work.call();
                if (!cancelled[0]) onSuccess.accept(r);
            } catch (Exception e) {
                if (!cancelled[0]) onFailure.accept(e);
            }
        });
        return new TaskHandle() {
            @Override
            public void cancel() {
                cancelled[0] = true;
            }

            @Override
            public boolean isCancelled() {
                return cancelled[0];
            }
        };
    }

    /** Queued with the rest, so {@link #runAll} runs writes in order too. */
    @Override
    public java.util.concurrent.Executor serialQueue(String name) {
        return r -> pending.add(r);
    }

    @Override
    public void runOnUi(Runnable action) {
        action.run();
    }

    void runAll() {
        while (!pending.isEmpty()) pending.remove(0).run();
    }
}
