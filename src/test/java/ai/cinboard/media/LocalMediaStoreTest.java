package ai.cinboard.media;

import static org.junit.jupiter.api.Assertions.*;

import ai.cinboard.domain.StudioException;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMediaStoreTest {
    @TempDir
    Path home;

    private LocalMediaStore store() {
        return new LocalMediaStore(home.resolve("media"));
    }

    private List<Path> allFiles() throws IOException {
        try (Stream<Path> s = Files.walk(home)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void storesContentAddressedShardedFiles() throws Exception {
        byte[] data = S3MediaStoreTest.randomBytes(200_000, 7);
        LocalMediaStore store = store();
        StoredMedia m = store.put(new ByteArrayInputStream(data), "image/png", "PNG");
        String sha = S3MediaStoreTest.sha256(data);
        assertEquals(
                new StoredMedia(
                        "media://local/sha256/" + sha.substring(0, 2) + "/" + sha + ".png",
                        sha,
                        data.length,
                        "image/png"),
                m);
        Path file = home.resolve("media/sha256/" + sha.substring(0, 2) + "/" + sha + ".png");
        assertEquals(file, store.path(m.url()));
        assertArrayEquals(data, Files.readAllBytes(file));
        try (InputStream in = store.open(m.url())) {
            assertArrayEquals(data, in.readAllBytes());
        }
        assertTrue(store.exists(m.url()));
        assertEquals(data.length, store.size(m.url()));
        assertEquals(file.toUri(), store.previewUri(m.url()));
        assertTrue(store.verify(m.url()));
        assertEquals(List.of(file), allFiles(), "no temporary files left");
        store.delete(m.url());
        assertFalse(store.exists(m.url()));
        StudioException e = assertThrows(StudioException.class, () -> store.open(m.url()));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    /** The file's identity (device and inode): the same until another file is moved into its place. */
    private static Object fileKey(Path p) throws java.io.IOException {
        return Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class)
                .fileKey();
    }

    @Test
    void theSameBytesTwiceAreOneFile() throws Exception {
        LocalMediaStore store = store();
        byte[] data = "INT. KITCHEN - NIGHT".getBytes();
        StoredMedia a = store.put(new ByteArrayInputStream(data), "text/plain", "txt");
        Object file = fileKey(store.path(a.url()));
        StoredMedia b = store.put(new ByteArrayInputStream(data), "text/plain", "txt");
        assertEquals(a, b);
        assertEquals(file, fileKey(store.path(a.url())), "not rewritten (a rewrite moves a new file into place)");
        assertEquals(1, allFiles().size());
    }

    @Test
    void putFileOfStoredBytesDoesNotRewrite() throws Exception {
        LocalMediaStore store = store();
        Path f = Files.write(home.resolve("clip.mp4"), S3MediaStoreTest.randomBytes(100_000, 11));
        StoredMedia a = store.putFile(f, "video/mp4");
        assertTrue(a.url().endsWith(".mp4"));
        Path stored = store.path(a.url());
        Object file = fileKey(stored);
        assertEquals(a, store.putFile(f, "video/mp4"));
        assertEquals(file, fileKey(stored), "not rewritten");
        Files.write(stored, new byte[100_000]); // damaged copy: putFile must not trust it
        assertEquals(a, store.putFile(f, "video/mp4"));
        assertTrue(store.verify(a.url()));
    }

    @Test
    void concurrentPutsOfTheSameBytesAllSucceed() throws Exception {
        LocalMediaStore store = store();
        byte[] data = S3MediaStoreTest.randomBytes(1_000_000, 8);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<StoredMedia>> fs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                fs.add(pool.submit(() -> store.put(new ByteArrayInputStream(data), "video/mp4", "mp4")));
            }
            for (Future<StoredMedia> f : fs) {
                assertEquals(data.length, f.get().size());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, allFiles().size());
        assertTrue(store.verify(fs0(store, data)));
    }

    private static String fs0(LocalMediaStore store, byte[] data) throws Exception {
        String sha = S3MediaStoreTest.sha256(data);
        return "media://local/sha256/" + sha.substring(0, 2) + "/" + sha + ".mp4";
    }

    @Test
    void aFailingSourceLeavesNothingBehind() throws Exception {
        LocalMediaStore store = store();
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(new byte[1_000_000])) {
            int seen;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (seen > 300_000) {
                    throw new IOException("encoder crashed");
                }
                int n = super.read(b, off, len);
                seen += Math.max(n, 0);
                return n;
            }
        };
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> store.put(failing, "video/mp4", "mp4"));
        assertTrue(e.getMessage().contains("nothing was stored"));
        assertEquals(List.of(), allFiles(), "no partial file, no temporary file");
    }

    @Test
    void aDamagedFileIsDetectedAndRepairedByTheNextPut() throws Exception {
        LocalMediaStore store = store();
        byte[] data = S3MediaStoreTest.randomBytes(5000, 9);
        StoredMedia m = store.put(new ByteArrayInputStream(data), "image/png", "png");
        Path file = store.path(m.url());
        byte[] damaged = data.clone();
        damaged[10] ^= 0x40;
        Files.write(file, damaged); // same size, different bytes: a size check alone would miss it
        assertFalse(store.verify(m.url()));
        store.put(new ByteArrayInputStream(data), "image/png", "png");
        assertTrue(store.verify(m.url()));
        assertArrayEquals(data, Files.readAllBytes(file));
    }

    @Test
    void refusesForeignAndForgedUrls() {
        LocalMediaStore store = store();
        String h = "ab" + "1".repeat(62);
        assertTrue(store.owns("media://local/sha256/ab/" + h + ".png"));
        assertFalse(store.owns("media://local/sha256/cd/" + h + ".png"));
        assertFalse(store.owns("media://local/sha256/ab/../../etc/passwd"));
        assertFalse(store.owns("file:///etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> store.open("media://local/sha256/cd/" + h + ".png"));
    }

    @Test
    void anUnwritableDirectoryIsNamedWithTheFix() throws Exception {
        // Tests run as root here, so chmod can't make a directory unwritable. Two real cases instead:
        // a "directory" that is a regular file, and a place even root can't create files (sysfs).
        Path file = Files.writeString(home.resolve("not-a-dir"), "x");
        LocalMediaStore blocked = new LocalMediaStore(file.resolve("media"));
        StudioException e = assertThrows(
                StudioException.class, () -> blocked.put(new ByteArrayInputStream(new byte[] {1}), "image/png", "png"));
        assertTrue(e.getMessage().contains(file.resolve("media").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("CINBOARD_HOME"), e.getMessage());
        assertFalse(blocked.health().reachable());

        Path sys = Path.of("/sys/cinboard-media-test");
        if (Files.isDirectory(Path.of("/sys/kernel"))
                && "sysfs".equals(Files.getFileStore(Path.of("/sys")).type())) {
            LocalMediaStore readOnly = new LocalMediaStore(sys);
            StudioException e2 = assertThrows(
                    StudioException.class,
                    () -> readOnly.put(new ByteArrayInputStream(new byte[] {1}), "image/png", "png"));
            assertTrue(
                    e2.getMessage().contains(sys.toString()) && e2.getMessage().contains("writable"), e2.getMessage());
        }
    }
}
