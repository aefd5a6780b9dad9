package ai.cinboard.service.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.media.LocalMediaStore;
import ai.cinboard.media.MediaStores;
import ai.cinboard.media.S3MediaStore;
import ai.cinboard.persistence.Database;
import ai.cinboard.testing.S3Fixture;
import ai.cinboard.testing.TestDatabases;
import ai.cinboard.testing.TestProjects;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The media sweep removes only media no row refers to, and only after the retention period. */
class MediaRetentionTest {
    private static final Duration KEEP = Duration.ofDays(30);

    private static String put(ai.cinboard.media.MediaStore store, String content) {
        return store.put(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), "image/png", "png")
                .url();
    }

    private static void age(LocalMediaStore store, String url, Duration by) throws Exception {
        Files.setLastModifiedTime(store.path(url), FileTime.from(Instant.now().minus(by)));
    }

    /** Puts {@code url} deep inside a JSON column, the way composition data keeps the SRT's URL. */
    private static void referenceInJson(Database db, String url) throws Exception {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE processing_statuses SET phase_data = jsonb_build_object('composition',"
                                + " jsonb_build_object('srt_url', ?::text))")) {
            c.setAutoCommit(true);
            ps.setString(1, url);
            ps.executeUpdate();
        }
    }

    @Test
    void removesOnlyUnreferencedLocalMediaOlderThanTheRetention(@TempDir Path dir) throws Exception {
        try (Database db = TestDatabases.open()) {
            LocalMediaStore local = new LocalMediaStore(dir.resolve("media"));
            String keyframe = put(local, "a keyframe image");
            String srt = put(local, "subtitles kept in JSON");
            String replaced = put(local, "an image a regeneration replaced");
            String fresh = put(local, "stored a moment ago by a running render");
            TestProjects.insert(db, 1, 1, 1, 0, 0, (scene, k) -> keyframe);
            referenceInJson(db, srt);
            for (String url : new String[] {keyframe, srt, replaced}) {
                age(local, url, Duration.ofDays(40));
            }
            MediaRetention sweep = new MediaRetention(db, local, Clock.systemUTC());

            MediaRetention.Result dry = sweep.run(KEEP, true);
            assertEquals(4, dry.stored());
            assertEquals(1, dry.removed());
            assertTrue(local.exists(replaced), "a dry run removes nothing");

            MediaRetention.Result real = sweep.run(KEEP, false);
            assertEquals(1, real.removed());
            assertEquals("an image a regeneration replaced".length(), real.bytesRemoved());
            assertFalse(local.exists(replaced));
            assertTrue(local.exists(keyframe), "referenced by a keyframe image row");
            assertTrue(local.exists(srt), "referenced inside JSON");
            assertTrue(local.exists(fresh), "unreferenced, but within the retention period");

            // Storing the same bytes again counts as a new use: the file is safe for another period.
            age(local, fresh, Duration.ofDays(40));
            put(local, "stored a moment ago by a running render");
            assertEquals(0, sweep.run(KEEP, false).removed());
            assertTrue(local.exists(fresh));
        }
    }

    @Test
    void sweepsS3AndTheLocalStoreBehindIt(@TempDir Path dir) throws Exception {
        try (Database db = TestDatabases.open();
                S3Fixture fixture = new S3Fixture();
                S3MediaStore s3 = new S3MediaStore(fixture.settings())) {
            LocalMediaStore local = new LocalMediaStore(dir.resolve("media"));
            MediaStores media = new MediaStores(s3, local);
            String used = put(s3, "an image in use on S3");
            String unused = put(s3, "an image nobody uses on S3");
            String oldLocal = put(local, "local media from before the switch to S3");
            TestProjects.insert(db, 1, 1, 1, 0, 0, (scene, k) -> used);
            // S3 can't backdate an object, so the sweep runs 31 days from now instead.
            Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(31)), ZoneOffset.UTC);

            MediaRetention.Result r = new MediaRetention(db, media, later).run(KEEP, false);
            assertEquals(3, r.stored());
            assertEquals(2, r.removed());
            assertTrue(s3.exists(used));
            assertFalse(s3.exists(unused));
            assertFalse(local.exists(oldLocal));
        }
    }

    /**
     * The README's promise, on S3: storing the same bytes again restarts the retention period. S3Proxy keeps
     * objects as files here, so an object can be aged by its file's time, as a real bucket's would be by days.
     */
    @Test
    void storingTheSameBytesAgainOnS3RestartsTheRetentionPeriod(@TempDir Path dir) throws Exception {
        Path objects = Files.createDirectories(dir.resolve("s3"));
        try (Database db = TestDatabases.open();
                S3Fixture fixture = new S3Fixture(objects);
                S3MediaStore s3 = new S3MediaStore(fixture.settings())) {
            String again = put(s3, "an image made again by a later render");
            String once = put(s3, "an image made once, long ago");
            for (String url : java.util.List.of(again, once)) {
                Path file = objects.resolve(url.substring("s3://".length()));
                assertTrue(Files.isRegularFile(file), file.toString());
                Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofDays(40))));
            }
            MediaRetention sweep = new MediaRetention(db, s3, Clock.systemUTC());
            assertEquals(2, sweep.run(KEEP, true).removed(), "both are 40 days old and unused");

            assertEquals(again, put(s3, "an image made again by a later render"));

            MediaRetention.Result r = sweep.run(KEEP, false);
            assertEquals(1, r.removed());
            assertTrue(s3.exists(again), "stored again today: its 30 days start over");
            assertFalse(s3.exists(once));
            try (var in = s3.open(again)) {
                assertEquals(
                        "an image made again by a later render", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }
}
