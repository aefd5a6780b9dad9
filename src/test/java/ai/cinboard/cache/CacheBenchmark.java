package ai.cinboard.cache;

import java.net.ServerSocket;
import java.time.Instant;
import java.util.Arrays;
import redis.embedded.RedisServer;

/**
 * Prints the cache round trip (put, get) p50/p99 for the in-process cache and for Redis (embedded
 * redis-server on loopback). Not a test; run:
 * mvn -q -o test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=ai.cinboard.cache.CacheBenchmark
 */
public final class CacheBenchmark {
    private CacheBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        run(new InProcessCache(), n);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RedisServer server = new RedisServer(port);
        server.start();
        try (RedisCache redis = new RedisCache(new RedisSettings("redis://127.0.0.1:" + port))) {
            run(redis, n);
        } finally {
            server.stop();
        }
        System.exit(0);
    }

    private static void run(Cache cache, int n) {
        StatusUpdate value = new StatusUpdate(1, "keyframes", "running", 42, "scene 3 of 8", Instant.now());
        // Warm-up: JIT, connection pool.
        for (int i = 0; i < n / 4; i++) {
            cache.put(CacheKeys.status(i % 500), value, CacheKeys.STATUS_TTL);
            cache.get(CacheKeys.status(i % 500), StatusUpdate.class);
        }
        long[] puts = new long[n];
        long[] gets = new long[n];
        for (int i = 0; i < n; i++) {
            String key = CacheKeys.status(i % 1000);
            long t0 = System.nanoTime();
            cache.put(key, value, CacheKeys.STATUS_TTL);
            long t1 = System.nanoTime();
            cache.get(key, StatusUpdate.class).orElseThrow();
            long t2 = System.nanoTime();
            puts[i] = t1 - t0;
            gets[i] = t2 - t1;
        }
        System.out.printf(
                "%-10s n=%d  put p50 %s p99 %s | get p50 %s p99 %s | hit rate %.2f%n",
                cache.name(),
                n,
                us(puts, 50),
                us(puts, 99),
                us(gets, 50),
                us(gets, 99),
                cache.stats().hitRate());
    }

    private static String us(long[] nanos, int pct) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format("%.1f µs", s[Math.min(s.length - 1, s.length * pct / 100)] / 1000.0);
    }
}
