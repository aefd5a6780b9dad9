package ai.cinboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.Studio;
import ai.cinboard.app.StudioConfig;
import ai.cinboard.cache.CacheKeys;
import ai.cinboard.cache.RedisCache;
import ai.cinboard.cache.RedisSettings;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.RecordStatus;
import ai.cinboard.media.ffmpeg.MediaInfo;
import ai.cinboard.media.ffmpeg.MediaProbe;
import ai.cinboard.persistence.ProjectRepository;
import ai.cinboard.testing.RedisFixture;
import ai.cinboard.testing.S3Fixture;
import ai.cinboard.testing.StoredUrls;
import ai.cinboard.testing.TestStudios;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, the team set-up: a full render with media on S3 (S3Proxy in this JVM), the cache on a real Redis
 * (embedded binary) and an external PostgreSQL. Every {@code *_url} in the database is on S3 and opens, the
 * cache holds the render's entries in Redis itself, and rendering the project again redoes nothing.
 */
class TeamSetupRenderTest {

    @Test
    void aFullRenderOnS3RedisAndPostgresStoresEverythingRemotelyAndReusesItOnTheNextRender(@TempDir Path home)
            throws Exception {
        try (S3Fixture s3 = new S3Fixture();
                RedisFixture redis = new RedisFixture()) {
            Map<String, String> env = new java.util.HashMap<>(TestStudios.environment(home));
            env.putAll(s3.environment());
            env.put("CINBOARD_REDIS_URL", redis.url());

            try (Studio studio = Studio.open(StudioConfig.load(env))) {
                assertFalse(studio.database().isEmbedded(), "the external (test) PostgreSQL is used");
                assertEquals("redis", studio.cache().name());

                long start = System.nanoTime();
                int id = studio.intake()
                        .run(
                                new StoryInput(
                                        TestStudios.story("ferry.fountain"),
                                        "ferry.fountain",
                                        studio.localUserId(),
                                        null,
                                        null,
                                        "test"),
                                PhaseListener.NONE)
                        .projectId();
                RenderPipeline render = studio.render(TestStudios.smallRender(home));
                render.run(id, RenderPlan.MISSING_ONLY, PhaseListener.NONE);
                System.out.printf("team set-up: intake + render took %.1f s%n", (System.nanoTime() - start) / 1e9);
                Project first = project(studio, id);
                assertEquals(RecordStatus.COMPLETED, first.record().status());

                // Every media URL in every table is on S3 and opens through the studio's media store.
                List<String> urls = StoredUrls.all(studio.database());
                assertTrue(urls.size() >= 6 + 6 + 2 + 1 + 1, "urls: " + urls);
                for (String url : urls) {
                    assertTrue(url.startsWith("s3://" + S3Fixture.BUCKET + "/"), "not on S3: " + url);
                    try (InputStream in = studio.media().open(url)) {
                        assertTrue(in.read() >= 0, "empty object: " + url);
                    }
                }
                try (Stream<Path> local =
                        Files.exists(home.resolve("media")) ? Files.walk(home.resolve("media")) : Stream.empty()) {
                    assertEquals(
                            List.of(), local.filter(Files::isRegularFile).toList(), "nothing stored on local disk");
                }

                MediaInfo info = probe(studio, first.finalVideos().get(0).videoUrl(), home);
                assertTrue(info.decodesCleanly(), info.toString());
                assertEquals("h264", info.videoCodec());
                assertEquals("aac", info.audioCodec());
                double scenesSum = first.scenes().stream()
                        .map(s -> s.durationSeconds())
                        .reduce(BigDecimal.ZERO, BigDecimal::add)
                        .doubleValue();
                assertEquals(scenesSum, info.durationSeconds(), 0.5, "final duration vs the scenes' sum");

                // The cache entries live in Redis itself: a second, independent client sees them.
                assertTrue(
                        studio.cache().stats().misses() > 0,
                        "the render consulted the cache: " + studio.cache().stats());
                try (RedisCache other = new RedisCache(new RedisSettings(redis.url()))) {
                    for (var c : first.characters()) {
                        assertTrue(
                                other.get(CacheKeys.characterConsistency(c.consistencyKey()), Object.class)
                                        .isPresent(),
                                "no Redis entry for " + c.characterName());
                    }
                }

                // Rendering the same project again completes only what is missing: nothing.
                render.run(id, RenderPlan.MISSING_ONLY, PhaseListener.NONE);
                Project second = project(studio, id);
                assertEquals(imageUrls(first), imageUrls(second), "characters and keyframes were reused");
                assertEquals(
                        first.characterImages().size(), second.characterImages().size(), "no new character images");
                assertEquals(
                        first.keyframeImages().size(), second.keyframeImages().size(), "no new keyframe images");
                assertEquals(
                        first.clips().stream()
                                .map(c -> c.id() + "=" + c.videoUrl())
                                .toList(),
                        second.clips().stream()
                                .map(c -> c.id() + "=" + c.videoUrl())
                                .toList(),
                        "clips were reused");
                assertEquals(first.voiceovers().size(), second.voiceovers().size(), "no new voiceover");
                assertEquals(
                        first.finalVideos().stream().map(f -> f.videoUrl()).toList(),
                        second.finalVideos().stream().map(f -> f.videoUrl()).toList(),
                        "an up-to-date final video is not composed again");
                StoredUrls.all(studio.database()).forEach(url -> assertTrue(url.startsWith("s3://"), url));
            }
        }
    }

    private static Project project(Studio studio, int id) {
        return new ProjectRepository(studio.database()).load(id).orElseThrow();
    }

    private static List<String> imageUrls(Project p) {
        return Stream.of(
                        p.characters().stream().map(c -> "character " + c.id() + "=" + c.imageUrl()),
                        p.characterImages().stream().map(i -> "character image " + i.id() + "=" + i.imageUrl()),
                        p.keyframes().stream().map(k -> "keyframe " + k.id() + "=" + k.imageUrl()),
                        p.keyframeImages().stream().map(i -> "keyframe image " + i.id() + "=" + i.imageUrl()))
                .flatMap(s -> s)
                .toList();
    }

    private static MediaInfo probe(Studio studio, String url, Path home) throws Exception {
        Path local = home.resolve("final-probe.mp4");
        try (InputStream in = studio.media().open(url)) {
            Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
        }
        return MediaProbe.probeAndDecode(local);
    }
}
