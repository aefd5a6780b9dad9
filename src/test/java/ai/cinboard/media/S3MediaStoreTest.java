package ai.cinboard.media;

import static org.junit.jupiter.api.Assertions.*;

import ai.cinboard.domain.StudioException;
import ai.cinboard.testing.S3Fixture;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

class S3MediaStoreTest {
    private static S3Fixture fixture;
    private static S3Client raw;

    @TempDir
    Path spool;

    @BeforeAll
    static void start() throws Exception {
        fixture = new S3Fixture();
        raw = fixture.rawClient();
    }

    @AfterAll
    static void stop() throws Exception {
        raw.close();
        fixture.close();
    }

    private S3MediaStore store() {
        return new S3MediaStore(
                fixture.settings(), S3MediaStore.DEFAULT_PART_SIZE, S3MediaStore.DEFAULT_PART_SIZE, spool);
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private int pendingUploads() {
        return raw.listMultipartUploads(b -> b.bucket(S3Fixture.BUCKET))
                .uploads()
                .size();
    }

    @Test
    void twentyMegabytesGoUpInPartsAndComeBackIntact() throws Exception {
        byte[] data = randomBytes(20 * 1024 * 1024 + 123, 1);
        try (S3MediaStore store = store()) {
            int[] parts = {0};
            store.afterPart = n -> parts[0] = n;
            StoredMedia m = store.put(new ByteArrayInputStream(data), "video/mp4", "mp4");
            assertEquals(3, parts[0], "20 MB in 8 MB parts");
            assertEquals(sha256(data), m.sha256());
            assertEquals(data.length, m.size());
            assertEquals(
                    "s3://cinboard-media/studio/sha256/" + m.sha256().substring(0, 2) + "/" + m.sha256() + ".mp4",
                    m.url());
            assertTrue(m.url().length() <= MediaStore.MAX_URL_LENGTH);
            assertTrue(store.owns(m.url()));
            assertTrue(store.exists(m.url()));
            assertEquals(data.length, store.size(m.url()));
            try (InputStream in = store.open(m.url())) {
                assertArrayEquals(data, in.readAllBytes());
            }
            var head =
                    raw.headObject(b -> b.bucket(S3Fixture.BUCKET).key(m.url().substring(20)));
            assertEquals("video/mp4", head.contentType());
            assertEquals(m.sha256(), head.metadata().get("sha256"));
            assertEquals(0, pendingUploads());
            try (var files = Files.list(spool)) {
                assertEquals(0, files.count(), "spool files are removed");
            }

            // Idempotent: the same bytes again are found, not uploaded again.
            parts[0] = 0;
            StoredMedia again = store.put(new ByteArrayInputStream(data), "video/mp4", ".MP4");
            assertEquals(m, again);
            assertEquals(0, parts[0]);

            store.delete(m.url());
            assertFalse(store.exists(m.url()));
        }
    }

    @Test
    void smallFilesGoUpInOnePieceFromAFile(@TempDir Path dir) throws Exception {
        byte[] data = randomBytes(300_000, 2);
        Path f = dir.resolve("panel.png");
        Files.write(f, data);
        try (S3MediaStore store = store()) {
            StoredMedia m = store.putFile(f, "image/png");
            assertTrue(m.url().endsWith(".png"));
            try (InputStream in = store.open(m.url())) {
                assertArrayEquals(data, in.readAllBytes());
            }
        }
    }

    @Test
    void aFailureHalfWayAbortsTheMultipartUpload() throws Exception {
        byte[] data = randomBytes(18 * 1024 * 1024, 3);
        try (S3MediaStore store = store()) {
            int[] pendingAtFailure = {-1};
            store.afterPart = n -> {
                if (n == 1) {
                    // Proves the listing sees a live upload, so the zero below means "aborted".
                    pendingAtFailure[0] = pendingUploads();
                    throw new IllegalStateException("network died after part 1");
                }
            };
            assertThrows(
                    IllegalStateException.class, () -> store.put(new ByteArrayInputStream(data), "video/mp4", "mp4"));
            assertEquals(1, pendingAtFailure[0]);
            assertEquals(0, pendingUploads(), "the started upload was aborted");
            String key = store.keyFor(sha256(data), "mp4");
            assertFalse(store.exists("s3://" + S3Fixture.BUCKET + "/" + key));

            // A source that fails part-way never starts an upload at all, and leaves no spool file.
            store.afterPart = n -> {};
            InputStream failing = new FilterInputStream(new ByteArrayInputStream(data)) {
                long seen;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (seen > 10 * 1024 * 1024) {
                        throw new IOException("camera unplugged");
                    }
                    int n = super.read(b, off, len);
                    seen += Math.max(n, 0);
                    return n;
                }
            };
            assertThrows(UncheckedIOException.class, () -> store.put(failing, "video/mp4", "mp4"));
            assertEquals(0, pendingUploads());
            try (var files = Files.list(spool)) {
                assertEquals(0, files.count());
            }
            // And a retry after the failure succeeds.
            StoredMedia m = store.put(new ByteArrayInputStream(data), "video/mp4", "mp4");
            assertEquals(data.length, store.size(m.url()));
        }
    }

