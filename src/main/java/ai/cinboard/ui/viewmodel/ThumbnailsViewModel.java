package ai.cinboard.ui.viewmodel;

import ai.cinboard.domain.StudioException;
import ai.cinboard.service.MediaPreviewService;
import ai.cinboard.service.ThumbnailPixels;
import ai.cinboard.ui.task.TaskExecutor;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * Thumbnails for every view that shows media: loaded in the background through {@link MediaPreviewService}, which
 * keeps decoded pixels in a cache bounded by bytes (Caffeine, 50 MB), and delivered as a {@link Result}: the
 * pixels, or the reason there are none (a missing file, an unreadable image, a store that does not answer), which
 * the view shows in a placeholder instead of a blank.
 */
public final class ThumbnailsViewModel {
    /** What a request ends with: pixels, or none and a one-line reason. */
    public record Result(ThumbnailPixels pixels, String error) {
        public boolean failed() {
            return pixels == null;
        }
    }

    private final MediaPreviewService media;
    private final TaskExecutor executor;
    private final AtomicLong loaded = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final ReadOnlyIntegerWrapper pending = new ReadOnlyIntegerWrapper(this, "pending");
    private final ReadOnlyIntegerWrapper failures = new ReadOnlyIntegerWrapper(this, "failures");
    /** Failures are remembered by key so a scrolling list does not ask a broken store again and again. */
    private final Map<String, String> failed = new ConcurrentHashMap<>();
    /** Reads started by {@link #prefetch} and not finished yet, by key: a view asking meanwhile waits for them. */
    private final Map<String, CompletableFuture<ThumbnailPixels>> early = new ConcurrentHashMap<>();

    public ThumbnailsViewModel(MediaPreviewService media, TaskExecutor executor) {
        this.media = Objects.requireNonNull(media, "media");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    public static String key(String url, int w, int h) {
        return url + "@" + w + "x" + h;
    }

    /** The pixels for this image and size if they are in memory now (never blocks). */
    public ThumbnailPixels cached(String url, int w, int h) {
        return url == null ? null : media.thumbnailInMemory(url, w, h);
    }

    /**
     * Loads the image at {@code url} scaled to fit {@code w × h} and calls {@code done} on the FX thread, unless
     * {@code stillWanted} says (on the loading thread) that the requester has moved on by then. Call on the FX thread.
     */
    public void load(String url, int w, int h, Supplier<Boolean> stillWanted, Consumer<Result> done) {
        String key = key(url, w, h);
        ThumbnailPixels hit = media.thumbnailInMemory(url, w, h);
        if (hit != null) {
            done.accept(new Result(hit, null));
            return;
        }
        String known = failed.get(key);
        if (known != null) {
            done.accept(new Result(null, known));
            return;
        }
        pending.set(pending.get() + 1);
        CompletableFuture<ThumbnailPixels> started = early.get(key);
        if (started != null) { // already being read for the first screen: no second read, no place in the queue
            started.whenComplete((p, e) -> executor.runOnUi(() -> {
                if (e == null) loaded(p, done);
                else failed(key, e, done);
            }));
            return;
        }
        executor.submit(
                () -> {
                    if (!stillWanted.get()) {
                        skipped.incrementAndGet(); // the cell scrolled away and shows something else now
                        return null;
                    }
                    return media.thumbnail(url, w, h);
                },
                p -> loaded(p, done),
                e -> failed(key, e, done));
    }

    private void loaded(ThumbnailPixels p, Consumer<Result> done) {
        pending.set(pending.get() - 1);
        if (p != null) {
            loaded.incrementAndGet();
            done.accept(new Result(p, null));
        }
    }

    private void failed(String key, Throwable e, Consumer<Result> done) {
        pending.set(pending.get() - 1);
        failures.set(failures.get() + 1);
        String reason = reason(e);
        failed.put(key, reason);
        done.accept(new Result(null, reason));
    }

    /**
     * Starts reading these thumbnails into memory now, ahead of the views that will ask for them (the first screen
     * of a project being opened, while its rows are still being built and laid out). A view asking for one of them
     * meanwhile waits for that read instead of starting another. Call on any thread.
     */
    public void prefetch(List<String> urls, int w, int h) {
        for (String url : urls) {
            if (url == null || media.thumbnailInMemory(url, w, h) != null) continue;
            String key = key(url, w, h);
            CompletableFuture<ThumbnailPixels> read = new CompletableFuture<>();
            if (early.putIfAbsent(key, read) != null) continue;
            executor.submit(
                    () -> {
                        try {
                            read.complete(media.thumbnail(url, w, h));
                        } catch (RuntimeException | Error e) {
                            read.completeExceptionally(e);
                        } finally {
                            early.remove(key, read);
                        }
                        return null;
                    },
                    ignored -> {},
                    ignored -> {});
        }
    }

    /** Forgets remembered failures (after the user fixed a setting, or a render stored new media). */
    public void retryFailed() {
        failed.clear();
    }

    static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof StudioException)) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (t instanceof java.nio.file.NoSuchFileException) {
            return "Image file missing: " + m;
        }
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** Bytes of thumbnail pixels held in memory now. */
    public long memoryBytes() {
        return media.thumbnailMemoryBytes();
    }

    /** Loads in flight: submitted, result not yet delivered. Read on the FX thread (tests wait for 0). */
    public ReadOnlyIntegerProperty pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    /** Loads that failed (each shown as a placeholder with its reason). */
    public ReadOnlyIntegerProperty failuresProperty() {
        return failures.getReadOnlyProperty();
    }

    public long skippedCount() {
        return skipped.get();
    }

    public long loadedCount() {
        return loaded.get();
    }
}
