package ai.cinboard.ui;

import ai.cinboard.domain.KeyframeImage;
import ai.cinboard.media.StoredThumbnails;
import ai.cinboard.testing.TestProjects;
import ai.cinboard.ui.task.FxTaskExecutor;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import java.util.stream.IntStream;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Opens a 500-scene project on the real stack, headless (Monocle), and prints: time to the first thumbnails,
 * heap used, and frame time while scrolling the storyboard from top to bottom. The project is rows in an
 * embedded PostgreSQL database (500 scenes, 1500 keyframes) whose keyframe images are 1500 distinct PNGs in
 * the local media store, made from the keyframes of "The Last Ferry" rendered by the offline engine, each with its
 * 160 × 90 thumbnail stored beside it as a render stores them; thumbnails come through the studio's own preview
 * service, starting from a cold preview cache. Also prints the thumbnail cache's memory. Not a test: run its main.
 * <pre>mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx3g -cp target/test-classes:target/classes:$(cat target/cp.txt) ai.cinboard.ui.StoryboardBenchmark</pre>
 */
public final class StoryboardBenchmark {
    static final int SCENES = 500, KEYFRAMES = 3;

    public static void main(String[] args) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "native");
        System.setProperty("java.awt.headless", "true");
        long setup0 = System.nanoTime();
        RenderedStudio demo = new RenderedStudio(640, 360);
        int project = build(demo);
        System.out.printf(
                "setup (render the sample, store %d images, insert the rows): %.1f s%n",
                SCENES * KEYFRAMES, (System.nanoTime() - setup0) / 1e9);
        FxTaskExecutor executor = new FxTaskExecutor(2);
        Preferences prefs = Preferences.userRoot().node("cinboard-bench/" + UUID.randomUUID());
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        StudioWindow[] w = new StudioWindow[1];
        long[] t0 = new long[1];
        Platform.runLater(() -> {
            Stage stage = new Stage();
            prefs.putDouble("width", 1280);
            prefs.putDouble("height", 800);
            w[0] = new StudioWindow(demo.services, executor, prefs);
            w[0].show(stage);
            w[0].selectView(1);
            t0[0] = System.nanoTime();
            w[0].viewModel().openProject(project);
        });
        while (t0[0] == 0) Thread.sleep(1);
        // time to first thumbnails: the first storyboard thumbnail shown, then every visible one
        long rows = -1, first = -1, visible = -1;
        int visibleThumbs = 0;
        while (visible < 0 && System.nanoTime() - t0[0] < 60_000_000_000L) {
            Thread.sleep(2);
            if (w[0] == null) continue;
            int[] count = new int[1];
            CountDownLatch l = new CountDownLatch(1);
            Platform.runLater(() -> {
                count[0] = (int) w[0].storyboard().list().lookupAll(".cb-thumb").stream()
                        .filter(n -> n.isVisible() && n.getParent() != null && n.getScene() != null)
                        .map(n -> ((javafx.scene.layout.StackPane) n)
                                .getChildren()
                                .get(0))
                        .filter(iv -> ((javafx.scene.image.ImageView) iv).getImage() != null)
                        .count();
                l.countDown();
            });
            l.await();
            if (rows < 0 && w[0].viewModel().model().scenes().size() == SCENES) rows = System.nanoTime() - t0[0];
            if (first < 0 && count[0] >= 1) first = System.nanoTime() - t0[0];
            if (w[0].viewModel().model().scenes().size() == SCENES && count[0] >= 15) {
                visible = System.nanoTime() - t0[0];
                visibleThumbs = count[0];
            }
        }
        System.gc();
        Thread.sleep(300);
        Runtime rt = Runtime.getRuntime();
        long heapOpen = rt.totalMemory() - rt.freeMemory();

        // scroll top to bottom, ~1 row per frame; frame time = interval between animation pulses
        List<Long> frames = Collections.synchronizedList(new ArrayList<>());
        List<Long> layout = Collections.synchronizedList(new ArrayList<>());
        long[] pre = new long[1];
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            var scene = w[0].root().getScene();
            scene.addPreLayoutPulseListener(() -> pre[0] = System.nanoTime());
            scene.addPostLayoutPulseListener(() -> {
                if (pre[0] > 0) layout.add(System.nanoTime() - pre[0]);
            });
            VirtualFlow<?> flow = (VirtualFlow<?>) w[0].storyboard().list().lookup(".virtual-flow");
            new AnimationTimer() {
                long last = -1;

                @Override
                public void handle(long now) {
                    if (last > 0) frames.add(now - last);
                    last = now;
                    flow.scrollPixels(120);
                    if (w[0].storyboard().list().getItems().size() > 0
                            && flow.getLastVisibleCell() != null
                            && flow.getLastVisibleCell().getIndex() >= SCENES - 1) {
                        stop();
                        done.countDown();
                    }
                }
            }.start();
        });
        long s0 = System.nanoTime();
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long fxId = fxThreadId();
        long cpu0 = mx.getThreadCpuTime(fxId);
        done.await(120, TimeUnit.SECONDS);
        long scrollNanos = System.nanoTime() - s0;
        long fxCpu = mx.getThreadCpuTime(fxId) - cpu0;
        Thread.sleep(1500); // let the last thumbnails arrive
        System.gc();
        Thread.sleep(300);
        long heapAfter = rt.totalMemory() - rt.freeMemory();
        List<Long> f = new ArrayList<>(frames);
        Collections.sort(f);
        List<Long> lay = new ArrayList<>(layout);
        Collections.sort(lay);
        System.out.printf(
                "scenes: %d, keyframes: %d (640x360 PNGs in the local media store), thumbnail pool: 2 threads%n",
                SCENES, SCENES * KEYFRAMES);
        System.out.printf(
                "project read and rows built: %.0f ms after open; first thumbnail shown: %.0f ms;"
                        + " all %d visible thumbnails: %.0f ms%n",
                rows / 1e6, first / 1e6, visibleThumbs, visible / 1e6);
        System.out.printf(
                "heap used after open: %.1f MB; after scrolling all %d rows: %.1f MB (max heap %.0f MB)%n",
                heapOpen / 1048576.0, SCENES, heapAfter / 1048576.0, rt.maxMemory() / 1048576.0);
        System.out.printf(
                "scroll top to bottom: %d frames in %.1f s; frame interval avg %.1f ms, median %.1f, p95 %.1f, max %.1f ms%n",
                f.size(),
                scrollNanos / 1e9,
                f.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6,
                pct(f, 50),
                pct(f, 95),
                pct(f, 100));
        System.out.printf(
                "CSS+layout per pulse while scrolling: median %.2f ms, p95 %.2f ms, max %.2f ms; thumbnails decoded: %d%n",
                pct(lay, 50),
                pct(lay, 95),
                pct(lay, 100),
                w[0].thumbnails().viewModel().loadedCount());
        System.out.printf(
                "FX thread CPU while scrolling: %.1f ms per frame; thumbnail requests skipped (cell scrolled away): %d; load average %.1f on %d cores%n",
                fxCpu / 1e6 / Math.max(1, f.size()),
                w[0].thumbnails().viewModel().skippedCount(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage(),
                rt.availableProcessors());
        System.out.printf(
                "thumbnail memory (Caffeine cache, bound %d MB): %.1f MB after opening and scrolling all %d rows%n",
                ai.cinboard.service.preview.MediaPreviews.THUMBNAIL_MEMORY_BYTES >> 20,
                w[0].thumbnails().viewModel().memoryBytes() / 1048576.0,
                SCENES);
        executor.close();
        demo.close();
        try {
            prefs.removeNode();
        } catch (Exception ignored) {
            /* benchmark only */
        }
        Platform.exit();
        System.exit(0);
    }

    /** Renders the sample, stores one distinct image per keyframe (a rendered keyframe, numbered), inserts the rows. */
    private static int build(RenderedStudio demo) throws Exception {
        int ferry = demo.render("ferry.fountain");
        List<BufferedImage> sources = new ArrayList<>();
        for (var k : demo.services.projects().loadProject(ferry).keyframes()) {
            try (InputStream in = demo.studio.media().open(k.imageUrl())) {
                sources.add(ImageIO.read(in));
            }
        }
        String[][] urls = new String[SCENES][KEYFRAMES];
        String[][] thumbs = new String[SCENES][KEYFRAMES];
        IntStream.range(0, SCENES * KEYFRAMES).parallel().forEach(i -> {
            int scene = i / KEYFRAMES, k = i % KEYFRAMES;
            BufferedImage src = sources.get(i % sources.size());
            BufferedImage img = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.drawImage(src, 0, 0, null);
            g.setColor(Color.YELLOW);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 48));
            g.drawString((scene + 1) + "." + (k + 1), 24, 64);
            g.dispose();
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            try {
                ImageIO.write(img, "png", png);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            urls[scene][k] = demo.studio
                    .media()
                    .put(new ByteArrayInputStream(png.toByteArray()), "image/png", "png")
                    .url();
            // As a render does: the storyboard-size thumbnail stored beside the image, named in its parameters.
            thumbs[scene][k] = demo.studio
                    .media()
                    .put(
                            new ByteArrayInputStream(StoredThumbnails.png(
                                    png.toByteArray(), KeyframeImage.THUMBNAIL_WIDTH, KeyframeImage.THUMBNAIL_HEIGHT)),
                            "image/png",
                            "png")
                    .url();
        });
        return TestProjects.insert(demo.database(), SCENES, KEYFRAMES, 1, 10, 3, new TestProjects.KeyframeImages() {
            @Override
            public String url(int scene, int k) {
                return urls[scene - 1][k];
            }

            @Override
            public java.util.Map<String, Object> params(int scene, int k) {
                return java.util.Map.of("shot", k, KeyframeImage.THUMBNAIL_PARAM, thumbs[scene - 1][k]);
            }
        });
    }

    private static long fxThreadId() throws InterruptedException {
        long[] id = new long[1];
        CountDownLatch l = new CountDownLatch(1);
        Platform.runLater(() -> {
            id[0] = Thread.currentThread().getId();
            l.countDown();
        });
        l.await();
        return id[0];
    }

    private static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) return 0;
        int i = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, i)) / 1e6;
    }
}