    @Test
    void uploadsLeftByACrashAreAbortedAtStart() throws Exception {
        try (S3MediaStore store = store()) {
            String key = store.keyFor("cd" + "0".repeat(62), "mp4");
            raw.createMultipartUpload(b -> b.bucket(S3Fixture.BUCKET).key(key));
            raw.createMultipartUpload(b -> b.bucket(S3Fixture.BUCKET).key("not-ours/x.bin"));
            assertEquals(2, pendingUploads());
            assertEquals(0, store.abortStaleUploads(java.time.Duration.ofHours(1)), "recent uploads may be live");
            assertEquals(1, store.abortStaleUploads(java.time.Duration.ZERO));
            assertEquals(1, pendingUploads(), "uploads outside the prefix are left alone");
            raw.listMultipartUploads(b -> b.bucket(S3Fixture.BUCKET))
                    .uploads()
                    .forEach(u -> raw.abortMultipartUpload(
                            b -> b.bucket(S3Fixture.BUCKET).key(u.key()).uploadId(u.uploadId())));
        }
    }

    @Test
    void presignedGetWorksAndATamperedOneIsRefused() throws Exception {
        byte[] data = randomBytes(50_000, 4);
        try (S3MediaStore store = store()) {
            StoredMedia m = store.put(new ByteArrayInputStream(data), "image/png", "png");
            URI uri = store.previewUri(m.url());
            assertTrue(uri.getQuery().contains("X-Amz-Signature="), uri.toString());
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<byte[]> ok =
                    http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, ok.statusCode());
            assertArrayEquals(data, ok.body());

            // Same signature, another object: the signature no longer matches.
            String other = uri.toString()
                    .replace(
                            m.sha256(),
                            m.sha256().replace(m.sha256().charAt(5), m.sha256().charAt(5) == 'a' ? 'b' : 'a'));
            HttpResponse<String> bad =
                    http.send(HttpRequest.newBuilder(URI.create(other)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, bad.statusCode(), bad.body());
            String forged = uri.toString().replaceAll("X-Amz-Signature=[0-9a-f]{4}", "X-Amz-Signature=0000");
            assertEquals(
                    403,
                    http.send(
                                    HttpRequest.newBuilder(URI.create(forged)).build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode());
        }
    }

    @Test
    void aDamagedObjectIsDetectedWhenRead() throws Exception {
        byte[] data = randomBytes(10_000, 5);
        try (S3MediaStore store = store()) {
            StoredMedia m = store.put(new ByteArrayInputStream(data), "image/png", "png");
            String key = m.url().substring(("s3://" + S3Fixture.BUCKET + "/").length());
            byte[] damaged = data.clone();
            damaged[100] ^= 1;
            // Overwrite behind the store's back, keeping the recorded SHA-256.
            raw.putObject(
                    b -> b.bucket(S3Fixture.BUCKET).key(key).metadata(java.util.Map.of("sha256", m.sha256())),
                    software.amazon.awssdk.core.sync.RequestBody.fromBytes(damaged));
            try (InputStream in = store.open(m.url())) {
                IOException e = assertThrows(IOException.class, in::readAllBytes);
                assertTrue(e.getMessage().contains("damaged"), e.getMessage());
            }
        }
    }

    @Test
    void aMissingBucketNamesTheSetting() {
        S3Settings s = new S3Settings(
                "no-such-bucket", "", "us-east-1", fixture.endpoint, true, S3Fixture.ACCESS, S3Fixture.SECRET);
        try (S3MediaStore store =
                new S3MediaStore(s, S3MediaStore.DEFAULT_PART_SIZE, S3MediaStore.DEFAULT_PART_SIZE, spool)) {
            StudioException e = assertThrows(
                    StudioException.class, () -> store.put(new ByteArrayInputStream(new byte[10]), "image/png", "png"));
            assertTrue(
                    e.getMessage().contains("does not exist") && e.getMessage().contains("CINBOARD_S3_BUCKET"),
                    e.getMessage());
            e = assertThrows(StudioException.class, store::checkBucket);
            assertTrue(e.getMessage().contains("CINBOARD_S3_BUCKET"), e.getMessage());
            assertFalse(store.health().reachable());
        }
    }

    @Test
    void wrongCredentialsAreNamed() {
        S3Settings s = new S3Settings(
                S3Fixture.BUCKET, "", "us-east-1", fixture.endpoint, true, S3Fixture.ACCESS, "not-the-secret");
        try (S3MediaStore store =
                new S3MediaStore(s, S3MediaStore.DEFAULT_PART_SIZE, S3MediaStore.DEFAULT_PART_SIZE, spool)) {
            StudioException e = assertThrows(
                    StudioException.class, () -> store.put(new ByteArrayInputStream(new byte[10]), "image/png", "png"));
            assertTrue(
                    e.getMessage().contains("refused the credentials")
                            && e.getMessage().contains("AWS_ACCESS_KEY_ID"),
                    e.getMessage());
            assertFalse(store.health().reachable());
        }
    }

    @Test
    void aRefusedEndpointIsNamed() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        S3Settings s = new S3Settings(
                S3Fixture.BUCKET,
                "",
                "us-east-1",
                URI.create("http://127.0.0.1:" + dead),
                true,
                S3Fixture.ACCESS,
                S3Fixture.SECRET);
        try (S3MediaStore store =
                new S3MediaStore(s, S3MediaStore.DEFAULT_PART_SIZE, S3MediaStore.DEFAULT_PART_SIZE, spool)) {
            StudioException e = assertThrows(
                    StudioException.class, () -> store.put(new ByteArrayInputStream(new byte[10]), "image/png", "png"));
            assertTrue(
                    e.getMessage().contains("connection refused")
                            && e.getMessage().contains("CINBOARD_S3_ENDPOINT"),
                    e.getMessage());
        }
    }

