package ai.cinboard.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The single-user default: a Caffeine cache inside the studio's JVM. Values are kept as JSON text, like in
 * Redis, so a caller that works against one works against the other (no shared mutable objects, same
 * tolerance for changed classes).
 */
public final class InProcessCache implements Cache {
    /** Default bound on the JSON kept in memory, counted in characters. */
    public static final long DEFAULT_MAX_CHARS = 64L * 1024 * 1024;

    private record Entry(String json, long ttlNanos) {}

    private final com.github.benmanes.caffeine.cache.Cache<String, Entry> entries;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public InProcessCache() {
        this(DEFAULT_MAX_CHARS, Ticker.systemTicker());
    }

    /** The ticker lets tests move time forward instead of sleeping. */
    public InProcessCache(long maxChars, Ticker ticker) {
        this.entries = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumWeight(maxChars)
                .<String, Entry>weigher((k, v) -> k.length() + v.json().length())
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry value, long currentTime) {
                        return value.ttlNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry value, long currentTime, long currentDuration) {
                        // A put replaces the value and its TTL, as SET with EX does in Redis.
                        return value.ttlNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Entry value, long currentTime, long currentDuration) {
                        // Reading never extends the life of an entry (Redis GET doesn't either).
                        return currentDuration;
                    }
                })
                .build();
    }

    @Override
    public <T> Optional<T> get(String key, Class<T> type) {
        Entry e = entries.getIfPresent(key);
        Optional<T> value = e == null ? Optional.empty() : CacheJson.read(e.json(), type);
        (value.isPresent() ? hits : misses).increment();
        return value;
    }

    @Override
    public <T> void put(String key, T value, Duration ttl) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("A cache TTL must be positive: " + ttl);
        }
        entries.put(key, new Entry(CacheJson.write(value), ttl.toNanos()));
    }

    @Override
    public void delete(String key) {
        entries.invalidate(key);
    }

    @Override
    public CacheStats stats() {
        return new CacheStats(hits.sum(), misses.sum());
    }

    @Override
    public String name() {
        return "in-process";
    }

    public CacheHealth health() {
        long t0 = System.nanoTime();
        entries.getIfPresent("cinboard:doctor:probe");
        return new CacheHealth(name(), true, Duration.ofNanos(System.nanoTime() - t0), stats(), "Caffeine, in memory");
    }
}
