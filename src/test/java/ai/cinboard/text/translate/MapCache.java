package ai.cinboard.text.translate;

import ai.cinboard.cache.Cache;
import ai.cinboard.cache.CacheStats;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A test cache that remembers keys and TTLs so tests can check what was stored. */
final class MapCache implements Cache {
    final Map<String, Object> values = new HashMap<>();
    final Map<String, Duration> ttls = new HashMap<>();
    long hits;
    long misses;

    @Override
    public <T> Optional<T> get(String key, Class<T> type) {
        Object v = values.get(key);
        if (type.isInstance(v)) {
            hits++;
            return Optional.of(type.cast(v));
        }
        misses++;
        return Optional.empty();
    }

    @Override
    public <T> void put(String key, T value, Duration ttl) {
        values.put(key, value);
        ttls.put(key, ttl);
    }

    @Override
    public void delete(String key) {
        values.remove(key);
    }

    @Override
    public CacheStats stats() {
        return new CacheStats(hits, misses);
    }

    @Override
    public String name() {
        return "test-map";
    }
}
