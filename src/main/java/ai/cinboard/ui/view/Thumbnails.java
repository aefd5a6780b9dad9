package ai.cinboard.ui.view;

import ai.cinboard.service.MediaPreviewService;
import ai.cinboard.ui.task.TaskExecutor;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;

/**
 * Loads media images in the background at the displayed size, with a small LRU cache. A recycled cell's
 * ImageView only receives the image it asked for last.
 */
public final class Thumbnails {
    private static final int MAX_ENTRIES = 600;
    private final MediaPreviewService media;
    private final TaskExecutor executor;
    private final AtomicLong loaded = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    /** Loads submitted and not yet delivered; changed on the FX thread only (tests wait for 0). */
    private final ReadOnlyIntegerWrapper pending = new ReadOnlyIntegerWrapper(this, "pending");
    /** What each ImageView wants now; read off the FX thread to skip decoding for recycled cells. */
    private final Map<ImageView, String> wanted = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private final Map<String, Image> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Image> e) {
            return size() > MAX_ENTRIES;
        }
    };

    public Thumbnails(MediaPreviewService media, TaskExecutor executor) {
        this.media = media;
        this.executor = executor;
    }

    /** Shows {@code url} in {@code view}, scaled to fit {@code w x h}. Call on the FX thread. */
    public void load(ImageView view, String url, int w, int h) {
        String key = url + "@" + w + "x" + h;
        if (key.equals(view.getUserData()) && view.getImage() != null) return; // a redraw of what it shows
        view.setUserData(key);
        wanted.put(view, key);
        if (url == null) {
            view.setImage(null);
            return;
        }
        Image hit = cache.get(key);
        if (hit != null) {
            view.setImage(hit);
            return;
        }
        view.setImage(null);
        pending.set(pending.get() + 1);
        executor.submit(
                () -> {
                    if (!key.equals(wanted.get(view))) {
                        skipped.incrementAndGet(); // the cell scrolled away and shows something else now
                        return null;
                    }
                    BufferedImage img = media.image(url, w, h);
                    return img == null ? null : SwingFXUtils.toFXImage(img, null);
                },
                image -> {
                    pending.set(pending.get() - 1);
                    if (image != null) {
                        cache.put(key, image);
                        loaded.incrementAndGet();
                    }
                    if (key.equals(view.getUserData())) {
                        view.setImage(image);
                    }
                },
                e -> {
                    pending.set(pending.get() - 1); // a missing thumbnail stays blank; the detail view reports errors
                });
    }

    /** Loads in flight: submitted, result not yet shown. Read on the FX thread. */
    public ReadOnlyIntegerProperty pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    /** Number of requests skipped because the view had moved on (the benchmark reads it). */
    public long skippedCount() {
        return skipped.get();
    }

    /** Number of images decoded so far (the benchmark reads it). */
    public long loadedCount() {
        return loaded.get();
    }

    public static Image toFx(BufferedImage img) {
        return img == null ? null : SwingFXUtils.toFXImage(img, null);
    }
}
