package ai.cinboard.media;

import ai.cinboard.testing.S3Fixture;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Put and get throughput of a 50 MB clip on the local store and on S3 (S3Proxy in this JVM, over loopback
 * HTTP, multipart with 8 MB parts). Not a test; run:
 * mvn -q -o test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=ai.cinboard.media.MediaStoreBenchmark
 */
public final class MediaStoreBenchmark {
    private MediaStoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        int mb = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path work = Files.createTempDirectory("cinboard-bench");
        byte[] data = new byte[mb * 1024 * 1024];
        new Random(42).nextBytes(data);
        Path clip = work.resolve("clip.mp4");
        Files.write(clip, data);

        LocalMediaStore local = new LocalMediaStore(work.resolve("media"));
        run("local", local, clip, mb);
        try (S3Fixture fixture = new S3Fixture();
                S3MediaStore s3 = new S3MediaStore(
                        fixture.settings(),
                        S3MediaStore.DEFAULT_PART_SIZE,
                        S3MediaStore.DEFAULT_PART_SIZE,
                        work.resolve("spool"))) {
            run("s3proxy", s3, clip, mb);
        }
        System.exit(0);
    }

    private static void run(String name, MediaStore store, Path clip, int mb) throws Exception {
        for (int round = 1; round <= 3; round++) {
            long t0 = System.nanoTime();
            StoredMedia m = store.putFile(clip, "video/mp4");
            long t1 = System.nanoTime();
            long read = 0;
            byte[] buf = new byte[256 * 1024];
            try (InputStream in = store.open(m.url())) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    read += n;
                }
            }
            long t2 = System.nanoTime();
            long t3 = System.nanoTime();
            store.putFile(clip, "video/mp4"); // already there: hash + existence check only
            long t4 = System.nanoTime();
            if (read != (long) mb * 1024 * 1024) {
                throw new IllegalStateException("read " + read);
            }
            System.out.printf(
                    "%-8s round %d: put %5.0f MB/s (%4d ms) | get %5.0f MB/s (%4d ms) | repeat put %4d ms%n",
                    name,
                    round,
                    mb / sec(t1 - t0),
                    (t1 - t0) / 1_000_000,
                    mb / sec(t2 - t1),
                    (t2 - t1) / 1_000_000,
                    (t4 - t3) / 1_000_000);
            store.delete(m.url());
        }
    }

    private static double sec(long nanos) {
        return nanos / 1e9;
    }
}
