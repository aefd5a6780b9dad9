package ai.cinboard.media;

import ai.cinboard.domain.Sha256;
import ai.cinboard.domain.StudioException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local copies of remote media for inline preview, and thumbnails of any stored image.
 *
 * <p>Remote media (S3, or a public http(s) URL that passes the {@link UrlGuard}) is fetched once into
 * {@code dir/o}; thumbnails go to {@code dir/t}. Both count against one byte budget (default 2 GB) and the
 * least recently used file goes first. Access times are kept in the files' modification times, so the
 * order survives a restart. Local-store media is read where it lies and never copied.
 *
 * <p>Thread-safe; concurrent requests for the same URL share one download.
 */
public final class PreviewCache {
    private static final Logger log = LoggerFactory.getLogger(PreviewCache.class);
    public static final long DEFAULT_MAX_BYTES = 2L * 1024 * 1024 * 1024;
    /** Refuse to decode images above this many pixels: a small file can expand to gigabytes. */
    static final long MAX_PIXELS = 100_000_000L;

    public static final int MAX_THUMBNAIL_SIDE = 4096;

    public record Stats(long hits, long fetches, long thumbnailsMade, long evictions, long bytes, int files) {}

    private final Path dir;
    private final Path originals;
    private final Path thumbs;
    private final long maxBytes;
    private final MediaStores stores;
    private final UrlGuard guard;
    private final HttpClient http;
    /** File name (relative to dir) → size, in access order. Guarded by itself. */
    private final LinkedHashMap<String, Long> lru = new LinkedHashMap<>(256, 0.75f, true);

    private long totalBytes;
    private final Map<String, CompletableFuture<Path>> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong fetches = new AtomicLong();
    private final AtomicLong made = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();

