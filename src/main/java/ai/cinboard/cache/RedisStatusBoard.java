package ai.cinboard.cache;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.redisson.api.RTopic;
import org.redisson.client.codec.StringCodec;

/**
 * The shared status board: entries in Redis and every change published on a Redisson topic, so a second
 * studio on the same Redis sees progress without polling. Listeners in this studio are called directly,
 * so the local view keeps updating while Redis is down; messages that come back from the topic with our
 * own origin are skipped so nobody hears an update twice.
 */
public final class RedisStatusBoard implements StatusBoard {
    /** Not a cache key: a pub/sub channel, named in the same namespace style. */
    public static final String TOPIC = "cinboard:status-updates";

    /** What goes over the wire; the origin identifies the publishing studio. */
    record Envelope(String origin, StatusUpdate update) {}

    private final RedisCache cache;
    private final String origin = UUID.randomUUID().toString();
    private final List<Consumer<StatusUpdate>> listeners = new CopyOnWriteArrayList<>();
    private final RTopic topic;
    private volatile int listenerId = -1;

    public RedisStatusBoard(RedisCache cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.topic = cache.client().getTopic(TOPIC, StringCodec.INSTANCE);
        // If Redis is down now, subscribe when it comes back; Redisson resubscribes by itself after that.
        cache.onReconnect(this::ensureSubscribed);
        ensureSubscribed();
    }

    private synchronized void ensureSubscribed() {
        if (listenerId != -1) {
            return;
        }
        Integer id = cache.call(
                () -> topic.addListener(String.class, (channel, json) -> {
                    CacheJson.read(json, Envelope.class)
                            .filter(e -> e.update() != null && !origin.equals(e.origin()))
                            .ifPresent(e -> InProcessStatusBoard.deliver(listeners, e.update()));
                }),
                null);
        if (id != null) {
            listenerId = id;
        }
    }

    @Override
    public void publish(StatusUpdate update) {
        StatusEntries.write(cache, update);
        InProcessStatusBoard.deliver(listeners, update);
        String json = CacheJson.write(new Envelope(origin, update));
        cache.call(() -> topic.publish(json), 0L);
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

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public boolean reachable() {
        return cache.answers();
    }

    @Override
    public void close() {
        int id = listenerId;
        if (id != -1) {
            cache.call(
                    () -> {
                        topic.removeListener(id);
                        return null;
                    },
                    null);
        }
    }
}
