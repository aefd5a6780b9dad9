package ai.cinboard.service.archive;

import ai.cinboard.domain.Sha256;
import ai.cinboard.domain.StudioException;
import ai.cinboard.media.MediaStore;
import ai.cinboard.media.StoredMedia;
import ai.cinboard.service.ProjectArchiveService.Progress;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Media files inside a zip (project archives and {@code backup --with-media}): entries {@code media/<sha256>},
 * listed in the manifest with their original URL, SHA-256, size and extension.
 *
 * <p>Reading never trusts the zip: an entry is only ever looked up by the hash the manifest names (no path is
 * made from an entry name), every entry is read through a limit (its declared size, at most
 * {@link #MAX_MEDIA_BYTES}, and at most {@link #MAX_INFLATION} times its compressed size), and {@link #verify}
 * hashes everything before {@link #store} stores anything.
 */
public final class MediaBundle {
    static final String MEDIA_DIR = "media/";
    /** Largest single media file accepted. */
    static final long MAX_MEDIA_BYTES = 16L * 1024 * 1024 * 1024;
    /** Largest total of media accepted. */
    static final long MAX_TOTAL_BYTES = 256L * 1024 * 1024 * 1024;

    static final int MAX_MEDIA_FILES = 200_000;
    /** Media is already compressed (PNG, H.264, AAC); speech WAV deflates about 3:1. A zip bomb does 1000:1. */
    static final long MAX_INFLATION = 100;

    /** A URL one of the studio's stores could have written (what the retention sweep counts as a reference). */
    public static final Pattern MEDIA_URL = Pattern.compile("(?:media://local/|s3://)\\S+");

    private static final Pattern HASHED_NAME =
            Pattern.compile("sha256/([0-9a-f]{2})/(\\1[0-9a-f]{62})\\.([a-z0-9]{1,10})$");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,10}");

    /** One media file as a manifest lists it. */
    public record Entry(String url, String sha256, long size, String extension) {
        String entryName() {
            return MEDIA_DIR + sha256;
        }

        Map<String, Object> toMap() {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("url", url);
            o.put("sha256", sha256);
            o.put("size", size);
            o.put("extension", extension);
            return o;
        }
    }

    private final MediaStore media;
    /** Makes the one-line refusal of a damaged or foreign file from the reason. */
    private final Function<String, StudioException> refuse;

    /** @param refuse turns a reason ("the media … is missing") into the caller's one-line refusal */
    public MediaBundle(MediaStore media, Function<String, StudioException> refuse) {
        this.media = media;
        this.refuse = refuse;
    }

    // ---------------------------------------------------------------- writing

    /** The entries for {@code urls}: their hash and extension from the content-addressed name, size from the store. */
    public List<Entry> describe(Set<String> urls) {
        List<Entry> entries = new ArrayList<>();
        for (String url : urls) {
            Matcher m = HASHED_NAME.matcher(url);
            if (!m.find()) {
                throw new StudioException(
                        "The media URL " + url + " names no SHA-256, so it can't be carried in an archive.");
            }
            entries.add(new Entry(url, m.group(2), media.size(url), m.group(3)));
        }
        return entries;
    }

    /**
     * Writes each distinct file once, read back from the store and checked against its name on the way, so a damaged
     * stored file fails the export instead of travelling. Returns the manifest's list.
     */
    public List<Map<String, Object>> write(ZipOutputStream zip, List<Entry> entries, Progress progress)
            throws IOException {
        long total = entries.stream().mapToLong(Entry::size).sum();
        long done = 0;
        Set<String> written = new LinkedHashSet<>();
        // Media is compressed already; deflating it again costs time and gains nothing.
        zip.setLevel(Deflater.NO_COMPRESSION);
        for (Entry e : entries) {
            if (!written.add(e.sha256())) {
                continue;
            }
            progress.update(
                    total == 0 ? 0 : (double) done / total, "Media " + written.size() + " of " + entries.size());
            zip.putNextEntry(new ZipEntry(e.entryName()));
            MessageDigest sha = Sha256.newDigest();
            long n;
            try (InputStream in = media.open(e.url())) {
                n = copy(in, unclosable(zip), sha);
            }
            zip.closeEntry();
            if (n != e.size() || !Sha256.toHex(sha.digest()).equals(e.sha256())) {
                throw new StudioException("The stored media " + e.url() + " is damaged (its bytes no longer match"
                        + " its name). Run \"cinboard media verify\", then render the project again to remake it.");
            }
            done += n;
        }
        zip.setLevel(Deflater.DEFAULT_COMPRESSION);
        return entries.stream().map(Entry::toMap).toList();
    }

    /** Every string in {@code node} (rows as JSON) that is a media URL, in order of first appearance. */
    public static void collectUrls(JsonNode node, Set<String> urls) {
        if (node.isTextual()) {
            if (MEDIA_URL.matcher(node.asText()).matches()) {
                urls.add(node.asText());
            }
        } else if (node.isContainerNode()) {
            node.forEach(child -> collectUrls(child, urls));
        }
    }

    // ---------------------------------------------------------------- reading

    /** The manifest's media list, checked for shape and limits. */
    public List<Entry> parse(JsonNode list) {
        if (list == null || !list.isArray()) {
            throw refuse.apply("its manifest has no media list");
        }
        List<Entry> entries = new ArrayList<>();
        long total = 0;
        for (JsonNode m : list) {
            String url = m.path("url").asText("");
            String sha = m.path("sha256").asText("");
            String ext = m.path("extension").asText("");
            long size = m.path("size").canConvertToLong() ? m.path("size").asLong() : -1;
            if (!MEDIA_URL.matcher(url).matches()
                    || !SHA256.matcher(sha).matches()
                    || !EXTENSION.matcher(ext).matches()
                    || size < 0) {
                throw refuse.apply("its manifest lists a media file it can't describe (" + abbreviate(url) + ")");
            }
            if (size > MAX_MEDIA_BYTES) {
                throw refuse.apply("it holds a media file of " + size / (1024 * 1024) + " MB, larger than the "
                        + MAX_MEDIA_BYTES / (1024 * 1024 * 1024) + " GB a studio accepts");
            }
            total += size;
            entries.add(new Entry(url, sha, size, ext));
        }
        if (entries.size() > MAX_MEDIA_FILES || total > MAX_TOTAL_BYTES) {
            throw refuse.apply("it holds more media (" + entries.size() + " files, " + total / (1024 * 1024)
                    + " MB) than a studio accepts");
        }
        return List.copyOf(entries);
    }

    /** Reads every file completely and checks its size and SHA-256; nothing is stored. */
    public void verify(ZipFile zip, List<Entry> entries, Progress progress) throws IOException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (Entry e : entries) {
            Long other = sizes.putIfAbsent(e.sha256(), e.size());
            if (other != null && other != e.size()) {
                throw refuse.apply("its manifest gives two sizes for the media " + e.sha256());
            }
        }
        long total = sizes.values().stream().mapToLong(Long::longValue).sum();
        long done = 0;
        for (Map.Entry<String, Long> m : sizes.entrySet()) {
            progress.update(total == 0 ? 1 : (double) done / total, "Checking media");
            try (InputStream in = open(zip, m.getKey(), m.getValue())) {
                MessageDigest sha = Sha256.newDigest();
                long n = copy(in, OutputStream.nullOutputStream(), sha);
                if (n != m.getValue()) {
                    throw refuse.apply("the media " + m.getKey() + " is " + n + " bytes instead of " + m.getValue()
                            + " (truncated or damaged)");
                }
                if (!Sha256.toHex(sha.digest()).equals(m.getKey())) {
                    throw refuse.apply(
                            "the media " + m.getKey() + " does not match its checksum (tampered or damaged)");
                }
                done += n;
            }
        }
    }

    /**
     * Stores every file (after {@link #verify}); returns each original URL's URL in this studio's store. Storing bytes
     * the store already holds changes nothing.
     */
    public Map<String, String> store(ZipFile zip, List<Entry> entries, Progress progress) throws IOException {
        Map<String, String> urls = new HashMap<>();
        Map<String, StoredMedia> stored = new HashMap<>();
        long total = entries.stream().mapToLong(Entry::size).sum();
        long done = 0;
        for (Entry e : entries) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("Cancelled");
            }
            progress.update(
                    total == 0 ? 1 : (double) done / total,
                    "Storing media " + (urls.size() + 1) + " of " + entries.size());
            String key = e.sha256() + "." + e.extension();
            StoredMedia s = stored.get(key);
            if (s == null) {
                try (InputStream in = open(zip, e.sha256(), e.size())) {
                    s = media.put(in, contentType(e.extension()), e.extension());
                }
                if (!s.sha256().equals(e.sha256())) {
                    throw refuse.apply("the media " + e.sha256() + " changed while it was being stored");
                }
                stored.put(key, s);
            }
            urls.put(e.url(), s.url());
            done += e.size();
        }
        return urls;
    }

    /** An entry, read through its limits: its declared size and the inflation limit. */
    private InputStream open(ZipFile zip, String sha, long size) throws IOException {
        ZipEntry entry = zip.getEntry(MEDIA_DIR + sha);
        if (entry == null) {
            throw refuse.apply("the media " + sha + " is missing (truncated or incomplete)");
        }
        long compressed = Math.max(entry.getCompressedSize(), 1);
        if (size > compressed * MAX_INFLATION + 1024 * 1024) {
            throw refuse.apply("the media " + sha + " would inflate " + size / compressed + " times (a zip bomb?)");
        }
        return new LimitedInputStream(
                zip.getInputStream(entry),
                size,
                () -> refuse.apply("the media " + sha + " is larger than its manifest says"));
    }

    // ---------------------------------------------------------------- helpers

    static String contentType(String extension) {
        return switch (extension.toLowerCase(Locale.ROOT)) {
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "webp" -> "image/webp";
            case "gif" -> "image/gif";
            case "mp4" -> "video/mp4";
            case "webm" -> "video/webm";
            case "wav" -> "audio/wav";
            case "mp3" -> "audio/mpeg";
            case "srt" -> "application/x-subrip";
            default -> "application/octet-stream";
        };
    }

    static String abbreviate(String s) {
        return s.length() > 100 ? s.substring(0, 97) + "..." : s;
    }

    private static long copy(InputStream in, OutputStream out, MessageDigest sha) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("Cancelled");
            }
            sha.update(buf, 0, n);
            out.write(buf, 0, n);
            total += n;
        }
        return total;
    }

    /** The zip must stay open for the next entry when a copy closes what it wrote to. */
    static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /** Reads at most {@code limit} bytes; one more throws the refusal, never silently cuts off. */
    static final class LimitedInputStream extends FilterInputStream {
        private final java.util.function.Supplier<StudioException> exceeded;
        private long remaining;

        LimitedInputStream(InputStream in, long limit, java.util.function.Supplier<StudioException> exceeded) {
            super(in);
            this.remaining = limit;
            this.exceeded = exceeded;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (remaining <= 0) {
                // At the limit: the entry must end here.
                if (in.read() >= 0) {
                    throw exceeded.get();
                }
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