    public PreviewCache(Path dir, long maxBytes, MediaStores stores, UrlGuard guard) {
        this.dir = dir.toAbsolutePath().normalize();
        this.originals = this.dir.resolve("o");
        this.thumbs = this.dir.resolve("t");
        this.maxBytes = maxBytes;
        this.stores = stores;
        this.guard = guard;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                // A redirect could point at an internal address the guard never saw.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        try {
            Files.createDirectories(originals);
            Files.createDirectories(thumbs);
            loadIndex();
        } catch (IOException e) {
            throw new StudioException(
                    "The preview cache directory " + this.dir + " can't be used (" + e.getMessage()
                            + "). Make it writable or set CINBOARD_HOME to a writable place.",
                    e);
        }
    }

    /** A local file with the media's bytes: the local store's own file, or a cached copy of remote media. */
    public Path original(String url) {
        if (stores.owns(url) && stores.storeFor(url) instanceof LocalMediaStore local) {
            return local.path(url);
        }
        String name = "o/" + Sha256.hexOf(url) + ".bin";
        return cached(name, target -> fetch(url, target));
    }

    /**
     * A PNG no larger than maxWidth × maxHeight with the image's aspect ratio (never enlarged). Works for
     * images (PNG, JPEG, BMP, GIF); video frames need a decoder from media.ffmpeg and are not handled here.
     */
    public Path thumbnail(String url, int maxWidth, int maxHeight) {
        if (maxWidth < 1 || maxHeight < 1 || maxWidth > MAX_THUMBNAIL_SIDE || maxHeight > MAX_THUMBNAIL_SIDE) {
            throw new IllegalArgumentException(
                    "Thumbnail size must be 1.." + MAX_THUMBNAIL_SIDE + ": " + maxWidth + "x" + maxHeight);
        }
        String name = "t/" + Sha256.hexOf(url) + "-" + maxWidth + "x" + maxHeight + ".png";
        if (stores.owns(url) && stores.storeFor(url) instanceof LocalMediaStore local) {
            // A thumbnail stored at render time already has the size asked for: read it where it is.
            Path source = local.path(url);
            if (fits(source, maxWidth, maxHeight)) {
                return source;
            }
        }
        return cached(name, target -> {
            Path source = original(url);
            BufferedImage image;
            try {
                image = decode(source, url);
            } catch (NoSuchFileException e) {
                // Evicted between fetch and read by a concurrent fill: fetch again once.
                image = decode(original(url), url);
            }
            BufferedImage scaled = scale(image, maxWidth, maxHeight);
            try (OutputStream out = Files.newOutputStream(target)) {
                ImageIO.write(scaled, "png", out);
            }
            made.incrementAndGet();
        });
    }

    public Stats stats() {
        synchronized (lru) {
            return new Stats(hits.get(), fetches.get(), made.get(), evictions.get(), totalBytes, lru.size());
        }
    }

    public long maxBytes() {
        return maxBytes;
    }

    // --- the LRU ---

    private interface Filler {
        void fill(Path target) throws IOException;
    }

    private Path cached(String name, Filler filler) {
        Path path = dir.resolve(name);
        synchronized (lru) {
            if (lru.get(name) != null && Files.exists(path)) {
                hits.incrementAndGet();
                touch(path);
                return path;
            }
        }
        CompletableFuture<Path> mine = new CompletableFuture<>();
        CompletableFuture<Path> running = inFlight.putIfAbsent(name, mine);
        if (running != null) {
            return running.join();
        }
        try {
            Path tmp = Files.createTempFile(dir, "fill-", ".part");
            try {
                filler.fill(tmp);
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            add(name, Files.size(path));
            mine.complete(path);
            return path;
        } catch (IOException e) {
            UncheckedIOException u = new UncheckedIOException("Could not prepare a preview in " + dir, e);
            mine.completeExceptionally(u);
            throw u;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(name, mine);
        }
    }

    private void add(String name, long size) {
        synchronized (lru) {
            Long old = lru.put(name, size);
            totalBytes += size - (old == null ? 0 : old);
            Iterator<Map.Entry<String, Long>> it = lru.entrySet().iterator();
            while (totalBytes > maxBytes && it.hasNext()) {
                Map.Entry<String, Long> eldest = it.next();
                if (eldest.getKey().equals(name)) {
                    continue; // never evict what the caller is about to use
                }
                try {
                    Files.deleteIfExists(dir.resolve(eldest.getKey()));
                } catch (IOException e) {
                    log.debug("Could not evict {}", eldest.getKey(), e);
                }
                totalBytes -= eldest.getValue();
                it.remove();
                evictions.incrementAndGet();
            }
        }
    }

    private void loadIndex() throws IOException {
        record Found(String name, long size, FileTime used) {}
        List<Found> found;
        try (Stream<Path> s = Stream.concat(Files.list(originals), Files.list(thumbs))) {
            found = s.filter(Files::isRegularFile)
                    .map(p -> {
                        try {
                            return new Found(
                                    dir.relativize(p).toString().replace('\\', '/'),
                                    Files.size(p),
                                    Files.getLastModifiedTime(p));
                        } catch (IOException e) {
                            return null;
                        }
                    })
                    .filter(f -> f != null)
                    .sorted(Comparator.comparing(Found::used))
                    .toList();
        }
        try (Stream<Path> leftovers = Files.list(dir)) {
            for (Path p : (Iterable<Path>)
                    leftovers.filter(p -> p.getFileName().toString().endsWith(".part"))::iterator) {
                Files.deleteIfExists(p); // a fill interrupted by a crash
            }
        }
        synchronized (lru) {
            for (Found f : found) {
                lru.put(f.name(), f.size());
                totalBytes += f.size();
            }
        }
        if (!found.isEmpty()) {
            add(found.get(found.size() - 1).name(), found.get(found.size() - 1).size()); // trims if the budget shrank
        }
    }

    private static void touch(Path p) {
        try {
            Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // Only the order after a restart suffers.
        }
    }

    // --- fetching and decoding ---

    private void fetch(String url, Path target) throws IOException {
        fetches.incrementAndGet();
        if (stores.owns(url)) {
            try (InputStream in = stores.open(url)) {
                copyBounded(in, target, url);
            }
            return;
        }
        URI uri = guard.check(url);
        HttpRequest req = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build();
        HttpResponse<InputStream> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while fetching a preview", e);
        }
        try (InputStream in = resp.body()) {
            if (resp.statusCode() != 200) {
                throw new StudioException("Fetching the preview of " + uri.getHost() + " failed with HTTP "
                        + resp.statusCode() + ". The link may have expired; open the project again.");
            }
            copyBounded(in, target, url);
        }
    }

    private void copyBounded(InputStream in, Path target, String url) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw new StudioException("The media at " + url + " is larger than the whole preview cache ("
                            + maxBytes / (1024 * 1024) + " MB). Raise the preview cache size in the settings.");
                }
                out.write(buf, 0, n);
            }
        }
    }

    /** True when the PNG or JPEG file's header says it already fits the box (false if it can't be read). */
    private static boolean fits(Path source, int maxWidth, int maxHeight) {
        String name = source.getFileName().toString();
        if (!name.endsWith(".png") && !name.endsWith(".jpg")) {
            return false;
        }
        try (ImageInputStream iis = ImageIO.createImageInputStream(source.toFile())) {
            Iterator<ImageReader> readers =
                    iis == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                return false;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                return reader.getWidth(0) <= maxWidth && reader.getHeight(0) <= maxHeight;
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            return false;
        }
    }

    private static BufferedImage decode(Path source, String url) throws IOException {
        if (!Files.exists(source)) {
            throw new NoSuchFileException(source.toString());
        }
        // From the File, not a stream: closing this stream then closes the file as well.
        try (ImageInputStream iis = ImageIO.createImageInputStream(source.toFile())) {
            Iterator<ImageReader> readers =
                    iis == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new StudioException("No thumbnail for " + url + ": it is not an image this studio can read "
                        + "(PNG, JPEG, GIF or BMP).");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new StudioException("No thumbnail for " + url + ": the image is " + reader.getWidth(0)
                            + "x" + reader.getHeight(0) + " pixels, more than the " + MAX_PIXELS / 1_000_000
                            + " million this studio decodes.");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        }
    }

    /** Fits the image in the box, keeping its aspect ratio; halves repeatedly first so big reductions stay smooth. */
    static BufferedImage scale(BufferedImage src, int maxWidth, int maxHeight) {
        double f = Math.min(1.0, Math.min((double) maxWidth / src.getWidth(), (double) maxHeight / src.getHeight()));
        int w = Math.max(1, (int) Math.round(src.getWidth() * f));
        int h = Math.max(1, (int) Math.round(src.getHeight() * f));
        BufferedImage current = src;
        int cw = src.getWidth();
        int ch = src.getHeight();
        do {
            cw = Math.max(w, cw / 2);
            ch = Math.max(h, ch / 2);
            BufferedImage next = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = next.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(current, 0, 0, cw, ch, null);
            } finally {
                g.dispose();
            }
            current = next;
        } while (cw != w || ch != h);
        return current;
    }
}
