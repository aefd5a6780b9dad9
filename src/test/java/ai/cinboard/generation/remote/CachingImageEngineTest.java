package ai.cinboard.generation.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.cache.Cache;
import ai.cinboard.cache.CacheStats;
import ai.cinboard.generation.CharacterLook;
import ai.cinboard.generation.CharacterSheetRequest;
import ai.cinboard.generation.GeneratedImage;
import ai.cinboard.generation.ImageEngine;
import ai.cinboard.generation.KeyframeRequest;
import ai.cinboard.generation.Progress;
import ai.cinboard.generation.ShotType;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingImageEngineTest {
    /** Round-trips values through JSON like the real caches do. */
    static final class JsonMapCache implements Cache {
        final Map<String, String> map = new HashMap<>();
        final Map<String, Duration> ttls = new HashMap<>();

        @Override
        public <T> Optional<T> get(String key, Class<T> type) {
            String v = map.get(key);
            try {
                return v == null ? Optional.empty() : Optional.of(Json.MAPPER.readValue(v, type));
            } catch (Exception e) {
                return Optional.empty();
            }
        }

        @Override
        public <T> void put(String key, T value, Duration ttl) {
            try {
                map.put(key, Json.MAPPER.writeValueAsString(value));
                ttls.put(key, ttl);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void delete(String key) {
            map.remove(key);
        }

        @Override
        public CacheStats stats() {
            return null;
        }

        @Override
        public String name() {
            return "test";
        }
    }

    static final class CountingEngine implements ImageEngine {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public GeneratedImage characterSheet(CharacterSheetRequest r, Progress p) {
            calls.incrementAndGet();
            return new GeneratedImage(TestImages.png(calls.get()), "image/png", Map.of("seed", 5));
        }

        @Override
        public GeneratedImage keyframe(KeyframeRequest r, Progress p) {
            calls.incrementAndGet();
            return new GeneratedImage(TestImages.png(calls.get()), "image/png", Map.of("seed", 6));
        }
    }

    static KeyframeRequest kf(byte[] ref, long seed) {
        return new KeyframeRequest(
                "H",
                "L",
                "DAY",
                "d",
                "p",
                "c",
                "en",
                ShotType.WIDE,
                List.of(new CharacterLook("A", "x", "k", ref)),
                seed,
                64,
                64);
    }

    @Test
    void identicalRequestsHitTheCacheAndAnyDifferenceMisses() {
        CountingEngine engine = new CountingEngine();
        JsonMapCache cache = new JsonMapCache();
        CachingImageEngine cached = new CachingImageEngine(engine, cache, "fake|model-a");
        GeneratedImage first = cached.keyframe(kf(TestImages.png(1), 1), Progress.NONE);
        GeneratedImage again = cached.keyframe(kf(TestImages.png(1), 1), Progress.NONE);
        assertEquals(1, engine.calls.get());
        assertArrayEquals(first.bytes(), again.bytes());
        assertEquals(6, again.generationParams().get("seed"));

        cached.keyframe(kf(TestImages.png(2), 1), Progress.NONE); // other reference image
        cached.keyframe(kf(TestImages.png(1), 2), Progress.NONE); // other seed
        new CachingImageEngine(engine, cache, "fake|model-b").keyframe(kf(TestImages.png(1), 1), Progress.NONE);
        assertEquals(4, engine.calls.get());

        String key = cache.map.keySet().iterator().next();
        assertTrue(key.matches("keyframe:[0-9a-f]{64}"), key);
        assertEquals(Duration.ofSeconds(1800), cache.ttls.get(key));
    }

    @Test
    void characterSheetsUseTheCharacterKeyPattern() {
        CountingEngine engine = new CountingEngine();
        JsonMapCache cache = new JsonMapCache();
        CachingImageEngine cached = new CachingImageEngine(engine, cache, "fake");
        CharacterSheetRequest r = new CharacterSheetRequest(new CharacterLook("A", "x", "k", null), 0, 64, 64);
        cached.characterSheet(r, Progress.NONE);
        cached.characterSheet(r, Progress.NONE);
        assertEquals(1, engine.calls.get());
        String key = cache.map.keySet().iterator().next();
        assertTrue(key.startsWith("character:"), key);
        assertEquals(Duration.ofSeconds(7200), cache.ttls.get(key));
    }
}
