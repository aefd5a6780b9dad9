package ai.cinboard.media;

import ai.cinboard.testing.S3Fixture;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Time to get 200 thumbnails (256x144 of 1280x720 PNG keyframes stored on S3/S3Proxy) from a cold preview
 * cache (fetch + decode + scale + encode), a warm one, and a warm one after a restart. It measures
 * the files the UI would load, not JavaFX drawing them. Not a test; run:
 * mvn -q -o test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=ai.cinboard.media.PreviewCacheBenchmark
 */
public final class PreviewCacheBenchmark {
    private PreviewCacheBenchmark() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path work = Files.createTempDirectory("cinboard-preview-bench");
        try (S3Fixture fixture = new S3Fixture();
                S3MediaStore s3 = new S3MediaStore(fixture.settings())) {
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                urls.add(s3.put(new ByteArrayInputStream(keyframe(i)), "image/png", "png")
                        .url());
            }
            MediaStores stores = new MediaStores(s3);
            UrlGuard guard = new UrlGuard(List.of(fixture.endpoint));
            Path dir = work.resolve("previews");

            PreviewCache cold = new PreviewCache(dir, PreviewCache.DEFAULT_MAX_BYTES, stores, guard);
            long t0 = System.nanoTime();
            for (String u : urls) {
                cold.thumbnail(u, 256, 144);
            }
            long t1 = System.nanoTime();
            for (String u : urls) {
                cold.thumbnail(u, 256, 144);
            }
            long t2 = System.nanoTime();
            PreviewCache restarted = new PreviewCache(dir, PreviewCache.DEFAULT_MAX_BYTES, stores, guard);
            long t3 = System.nanoTime();
            for (String u : urls) {
                restarted.thumbnail(u, 256, 144);
            }
            long t4 = System.nanoTime();
            System.out.printf(
                    "%d thumbnails 256x144 from 1280x720 PNG on S3Proxy: cold %d ms (%.1f ms each), "
                            + "warm %.1f ms, warm after restart %.1f ms (+%.1f ms index load); %d fetches, cache %d KB%n",
                    count,
                    (t1 - t0) / 1_000_000,
                    (t1 - t0) / 1e6 / count,
                    (t2 - t1) / 1e6,
                    (t4 - t3) / 1e6,
                    (t3 - t2) / 1e6,
                    cold.stats().fetches(),
                    cold.stats().bytes() / 1024);
        }
        System.exit(0);
    }

    /** A busy-ish panel so PNG sizes are realistic, not a flat colour. */
    private static byte[] keyframe(int i) throws Exception {
        BufferedImage img = new BufferedImage(1280, 720, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new java.awt.GradientPaint(
                0, 0, new Color(i * 37 % 255, 80, 160), 1280, 720, new Color(20, i * 11 % 255, 60)));
        g.fillRect(0, 0, 1280, 720);
        g.setColor(Color.WHITE);
        for (int k = 0; k < 30; k++) {
            g.drawOval((i * 31 + k * 97) % 1200, (k * 53) % 680, 40 + k, 40 + k);
        }
        g.drawString("Scene " + i, 40, 680);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
