package ai.cinboard.cache;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The single-studio status board: entries in the given cache, listeners called on the publishing thread. */
public final class InProcessStatusBoard implements StatusBoard {
    private static final Logger log = LoggerFactory.getLogger(InProcessStatusBoard.class);

    private final Cache cache;
    private final List<Consumer<StatusUpdate>> listeners = new CopyOnWriteArrayList<>();

    public InProcessStatusBoard(Cache cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public void publish(StatusUpdate update) {
        StatusEntries.write(cache, update);
        deliver(listeners, update);
    }

    @Override
    public Optional<StatusUpdate> current(int inputId) {
        return cache.get(CacheKeys.status(inputId), StatusUpdate.class);
    }

    @Override
    public Optional<StatusUpdate> phase(int inputId, String phase) {
        return cache.get(CacheKeys.statusPhase(inputId, phase), StatusUpdate.class);
    }

    @Override
    public AutoCloseable subscribe(Consumer<StatusUpdate> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    static void deliver(List<Consumer<StatusUpdate>> listeners, StatusUpdate update) {
        for (Consumer<StatusUpdate> l : listeners) {
            try {
                l.accept(update);
            } catch (RuntimeException e) {
                // One broken view must not stop progress reaching the others, nor fail the pipeline.
                log.warn("A status listener failed", e);
            }
        }
    }
}
