package ai.cinboard.ui.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * The one ordered write path of the open project: every edit (and its undo and redo) is written here, one at a
 * time, in the order made, on its own thread, apart from the pool that loads thumbnails and runs other work. A
 * write that depends on an earlier one (a regeneration that reads a saved description) is submitted after it.
 * The window waits for {@link #pendingProperty()} to reach 0 before it closes.
 */
public final class ProjectWriteQueue implements AutoCloseable {
    private final TaskExecutor ui;
    private final Executor serial;
    /** Writes submitted and not yet reported back; changed on the UI thread only. */
    private final ReadOnlyIntegerWrapper pending = new ReadOnlyIntegerWrapper(this, "pending");
    /** What is not stored yet, oldest first; read from any thread. */
    private final Queue<Write> unsaved = new ConcurrentLinkedQueue<>();

    private record Write(String description) {}

    public ProjectWriteQueue(TaskExecutor ui) {
        this.ui = ui;
        this.serial = ui.serialQueue("cinboard-writes");
    }

    /**
     * Queues {@code write} behind every earlier one. Call on the UI thread; {@code onSaved} or {@code onFailed}
     * then run on the UI thread, in order. {@code description} says what the user would lose ("Edit keyframe 2").
     */
    public <T> void submit(String description, Callable<T> write, Consumer<T> onSaved, Consumer<Throwable> onFailed) {
        Write w = new Write(description);
        unsaved.add(w);
        pending.set(pending.get() + 1);
        try {
            serial.execute(() -> {
                T result = null;
                Throwable failure = null;
                try {
                    result = write.call();
                } catch (Exception | Error e) {
                    failure = e;
                }
                unsaved.remove(w);
                T r = result;
                Throwable f = failure;
                ui.runOnUi(() -> {
                    pending.set(pending.get() - 1);
                    if (f == null) onSaved.accept(r);
                    else onFailed.accept(f);
                });
            });
        } catch (RejectedExecutionException closed) {
            unsaved.remove(w);
            pending.set(pending.get() - 1);
            onFailed.accept(
                    new IllegalStateException("the window was closed before \"" + description + "\" was saved"));
        }
    }

    public void submit(String description, Runnable write, Consumer<Throwable> onFailed) {
        submit(
                description,
                () -> {
                    write.run();
                    return Boolean.TRUE;
                },
                ignored -> {},
                onFailed);
    }

    /** Writes submitted whose result the UI thread has not received yet. Read on the UI thread. */
    public ReadOnlyIntegerProperty pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    /** What is not stored yet, oldest first (the window lists it when the user quits before it is saved). */
    public List<String> unsavedDescriptions() {
        List<String> out = new ArrayList<>();
        unsaved.forEach(w -> out.add(w.description()));
        return out;
    }

    /** Accepts no more writes; the ones queued still run (nothing queued is thrown away). */
    @Override
    public void close() {
        if (serial instanceof ExecutorService s) s.shutdown();
    }
}
