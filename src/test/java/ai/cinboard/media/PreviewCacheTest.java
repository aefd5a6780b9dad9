package ai.cinboard.media;

import static org.junit.jupiter.api.Assertions.*;

import ai.cinboard.domain.StudioException;
import ai.cinboard.testing.S3Fixture;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewCacheTest {
    private static S3Fixture fixture;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        fixture = new S3Fixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    static byte[] png(int w, int h, Color c) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w / 2, h); // left half white, so scaling keeps a visible split
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @Test
    void thumbnailsKeepTheAspectRatioAndAreCached() throws Exception {
        try (S3MediaStore s3 = new S3MediaStore(fixture.settings())) {
            MediaStores stores = new MediaStores(s3);
            StoredMedia m = s3.put(new ByteArrayInputStream(png(1280, 720, Color.RED)), "image/png", "png");
            PreviewCache cache = new PreviewCache(
                    tmp.resolve("previews"),
                    PreviewCache.DEFAULT_MAX_BYTES,
                    stores,
                    new UrlGuard(List.of(fixture.endpoint)));

            BufferedImage t1 = ImageIO.read(cache.thumbnail(m.url(), 320, 320).toFile());
            assertEquals(320, t1.getWidth());
            assertEquals(180, t1.getHeight());
            BufferedImage t2 = ImageIO.read(cache.thumbnail(m.url(), 100, 30).toFile());
            assertEquals(53, t2.getWidth());
            assertEquals(30, t2.getHeight());
            BufferedImage big =
                    ImageIO.read(cache.thumbnail(m.url(), 4000, 4000).toFile());
            assertEquals(1280, big.getWidth(), "never enlarged");
            assertEquals(Color.WHITE.getRGB(), t1.getRGB(10, 90));
            assertEquals(Color.RED.getRGB(), t1.getRGB(310, 90));

            assertEquals(1, cache.stats().fetches(), "fetched from S3 once for three sizes");
            assertEquals(3, cache.stats().thumbnailsMade());
            cache.thumbnail(m.url(), 320, 320);
            assertEquals(3, cache.stats().thumbnailsMade(), "a repeated size comes from the cache");

            // The presigned preview URL of the configured endpoint passes the guard and is fetched over HTTP.
            String presigned = s3.previewUri(m.url()).toString();
            assertArrayEquals(
                    Files.readAllBytes(cache.original(m.url())), Files.readAllBytes(cache.original(presigned)));
        }
    }

    @Test
    void evictsTheLeastRecentlyUsedWhenOverBudget() throws Exception {
        LocalMediaStore local = new LocalMediaStore(tmp.resolve("media"));
        try (S3MediaStore s3 = new S3MediaStore(fixture.settings())) {
            MediaStores stores = new MediaStores(s3, local);
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                urls.add(s3.put(
                                new ByteArrayInputStream(S3MediaStoreTest.randomBytes(100_000, 100 + i)),
                                "video/mp4",
                                "mp4")
                        .url());
            }
            Path dir = tmp.resolve("previews");
            PreviewCache cache = new PreviewCache(dir, 250_000, stores, new UrlGuard(List.of()));
            Path a = cache.original(urls.get(0));
            Path b = cache.original(urls.get(1));
            cache.original(urls.get(0)); // a is now more recent than b
            Path c = cache.original(urls.get(2)); // 300 KB > 250 KB: b goes
            assertTrue(Files.exists(a));
            assertFalse(Files.exists(b));
            assertTrue(Files.exists(c));
            assertEquals(1, cache.stats().evictions());
            assertEquals(200_000, cache.stats().bytes());
            cache.original(urls.get(1));
            assertEquals(4, cache.stats().fetches(), "an evicted entry is fetched again");
            assertFalse(Files.exists(a), "a was least recent then");

            // The order survives a restart, and a smaller budget trims at once.
            PreviewCache reopened = new PreviewCache(dir, 150_000, stores, new UrlGuard(List.of()));
            assertEquals(1, reopened.stats().files());
            assertTrue(Files.exists(cache.original(urls.get(1))));

            // Local-store media is read in place, never copied.
            StoredMedia lm = local.put(new ByteArrayInputStream(new byte[] {1, 2, 3}), "image/png", "png");
            assertEquals(local.path(lm.url()), reopened.original(lm.url()));
        }
    }

    @Test
    void concurrentRequestsShareOneFetch() throws Exception {
        try (S3MediaStore s3 = new S3MediaStore(fixture.settings())) {
            String url = s3.put(new ByteArrayInputStream(png(800, 600, Color.BLUE)), "image/png", "png")
                    .url();
            PreviewCache cache = new PreviewCache(
                    tmp.resolve("p"), PreviewCache.DEFAULT_MAX_BYTES, new MediaStores(s3), new UrlGuard(List.of()));
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<Path>> fs = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    fs.add(pool.submit(() -> cache.thumbnail(url, 200, 200)));
                }
                for (Future<Path> f : fs) {
                    assertEquals(200, ImageIO.read(f.get().toFile()).getWidth());
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(1, cache.stats().fetches());
        }
    }

    @Test
    void refusesUrlsOutsideTheStoresAndNonImages() throws Exception {
        LocalMediaStore local = new LocalMediaStore(tmp.resolve("media"));
        PreviewCache cache =
                new PreviewCache(tmp.resolve("p"), 1_000_000, new MediaStores(local), new UrlGuard(List.of()));
        assertThrows(StudioException.class, () -> cache.original("file:///etc/passwd"));
        assertThrows(StudioException.class, () -> cache.original("http://127.0.0.1:1/x.png"));
        assertThrows(StudioException.class, () -> cache.thumbnail("http://169.254.169.254/latest", 10, 10));
        StoredMedia notImage = local.put(new ByteArrayInputStream("not an image".getBytes()), "text/plain", "txt");
        StudioException e = assertThrows(StudioException.class, () -> cache.thumbnail(notImage.url(), 64, 64));
        assertTrue(e.getMessage().contains("not an image"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> cache.thumbnail(notImage.url(), 0, 64));
    }

    @Test
    void theRouterRefusesUnknownUrls() {
        LocalMediaStore local = new LocalMediaStore(tmp.resolve("media"));
        MediaStores stores = new MediaStores(local);
        StudioException e = assertThrows(
                StudioException.class,
                () -> stores.open("s3://someone-else/sha256/ab/" + "ab" + "0".repeat(62) + ".png"));
        assertTrue(e.getMessage().contains("no configured media store"), e.getMessage());
        StoredMedia m = stores.put(new ByteArrayInputStream(new byte[] {9}), "image/png", "png");
        assertTrue(stores.exists(m.url()));
    }
}
