package ai.cinboard.cache;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Live pipeline progress. {@link #publish} writes the {@code status:*} cache entries with the spec's status
 * TTL and tells every subscriber, including those in other studios sharing the same Redis.
 * Listeners run on a background or publishing thread; a view model must hop to the FX thread itself.
 */
public interface StatusBoard extends AutoCloseable {
    void publish(StatusUpdate update);

    /** The latest update of any phase for this project, if it is still within its TTL. */
    Optional<StatusUpdate> current(int inputId);

    /** The latest update of one phase (database value, e.g. "keyframes"). */
    Optional<StatusUpdate> phase(int inputId, String phase);

    /** Returns a handle whose close() stops the delivery. */
    AutoCloseable subscribe(Consumer<StatusUpdate> listener);

    /** True when updates published by other processes reach this board's subscribers (Redis). */
    default boolean shared() {
        return false;
    }

    /**
     * Whether a shared board's server answers now. While it doesn't, other processes' updates can't arrive, and
     * watchers read the database instead.
     */
    default boolean reachable() {
        return true;
    }

    @Override
    default void close() {}
}
