package ai.cinboard.cache;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InProcessCacheTest {
    record Sample(String name, int n) {}

    private final AtomicLong nanos = new AtomicLong();
    private final InProcessCache cache = new InProcessCache(InProcessCache.DEFAULT_MAX_CHARS, nanos::get);

    @Test
    void entriesLiveExactlyTheirOwnTtl() {
        cache.put("a", new Sample("short", 1), Duration.ofSeconds(5));
        cache.put("b", new Sample("long", 2), CacheKeys.TRANSLATION_TTL);
        nanos.addAndGet(Duration.ofSeconds(4).toNanos());
        assertEquals(new Sample("short", 1), cache.get("a", Sample.class).orElseThrow());
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertTrue(cache.get("a", Sample.class).isEmpty(), "5 s TTL, 6 s later");
        assertTrue(cache.get("b", Sample.class).isPresent());
        nanos.addAndGet(CacheKeys.TRANSLATION_TTL.toNanos());
        assertTrue(cache.get("b", Sample.class).isEmpty());
    }

    @Test
    void readingDoesNotExtendAndPutResetsTheTtl() {
        cache.put("k", new Sample("x", 1), Duration.ofSeconds(10));
        nanos.addAndGet(Duration.ofSeconds(8).toNanos());
        cache.get("k", Sample.class);
        nanos.addAndGet(Duration.ofSeconds(3).toNanos());
        assertTrue(cache.get("k", Sample.class).isEmpty());
        cache.put("k", new Sample("x", 1), Duration.ofSeconds(10));
        nanos.addAndGet(Duration.ofSeconds(8).toNanos());
        cache.put("k", new Sample("y", 2), Duration.ofSeconds(10));
        nanos.addAndGet(Duration.ofSeconds(8).toNanos());
        assertEquals("y", cache.get("k", Sample.class).orElseThrow().name());
    }

    @Test
    void countsHitsAndMisses() {
        cache.put(CacheKeys.keyframe("h"), new Sample("k", 3), CacheKeys.KEYFRAME_TTL);
        cache.get(CacheKeys.keyframe("h"), Sample.class);
        cache.get(CacheKeys.keyframe("h"), Sample.class);
        cache.get(CacheKeys.keyframe("other"), Sample.class);
        cache.delete(CacheKeys.keyframe("h"));
        cache.get(CacheKeys.keyframe("h"), Sample.class);
        assertEquals(new CacheStats(2, 2), cache.stats());
        assertEquals(0.5, cache.stats().hitRate());
    }

    @Test
    void valuesAreCopiesNotSharedObjects() {
        List<String> list = new ArrayList<>(List.of("a"));
        cache.put("l", list, Duration.ofMinutes(1));
        list.add("b");
        assertEquals(List.of("a"), cache.get("l", List.class).orElseThrow());
    }

    @Test
    void aValueOfAnotherShapeIsAMissNotAnError() {
        cache.put("s", "just text", Duration.ofMinutes(1));
        assertTrue(cache.get("s", Sample.class).isEmpty());
        cache.put(
                "t",
                new StatusUpdate(1, "keyframes", "running", 40, "2/5", Instant.parse("2026-01-01T00:00:00Z")),
                Duration.ofMinutes(1));
        assertEquals(40, cache.get("t", StatusUpdate.class).orElseThrow().progressPercent());
    }

    @Test
    void withoutRedisTheStudioGetsTheInProcessCache() {
        Cache c = Caches.fromRedisUrl("  ");
        assertEquals("in-process", c.name());
        assertTrue(Caches.statusBoard(c) instanceof InProcessStatusBoard);
        c.get("nothing", String.class);
        CacheHealth h = Caches.health(c);
        assertTrue(h.reachable());
        assertEquals(new CacheStats(0, 1), h.stats());
    }

    @Test
    void statusBoardWritesBothSpecKeysAndTellsListeners() throws Exception {
        InProcessStatusBoard board = new InProcessStatusBoard(cache);
        List<StatusUpdate> seen = new ArrayList<>();
        AutoCloseable sub = board.subscribe(seen::add);
        StatusUpdate u = new StatusUpdate(7, "clips", "running", 10, "1/10", Instant.now());
        board.publish(u);
        assertEquals(List.of(u), seen);
        assertEquals(u, board.current(7).orElseThrow());
        assertEquals(u, board.phase(7, "clips").orElseThrow());
        sub.close();
        board.publish(new StatusUpdate(7, "clips", "completed", 100, "", Instant.now()));
        assertEquals(1, seen.size());
        nanos.addAndGet(CacheKeys.STATUS_TTL.plusSeconds(1).toNanos());
        assertTrue(board.current(7).isEmpty(), "status entries expire after the spec's 300 s");
    }
}