    @Test
    void aSilentEndpointFailsTheBucketCheckInSecondsWithTheUsualLine() throws Exception {
        // accepts every connection and never answers: what a hung proxy or a stopped-but-listening store looks like
        try (ServerSocket silent = new ServerSocket(0)) {
            java.util.List<java.net.Socket> held = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            S3Settings s = new S3Settings(
                    S3Fixture.BUCKET,
                    "",
                    "us-east-1",
                    URI.create("http://127.0.0.1:" + silent.getLocalPort()),
                    true,
                    S3Fixture.ACCESS,
                    S3Fixture.SECRET);
            long start = System.nanoTime();
            try (S3MediaStore store =
                    new S3MediaStore(s, S3MediaStore.DEFAULT_PART_SIZE, S3MediaStore.DEFAULT_PART_SIZE, spool)) {
                StudioException e = assertThrows(StudioException.class, store::checkBucket);
                long seconds = (System.nanoTime() - start) / 1_000_000_000L;
                assertTrue(seconds < 20, "took " + seconds + " s");
                assertTrue(
                        e.getMessage().contains("timed out") && e.getMessage().contains("CINBOARD_S3_ENDPOINT"),
                        e.getMessage());
            } finally {
                for (java.net.Socket socket : held) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void refusesUrlsOfOtherBucketsAndUnsafeExtensions() throws Exception {
        try (S3MediaStore store = store()) {
            String h = "ab" + "0".repeat(62);
            assertTrue(store.owns("s3://cinboard-media/studio/sha256/ab/" + h + ".png"));
            assertFalse(store.owns("s3://other/studio/sha256/ab/" + h + ".png"));
            assertFalse(store.owns("s3://cinboard-media/studio/sha256/cd/" + h + ".png"), "shard must match hash");
            assertFalse(store.owns("s3://cinboard-media/studio/../secret"));
            assertThrows(IllegalArgumentException.class, () -> store.open("s3://cinboard-media/secret.txt"));
            StoredMedia m = store.put(new ByteArrayInputStream(new byte[] {1, 2}), null, "../../x?y");
            assertTrue(m.url().endsWith(".bin"), m.url());
            assertEquals("application/octet-stream", m.contentType());
        }
    }
}
