package ai.cinboard.ui.task;

/** A submitted piece of background work. */
public interface TaskHandle {
    /** Cancels: the callbacks are not called afterwards and the worker thread is interrupted. */
    void cancel();

    boolean isCancelled();

    TaskHandle DONE = new TaskHandle() {
        @Override
        public void cancel() {}

        @Override
        public boolean isCancelled() {
            return false;
        }
    };
}
