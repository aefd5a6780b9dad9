package ai.cinboard.ui.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.media.LocalMediaStore;
import ai.cinboard.media.MediaStores;
import ai.cinboard.media.PreviewCache;
import ai.cinboard.media.UrlGuard;
import ai.cinboard.service.preview.MediaPreviews;
import ai.cinboard.ui.task.CurrentThreadTaskExecutor;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thumbnails through the real preview path (local media store, preview cache): images, reasons, the byte bound. */
class ThumbnailsViewModelTest {
    @TempDir
    Path dir;

    private LocalMediaStore store;

    private ThumbnailsViewModel vm(long maxBytes) {
        store = new LocalMediaStore(dir.resolve("media"));
        MediaStores stores = new MediaStores(store);
        PreviewCache cache = new PreviewCache(dir.resolve("previews"), 64L << 20, stores, new UrlGuard(List.of()));
        return new ThumbnailsViewModel(new MediaPreviews(cache, maxBytes), new CurrentThreadTaskExecutor());
    }

    private String png(Color c) throws Exception {
        BufferedImage img = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, 640, 360);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return store.put(new ByteArrayInputStream(out.toByteArray()), "image/png", "png")
                .url();
    }

    private static ThumbnailsViewModel.Result load(ThumbnailsViewModel vm, String url) {
        AtomicReference<ThumbnailsViewModel.Result> r = new AtomicReference<>();
        vm.load(url, 160, 90, () -> true, r::set);
        return r.get();
    }

    @Test
    void deliversPixelsAtTheDisplayedSize() throws Exception {
        ThumbnailsViewModel vm = vm(MediaPreviews.THUMBNAIL_MEMORY_BYTES);
        ThumbnailsViewModel.Result r = load(vm, png(Color.RED));
        assertNull(r.error());
        assertEquals(160, r.pixels().width());
        assertEquals(90, r.pixels().height());
        assertEquals(0xffff0000, r.pixels().argbPremultiplied().get(80 * 160 + 45));
        assertEquals(0, vm.failuresProperty().get());
        assertEquals(0, vm.pendingProperty().get());
    }

    @Test
    void aFileThatIsNotAnImageGivesItsReasonInsteadOfABlank() throws Exception {
        ThumbnailsViewModel vm = vm(MediaPreviews.THUMBNAIL_MEMORY_BYTES);
        String text = store.put(
                        new ByteArrayInputStream("not a picture".getBytes(StandardCharsets.UTF_8)), "image/png", "png")
                .url();
        ThumbnailsViewModel.Result r = load(vm, text);
        assertTrue(r.failed());
        assertTrue(r.error().contains("not an image this studio can read"), r.error());
        assertEquals(1, vm.failuresProperty().get());
        assertEquals(0, vm.pendingProperty().get());
    }

    @Test
    void aMissingFileSaysSo() throws Exception {
        ThumbnailsViewModel vm = vm(MediaPreviews.THUMBNAIL_MEMORY_BYTES);
        String url = png(Color.BLUE);
        Files.delete(store.path(url));
        ThumbnailsViewModel.Result r = load(vm, url);
        assertTrue(r.failed());
        assertNotNull(r.error());
        assertTrue(r.error().toLowerCase().contains("missing") || r.error().contains(url), r.error());
    }

    @Test
    void memoryStaysWithinTheByteBound() throws Exception {
        long bound = 10L * 160 * 90 * 4; // room for ten thumbnails
        ThumbnailsViewModel vm = vm(bound);
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 40; i++) urls.add(png(new Color(i * 6, 0, 0)));
        for (String u : urls) assertNull(load(vm, u).error());
        assertEquals(40, vm.loadedCount());
        assertTrue(vm.memoryBytes() <= bound, vm.memoryBytes() + " bytes held, bound " + bound);
        assertTrue(vm.memoryBytes() > 0);
    }

    @Test
    void prefetchedThumbnailsAreInMemoryBeforeAnyViewAsks() throws Exception {
        ThumbnailsViewModel vm = vm(MediaPreviews.THUMBNAIL_MEMORY_BYTES);
        String a = png(Color.RED), b = png(Color.GREEN);
        vm.prefetch(java.util.Arrays.asList(a, null, b), 160, 90);
        assertNotNull(vm.cached(a, 160, 90));
        assertNotNull(vm.cached(b, 160, 90));
        assertEquals(0, vm.pendingProperty().get());
    }

    @Test
    void aViewAskingWhileThePrefetchRunsWaitsForItInsteadOfReadingAgain() throws Exception {
        store = new LocalMediaStore(dir.resolve("media"));
        PreviewCache cache =
                new PreviewCache(dir.resolve("previews"), 64L << 20, new MediaStores(store), new UrlGuard(List.of()));
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        MediaPreviews real = new MediaPreviews(cache, MediaPreviews.THUMBNAIL_MEMORY_BYTES);
        ai.cinboard.service.MediaPreviewService previews =
                (ai.cinboard.service.MediaPreviewService) java.lang.reflect.Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {ai.cinboard.service.MediaPreviewService.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("thumbnail")) reads.incrementAndGet();
                            try {
                                return method.invoke(real, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
        ManualTaskExecutor executor = new ManualTaskExecutor();
        ThumbnailsViewModel vm = new ThumbnailsViewModel(previews, executor);
        String url = png(Color.RED);
        String missing = png(Color.BLUE);
        Files.delete(store.path(missing));
        vm.prefetch(List.of(url, missing), 160, 90);
        vm.prefetch(List.of(url), 160, 90); // asked twice: still one read
        assertEquals(2, executor.pending.size());

        AtomicReference<ThumbnailsViewModel.Result> shown = new AtomicReference<>(), broken = new AtomicReference<>();
        vm.load(url, 160, 90, () -> true, shown::set);
        vm.load(missing, 160, 90, () -> true, broken::set);
        assertEquals(2, executor.pending.size(), "the views wait for the reads under way, they queue none");
        assertEquals(2, vm.pendingProperty().get());
        assertNull(shown.get());

        executor.runAll();
        assertEquals(2, reads.get());
        assertEquals(160, shown.get().pixels().width());
        assertTrue(broken.get().failed());
        assertNotNull(broken.get().error());
        assertEquals(1, vm.failuresProperty().get());
        assertEquals(0, vm.pendingProperty().get());
    }
}
