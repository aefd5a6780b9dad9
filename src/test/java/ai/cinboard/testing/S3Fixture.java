package ai.cinboard.testing;

import ai.cinboard.media.S3Settings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server in this JVM: S3Proxy over its in-memory ("transient") blob store, or over a directory
 * ("filesystem", where a test can age an object by its file's modification time), with V2/V4 auth on.
 */
public final class S3Fixture implements AutoCloseable {
    public static final String ACCESS = "studio-access";
    public static final String SECRET = "studio-secret-key";
    public static final String BUCKET = "cinboard-media";

    public final URI endpoint;
    private final S3Proxy proxy;

    public S3Fixture() throws Exception {
        this(BlobStores.create("transient", new Properties()));
    }

    /** Objects are files under {@code dir}/{@link #BUCKET}/{key}. */
    public S3Fixture(java.nio.file.Path dir) throws Exception {
        this(BlobStores.create("filesystem", filesystem(dir)));
    }

    private static Properties filesystem(java.nio.file.Path dir) {
        Properties p = new Properties();
        p.setProperty("jclouds.filesystem.basedir", dir.toString());
        return p;
    }

    private S3Fixture(BlobStore blobs) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        endpoint = URI.create("http://127.0.0.1:" + port);
        blobs.createContainer(BUCKET);
        proxy = S3Proxy.builder()
                .blobStore(blobs)
                .endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
                .build();
        proxy.start();
        long end = System.currentTimeMillis() + 10_000;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.currentTimeMillis() > end) {
                throw new IOException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    /** The settings a studio (or worker) needs for this store, as environment variables. */
    public java.util.Map<String, String> environment() {
        return java.util.Map.of(
                S3Settings.BUCKET_ENV,
                BUCKET,
                S3Settings.ENDPOINT_ENV,
                endpoint.toString(),
                S3Settings.REGION_ENV,
                "us-east-1",
                S3Settings.PATH_STYLE_ENV,
                "true",
                "AWS_ACCESS_KEY_ID",
                ACCESS,
                "AWS_SECRET_ACCESS_KEY",
                SECRET);
    }

    public S3Settings settings() {
        return new S3Settings(BUCKET, "studio", "us-east-1", endpoint, true, ACCESS, SECRET);
    }

    /** A plain client, to look at the bucket behind the store's back. */
    public S3Client rawClient() {
        return S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
                .build();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }
}
