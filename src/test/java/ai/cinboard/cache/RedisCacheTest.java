package ai.cinboard.cache;

import static org.junit.jupiter.api.Assertions.*;

import ai.cinboard.domain.StudioException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/** Against a real redis-server binary (embedded-redis bundles Redis 6.2), on a free port. */
class RedisCacheTest {
    record Sample(String name, int n) {}

    private static int port;
    private static RedisServer server;
    private RedisCache cache;

    @BeforeAll
    static void startRedis() throws IOException {
        port = freePort();
        server = new RedisServer(port);
        server.start();
    }

    @AfterAll
    static void stopRedis() throws IOException {
        if (server != null && server.isActive()) {
            server.stop();
        }
    }

    @AfterEach
    void closeCache() {
        if (cache != null) {
            cache.close();
        }
    }

    /**
     * A command timeout a loaded 2-core machine stays under (at 300 ms a busy CI run timed out the first put and
     * opened the circuit while Redis was up); a stopped Redis refuses the connection at once anyway.
     */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private RedisCache newCache() {
        return new RedisCache(new RedisSettings("redis://127.0.0.1:" + port, COMMAND_TIMEOUT, Duration.ofMillis(200)));
    }

    @Test
    void storesJsonAndHonoursTtl() throws Exception {
        cache = newCache();
        cache.put("t:short", new Sample("a", 1), Duration.ofMillis(400));
        cache.put("t:long", new Sample("b", 2), Duration.ofMinutes(1));
        assertEquals(new Sample("a", 1), cache.get("t:short", Sample.class).orElseThrow());
        // The TTL lives in Redis itself, not in this client.
        long pttl = cache.client().getBucket("t:long").remainTimeToLive();
        assertTrue(pttl > 55_000 && pttl <= 60_000, "PTTL " + pttl);
        assertEquals(
                "{\"name\":\"b\",\"n\":2}",
                cache.client()
                        .<String>getBucket("t:long", org.redisson.client.codec.StringCodec.INSTANCE)
                        .get());
        Thread.sleep(600);
        assertTrue(cache.get("t:short", Sample.class).isEmpty());
        assertTrue(cache.get("t:long", Sample.class).isPresent());
        cache.delete("t:long");
        assertTrue(cache.get("t:long", Sample.class).isEmpty());
        assertEquals(new CacheStats(2, 2), cache.stats());
    }

    @Test
    void specTtlsAreApplied() {
        cache = newCache();
        cache.put(CacheKeys.translation("abc", "fr", "en"), "bonjour", CacheKeys.TRANSLATION_TTL);
        long pttl = cache.client()
                .getBucket(CacheKeys.translation("abc", "fr", "en"))
                .remainTimeToLive();
        assertTrue(pttl > 3_590_000 && pttl <= 3_600_000, "PTTL " + pttl);
    }

