package ai.cinboard.cache;

import java.time.Duration;
import java.util.Optional;

/**
 * A key-value cache for expensive results. Values are stored as JSON, never as serialized Java objects,
 * so a shared cache can't be used to smuggle code into the studio. Implementations never throw on a
 * cache outage: a failed get is a miss and a failed put is dropped.
 */
public interface Cache {
    <T> Optional<T> get(String key, Class<T> type);

    <T> void put(String key, T value, Duration ttl);

    void delete(String key);

    CacheStats stats();

    /** A short name for doctor and the status bar: "in-process" or "redis". */
    String name();
}