    @Test
    void survivesRedisStoppingAndUsesItAgainWhenItReturns() throws Exception {
        cache = newCache();
        cache.put("k", new Sample("before", 1), Duration.ofMinutes(5));
        assertTrue(cache.get("k", Sample.class).isPresent());

        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(RedisCache.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        server.stop();
        try {
            // The first call after the loss fails and opens the circuit...
            assertTrue(cache.get("k", Sample.class).isEmpty());
            assertFalse(cache.available());
            // ...after which calls skip Redis: no exception, and no command is even attempted.
            for (int i = 0; i < 200; i++) {
                assertTrue(cache.get("k", Sample.class).isEmpty());
                cache.put("k" + i, new Sample("dropped", i), Duration.ofMinutes(1));
                cache.delete("k" + i);
            }
            java.util.concurrent.atomic.AtomicInteger attempted = new java.util.concurrent.atomic.AtomicInteger();
            assertEquals("fallback", cache.call(() -> "redis:" + attempted.incrementAndGet(), "fallback"));
            assertEquals(0, attempted.get(), "an open circuit runs no command");
            assertFalse(cache.health().reachable());
            Thread.sleep(600); // several probe rounds fail meanwhile
            assertEquals(
                    1,
                    logged.list.stream()
                            .filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                            .count(),
                    "warned once");
        } finally {
            server = new RedisServer(port);
            server.start();
        }
        waitFor(cache::available, Duration.ofSeconds(10));
        logger.detachAppender(logged);
        cache.put("k", new Sample("after", 2), Duration.ofMinutes(5));
        assertEquals("after", cache.get("k", Sample.class).orElseThrow().name());
        assertTrue(cache.health().reachable());
    }

    @Test
    void startsWhileRedisIsDownAndConnectsLater() throws Exception {
        int deadPort = freePort();
        RedisCache late = new RedisCache(
                new RedisSettings("redis://127.0.0.1:" + deadPort, COMMAND_TIMEOUT, Duration.ofMillis(200)));
        RedisServer second = new RedisServer(deadPort);
        try {
            assertFalse(late.available());
            late.put("x", new Sample("dropped", 0), Duration.ofMinutes(1));
            assertTrue(late.get("x", Sample.class).isEmpty());
            second.start();
            waitFor(late::available, Duration.ofSeconds(10));
            late.put("x", new Sample("kept", 1), Duration.ofMinutes(1));
            assertEquals("kept", late.get("x", Sample.class).orElseThrow().name());
        } finally {
            late.close();
            second.stop();
        }
    }

    @Test
    void statusUpdatesReachASecondStudio() throws Exception {
        cache = newCache();
        try (RedisCache otherCache = newCache();
                RedisStatusBoard mine = new RedisStatusBoard(cache);
                RedisStatusBoard theirs = new RedisStatusBoard(otherCache)) {
            List<StatusUpdate> seenThere = new CopyOnWriteArrayList<>();
            List<StatusUpdate> seenHere = new CopyOnWriteArrayList<>();
            theirs.subscribe(seenThere::add);
            mine.subscribe(seenHere::add);
            StatusUpdate u = new StatusUpdate(
                    42, "keyframes", "running", 33, "scene 2 of 6", Instant.parse("2026-11-25T06:00:00Z"));
            mine.publish(u);
            waitFor(() -> !seenThere.isEmpty(), Duration.ofSeconds(5));
            assertEquals(List.of(u), seenThere);
            assertEquals(List.of(u), seenHere, "delivered once locally, not again via the topic");
            assertEquals(u, theirs.current(42).orElseThrow());
            assertEquals(u, theirs.phase(42, "keyframes").orElseThrow());
            long pttl = cache.client().getBucket(CacheKeys.status(42)).remainTimeToLive();
            assertTrue(pttl > 295_000 && pttl <= 300_000, "PTTL " + pttl);
        }
    }

    @Test
    void theFactoryPicksRedisAndItsSharedBoard() throws Exception {
        Cache c = Caches.fromRedisUrl("redis://127.0.0.1:" + port);
        try (StatusBoard board = Caches.statusBoard(c)) {
            assertEquals("redis", c.name());
            assertTrue(board instanceof RedisStatusBoard);
            CacheHealth h = Caches.health(c);
            assertTrue(h.reachable(), h.detail());
            assertFalse(h.roundTrip().isNegative());
        } finally {
            ((RedisCache) c).close();
        }
    }

    @Test
    void badUrlsAreNamedWithTheSettingAndNoPassword() {
        StudioException e = assertThrows(StudioException.class, () -> RedisCache.parse("http://:s3cret@host:6379"));
        assertTrue(e.getMessage().contains("CINBOARD_REDIS_URL"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        RedisCache.Target t = RedisCache.parse("rediss://bob:pw@cache.example:6380/3");
        assertEquals(new RedisCache.Target("rediss://cache.example:6380", "bob", "pw", 3), t);
    }

    static void waitFor(BooleanSupplier condition, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("condition not met within " + max);
            }
            Thread.sleep(20);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
