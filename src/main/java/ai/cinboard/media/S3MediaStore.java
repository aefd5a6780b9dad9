package ai.cinboard.media;

import ai.cinboard.domain.FileNames;
import ai.cinboard.domain.Sha256;
import ai.cinboard.domain.StudioException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Media in S3 or an S3-compatible store (MinIO, R2, Ceph), through the aws-sdk-s3 v2 sync client.
 *
 * <p>Keys are content-addressed, {@code <prefix>/sha256/ab/<sha256>.<ext>}, and URLs are
 * {@code s3://<bucket>/<key>}. A retry of the same bytes finds the object already there (same size) and
 * skips the upload. Since the key needs the hash, a stream is first spooled to a local temporary file;
 * files given to {@link #putFile} are uploaded from where they are.
 *
 * <p>Integrity: every request body carries its Content-MD5, which S3 and the compatible stores check
 * (BadDigest otherwise), and the returned ETags are compared with our MD5s where the store uses MD5
 * ETags. The SHA-256 goes along as user metadata and is checked again when the object is read to the end.
 * The SDK's newer default CRC checksums are switched off (WHEN_REQUIRED) because several S3-compatible
 * stores reject or mishandle them; Content-MD5 works everywhere.
 *
 * <p>Objects of {@link #multipartThreshold} bytes or more go up as multipart uploads; any failure aborts
 * the upload so no parts are left behind (billed and invisible).
 */
public final class S3MediaStore implements MediaStore, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(S3MediaStore.class);
    public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;
    /** S3 refuses parts smaller than this, except the last. */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    public static final Duration PREVIEW_VALIDITY = Duration.ofMinutes(15);
    /** How old an object must be before storing the same bytes again rewrites it (see {@link #stale}). */
    static final Duration RETENTION_REFRESH = Duration.ofHours(1);

    private static final Pattern MD5_HEX = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern MULTIPART_ETAG = Pattern.compile("[0-9a-f]{32}-\\d+");
    private static final String SHA_META = "sha256";

    private final S3Settings settings;
    private final S3Client s3;
    private final S3Client checker;
    private final S3Presigner presigner;
    private final long multipartThreshold;
    private final long partSize;
    private final Path spoolDir;
    private final String urlPrefix;
    private final Pattern ownUrl;
    /** Called after each uploaded part; tests use it to fail an upload half-way. */
    volatile IntConsumer afterPart = n -> {};

    public S3MediaStore(S3Settings settings) {
        this(settings, DEFAULT_PART_SIZE, DEFAULT_PART_SIZE, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** How long connecting to the store may take. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long one read of the socket may wait for the store's next bytes. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    /** How long the start-up check of the bucket may wait for an answer (it is not retried). */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);

    /**
     * @param multipartThreshold objects this big or bigger use multipart
     * @param partSize           at least {@link #MIN_PART_SIZE}
     * @param spoolDir           where streams wait while their hash is computed
     */
    public S3MediaStore(S3Settings settings, long multipartThreshold, long partSize, Path spoolDir) {
        if (partSize < MIN_PART_SIZE || partSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Part size must be between 5 MB and 2 GB: " + partSize);
        }
        this.settings = settings;
        this.multipartThreshold = Math.max(multipartThreshold, 1);
        this.partSize = partSize;
        this.spoolDir = spoolDir;
        if (!settings.prefix().isEmpty() && !settings.prefix().matches("[A-Za-z0-9._\\-/]{1,200}")) {
            throw new StudioException("The S3 key prefix '" + settings.prefix() + "' can't be used: only letters, "
                    + "digits, '.', '_', '-' and '/' are allowed, at most 200 characters. Fix the S3 prefix setting.");
        }
        this.urlPrefix =
                "s3://" + settings.bucket() + "/" + (settings.prefix().isEmpty() ? "" : settings.prefix() + "/");
        this.ownUrl =
                Pattern.compile(Pattern.quote(urlPrefix) + "sha256/([0-9a-f]{2})/\\1[0-9a-f]{62}\\.[a-z0-9]{1,10}");
        if (urlPrefix.length()
                        + ContentAddress.relativePath("0".repeat(64), "bin").length()
                        + 7
                > MAX_URL_LENGTH) {
            throw new StudioException("S3 media URLs would be longer than the database allows (" + MAX_URL_LENGTH
                    + " characters). Use a shorter " + S3Settings.BUCKET_ENV + " or S3 prefix.");
        }
        AwsCredentialsProvider credentials = settings.hasExplicitCredentials()
                ? StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()))
                : DefaultCredentialsProvider.builder().build();
        Region region = Region.of(settings.region());
        S3ClientBuilder builder = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // A store that takes the connection and then says nothing must not hold every command for minutes:
                // connecting is quick or it is not going to happen, and the read timeout is per read of the socket
                // (uploads and downloads stream), so it bounds a silence, not a large file.
                .httpClientBuilder(software.amazon.awssdk.http.apache5.Apache5HttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(READ_TIMEOUT))
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(Duration.ofMinutes(2)));
        S3Presigner.Builder presign = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(settings.pathStyle())
                        .build());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
            presign.endpointOverride(settings.endpoint());
        }
        this.s3 = builder.build();
        // The start-up check has a client of its own whose socket gives up after CHECK_TIMEOUT, once: the call
        // timeout alone interrupts the thread, which a blocked socket read does not always notice.
        this.checker = builder.httpClientBuilder(software.amazon.awssdk.http.apache5.Apache5HttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(CHECK_TIMEOUT))
                // the call timeout is only a backstop (e.g. a slow name lookup) behind the connect and read timeouts
                .overrideConfiguration(o -> o.apiCallTimeout(
                                CHECK_TIMEOUT.plus(CONNECT_TIMEOUT).plusSeconds(5))
                        .retryStrategy(software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry()))
                .build();
        this.presigner = presign.build();
    }

    public S3Settings settings() {
        return settings;
    }

    @Override
    public StoredMedia put(InputStream in, String contentType, String extensionHint) {
        Path spool = null;
        try {
            Files.createDirectories(spoolDir);
            spool = Files.createTempFile(spoolDir, "cinboard-s3-", ".spool");
            MessageDigest sha = Sha256.newDigest();
            long size = 0;
            try (OutputStream out = Files.newOutputStream(spool)) {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) > 0) {
                    sha.update(buf, 0, n);
                    out.write(buf, 0, n);
                    size += n;
                }
            }
            return upload(spool, Sha256.toHex(sha.digest()), size, contentType, extensionHint);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Reading the media to store in S3 failed (spooled in " + spoolDir + "); nothing was uploaded", e);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException e) {
                    log.debug("Could not remove {}", spool, e);
                }
            }
        }
    }

    @Override
    public StoredMedia putFile(Path file, String contentType) {
        try {
            MessageDigest sha = Sha256.newDigest();
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) > 0) {
                    sha.update(buf, 0, n);
                }
            }
            return upload(file, Sha256.toHex(sha.digest()), Files.size(file), contentType, FileNames.extension(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private StoredMedia upload(Path file, String sha256, long size, String contentType, String extHint)
            throws IOException {
        String type = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
        String key = keyFor(sha256, FileNames.safeExtension(extHint));
        StoredMedia stored = new StoredMedia("s3://" + settings.bucket() + "/" + key, sha256, size, type);
        try {
            Optional<HeadObjectResponse> existing = head(key);
            if (existing.isPresent()
                    && existing.get().contentLength() == size
                    && !stale(existing.get().lastModified())) {
                return stored; // Same name means same SHA-256: a retry, or the same media made twice.
            }
            // Absent, or stored long enough ago that the retention sweep counts its age: writing the same
            // bytes again gives it a new Last-Modified, so storing again restarts the retention period.
            if (size >= multipartThreshold) {
                uploadMultipart(file, key, sha256, size, type);
            } else {
                uploadSingle(file, key, sha256, size, type);
            }
            return stored;
        } catch (SdkException e) {
            throw translate(e, "storing " + key);
        }
    }

    /**
     * S3 has no "touch": the retention period restarts only when the object is written again. Objects written
     * within {@link #RETENTION_REFRESH} are left alone, so a re-render costs a HEAD, not an upload; the period
     * restarts to within that much, far below the retention setting's unit of a day.
     */
    private static boolean stale(java.time.Instant lastModified) {
        return lastModified == null
                || lastModified.isBefore(java.time.Instant.now().minus(RETENTION_REFRESH));
    }

    private void uploadSingle(Path file, String key, String sha256, long size, String type) throws IOException {
        byte[] md5 = md5Of(file);
        String etag = s3.putObject(
                        b -> b.bucket(settings.bucket())
                                .key(key)
                                .contentType(type)
                                .contentLength(size)
                                .contentMD5(Base64.getEncoder().encodeToString(md5))
                                .metadata(Map.of(SHA_META, sha256)),
                        RequestBody.fromFile(file))
                .eTag();
        String expected = Sha256.toHex(md5);
        String got = unquote(etag);
        if (MD5_HEX.matcher(got).matches() && !got.equals(expected)) {
            deleteKey(key);
            throw new StudioException("S3 stored different bytes than were sent for " + key + " (ETag " + got
                    + ", MD5 " + expected + "). Nothing was kept; try again, and check the store at "
                    + endpointName() + ".");
        }
    }

    private void uploadMultipart(Path file, String key, String sha256, long size, String type) throws IOException {
        String uploadId = s3.createMultipartUpload(b ->
                        b.bucket(settings.bucket()).key(key).contentType(type).metadata(Map.of(SHA_META, sha256)))
                .uploadId();
        boolean done = false;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            List<CompletedPart> parts = new ArrayList<>();
            MessageDigest md5OfMd5s = Sha256.newMd5ForEtags();
            byte[] buf = new byte[(int) Math.min(partSize, size)];
            int partNumber = 1;
            for (long offset = 0; offset < size; offset += partSize, partNumber++) {
                int len = (int) Math.min(partSize, size - offset);
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, len);
                while (bb.hasRemaining()) {
                    if (ch.read(bb, offset + bb.position()) < 0) {
                        throw new IOException(file + " became shorter while it was being uploaded");
                    }
                }
                MessageDigest md5 = Sha256.newMd5ForEtags();
                md5.update(buf, 0, len);
                byte[] partMd5 = md5.digest();
                md5OfMd5s.update(partMd5);
                int n = partNumber;
                String etag = unquote(s3.uploadPart(
                                b -> b.bucket(settings.bucket())
                                        .key(key)
                                        .uploadId(uploadId)
                                        .partNumber(n)
                                        .contentLength((long) len)
                                        .contentMD5(Base64.getEncoder().encodeToString(partMd5)),
                                RequestBody.fromBytes(len == buf.length ? buf : java.util.Arrays.copyOf(buf, len)))
                        .eTag());
                if (MD5_HEX.matcher(etag).matches() && !etag.equals(Sha256.toHex(partMd5))) {
                    throw new IOException("S3 stored different bytes for part " + n + " of " + key);
                }
                parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
                afterPart.accept(n);
            }
            String finalTag = unquote(s3.completeMultipartUpload(b -> b.bucket(settings.bucket())
                            .key(key)
                            .uploadId(uploadId)
                            .multipartUpload(m -> m.parts(parts)))
                    .eTag());
            done = true;
            String expected = Sha256.toHex(md5OfMd5s.digest()) + "-" + parts.size();
            if (MULTIPART_ETAG.matcher(finalTag).matches() && !finalTag.equals(expected)) {
                deleteKey(key);
                throw new StudioException("S3 assembled " + key + " differently from the parts sent (ETag " + finalTag
                        + ", expected " + expected + "). Nothing was kept; try again.");
            }
        } finally {
            if (!done) {
                abort(key, uploadId);
            }
        }
    }

    private void abort(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            // The original failure matters more; a bucket lifecycle rule can clean this one up later.
            log.warn(
                    "Could not abort multipart upload {} of s3://{}/{}: {}",
                    uploadId,
                    settings.bucket(),
                    key,
                    e.getMessage());
        }
    }

    /** Every object under this store's prefix, page by page as the stream is read. */
    @Override
    public java.util.stream.Stream<MediaItem> list() {
        String keyPrefix = settings.prefix().isEmpty() ? "sha256/" : settings.prefix() + "/sha256/";
        try {
            return s3.listObjectsV2Paginator(b -> b.bucket(settings.bucket()).prefix(keyPrefix)).contents().stream()
                    .map(o -> new MediaItem("s3://" + settings.bucket() + "/" + o.key(), o.size(), o.lastModified()))
                    .filter(item -> owns(item.url()));
        } catch (SdkException e) {
            throw new StudioException(
                    "Cannot list the media in S3 bucket " + settings.bucket() + ": " + e.getMessage()
                            + ". Check the S3 settings and that the credentials may list the bucket.",
                    e);
        }
    }

    @Override
    public boolean owns(String url) {
        return url != null && ownUrl.matcher(url).matches();
    }

    @Override
    public InputStream open(String url) {
        String key = keyOf(url);
        try {
            var response = s3.getObject(b -> b.bucket(settings.bucket()).key(key));
            String sha = response.response().metadata().get(SHA_META);
            return sha == null ? response : new Sha256CheckingStream(response, sha, url);
        } catch (NoSuchKeyException e) {
            throw new StudioException(
                    "The media object " + url + " is missing from the bucket. It was deleted " + "or "
                            + S3Settings.BUCKET_ENV + " now names another bucket; run that step again to recreate it.",
                    e);
        } catch (SdkException e) {
            throw translate(e, "reading " + key);
        }
    }

    @Override
    public boolean exists(String url) {
        try {
            return head(keyOf(url)).isPresent();
        } catch (SdkException e) {
            throw translate(e, "checking " + url);
        }
    }

    @Override
    public void delete(String url) {
        try {
            deleteKey(keyOf(url));
        } catch (SdkException e) {
            throw translate(e, "deleting " + url);
        }
    }

    @Override
    public long size(String url) {
        try {
            return head(keyOf(url))
                    .orElseThrow(() -> new StudioException("The media object " + url
                            + " is missing from the bucket; run that step again to recreate it."))
                    .contentLength();
        } catch (SdkException e) {
            throw translate(e, "checking " + url);
        }
    }

    @Override
    public URI previewUri(String url) {
        String key = keyOf(url);
        try {
            return presigner
                    .presignGetObject(p -> p.signatureDuration(PREVIEW_VALIDITY)
                            .getObjectRequest(g -> g.bucket(settings.bucket()).key(key)))
                    .url()
                    .toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("The SDK presigned an invalid URL", e);
        }
    }

    @Override
    public MediaHealth health() {
        long t0 = System.nanoTime();
        try {
            s3.headBucket(b -> b.bucket(settings.bucket()));
            return new MediaHealth(
                    "s3",
                    true,
                    Duration.ofNanos(System.nanoTime() - t0),
                    "bucket " + settings.bucket() + " at " + endpointName());
        } catch (SdkException e) {
            return new MediaHealth(
                    "s3",
                    false,
                    Duration.ofNanos(System.nanoTime() - t0),
                    translate(e, "checking the bucket").getMessage());
        }
    }

    /**
     * Aborts multipart uploads under this store's prefix that started before {@code olderThan} ago. An upload
     * cut short by a crash or a killed process can't abort itself, and its parts are stored (and billed)
     * but invisible. Call at start-up; returns how many were aborted.
     */
    public int abortStaleUploads(Duration olderThan) {
        java.time.Instant cutoff = java.time.Instant.now().minus(olderThan);
        String keyPrefix = settings.prefix().isEmpty() ? "sha256/" : settings.prefix() + "/sha256/";
        int aborted = 0;
        try {
            var listing = s3.listMultipartUploadsPaginator(
                    b -> b.bucket(settings.bucket()).prefix(keyPrefix));
            for (var upload : listing.uploads()) {
                if (upload.initiated() == null || !upload.initiated().isAfter(cutoff)) {
                    abort(upload.key(), upload.uploadId());
                    aborted++;
                }
            }
        } catch (SdkException e) {
            throw translate(e, "listing unfinished uploads");
        }
        return aborted;
    }

    /** Throws a StudioException naming the setting if the bucket can't be used; for start-up and doctor. */
    public void checkBucket() {
        try {
            // every command starts with this: a silent endpoint fails in seconds (see checker)
            checker.headBucket(b -> b.bucket(settings.bucket()));
        } catch (SdkException e) {
            throw translate(e, "checking the bucket");
        }
    }

    @Override
    public void close() {
        s3.close();
        checker.close();
        presigner.close();
    }

    String keyFor(String sha256, String ext) {
        String rel = ContentAddress.relativePath(sha256, ext);
        return settings.prefix().isEmpty() ? rel : settings.prefix() + "/" + rel;
    }

    private String keyOf(String url) {
        if (!owns(url)) {
            throw new IllegalArgumentException("Not a media URL of bucket " + settings.bucket() + ": " + url);
        }
        return url.substring(("s3://" + settings.bucket() + "/").length());
    }

    private Optional<HeadObjectResponse> head(String key) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(settings.bucket()).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty(); // HEAD has no body, so a missing bucket looks the same; put will say which.
            }
            throw e;
        }
    }

    private void deleteKey(String key) {
        s3.deleteObject(b -> b.bucket(settings.bucket()).key(key));
    }

    private String endpointName() {
        return settings.endpoint() == null
                ? "AWS S3 (" + settings.region() + ")"
                : settings.endpoint().toString();
    }

    /** Turns SDK failures the user can fix into messages that name the setting. */
    StudioException translate(SdkException e, String action) {
        if (e instanceof S3Exception s) {
            String code =
                    s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
            int status = s.statusCode();
            if ("NoSuchBucket".equals(code) || (status == 404 && action.contains("bucket"))) {
                return new StudioException(
                        "The S3 bucket '" + settings.bucket() + "' does not exist at "
                                + endpointName() + ". Create it, or fix " + S3Settings.BUCKET_ENV + " (and "
                                + S3Settings.ENDPOINT_ENV + " / " + S3Settings.REGION_ENV + " if it lives elsewhere).",
                        e);
            }
            if ("InvalidAccessKeyId".equals(code)
                    || "SignatureDoesNotMatch".equals(code)
                    || "AccessDenied".equals(code)
                    || status == 403
                    || status == 401) {
                return new StudioException(
                        "S3 at " + endpointName() + " refused the credentials while " + action
                                + " (" + (code == null ? "HTTP " + status : code)
                                + "). Check the access key and secret "
                                + "(AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or AWS_PROFILE) and that they may use the "
                                + "bucket named in " + S3Settings.BUCKET_ENV + ".",
                        e);
            }
            if ("PermanentRedirect".equals(code) || "AuthorizationHeaderMalformed".equals(code) || status == 301) {
                return new StudioException(
                        "The S3 bucket '" + settings.bucket() + "' is in another region than " + settings.region()
                                + ". Fix " + S3Settings.REGION_ENV + ".",
                        e);
            }
            return new StudioException(
                    "S3 at " + endpointName() + " failed while " + action + " (" + code + ", HTTP " + status
                            + "). Try again; if it persists, check the store and " + S3Settings.ENDPOINT_ENV + ".",
                    e);
        }
        Throwable root = rootCause(e);
        if (e instanceof software.amazon.awssdk.core.exception.ApiCallTimeoutException
                || e instanceof software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException) {
            root = new SocketTimeoutException(e.getMessage()); // it connected but did not answer in time
        }
        if (root instanceof ConnectException
                || root instanceof UnknownHostException
                || root instanceof SocketTimeoutException) {
            String why = root instanceof UnknownHostException
                    ? "host not found"
                    : root instanceof ConnectException ? "connection refused" : "timed out";
            return new StudioException(
                    "Could not reach the S3 endpoint " + endpointName() + " (" + why + ") while "
                            + action + ". Start the storage server or fix " + S3Settings.ENDPOINT_ENV
                            + (settings.endpoint() == null ? " / " + S3Settings.REGION_ENV : "") + ".",
                    e);
        }
        if (e instanceof SdkClientException && String.valueOf(e.getMessage()).contains("credentials")) {
            return new StudioException(
                    "No AWS credentials were found for S3. Set AWS_ACCESS_KEY_ID and "
                            + "AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or configure the key in the studio settings.",
                    e);
        }
        return new StudioException(
                "S3 at " + endpointName() + " failed while " + action + ": " + e.getMessage() + ". Check "
                        + S3Settings.ENDPOINT_ENV + " and the network.",
                e);
    }

    private static Throwable rootCause(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            if (r instanceof ConnectException || r instanceof UnknownHostException) {
                return r;
            }
            r = r.getCause();
        }
        return r;
    }

    private static String unquote(String etag) {
        return etag == null ? "" : etag.replace("\"", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static byte[] md5Of(Path file) throws IOException {
        MessageDigest md5 = Sha256.newMd5ForEtags();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                md5.update(buf, 0, n);
            }
        }
        return md5.digest();
    }

    /** Checks the SHA-256 recorded at upload when the reader reaches the end; a mismatch is an IOException. */
    private static final class Sha256CheckingStream extends FilterInputStream {
        private final MessageDigest sha = Sha256.newDigest();
        private final String expected;
        private final String url;
        private boolean checked;

        Sha256CheckingStream(InputStream in, String expected, String url) {
            super(in);
            this.expected = expected;
            this.url = url;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                check();
            } else {
                sha.update((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) {
                check();
            } else {
                sha.update(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipping would make the digest meaningless; read and discard instead.
            byte[] buf = new byte[(int) Math.min(8192, Math.max(n, 1))];
            long left = n;
            while (left > 0) {
                int r = read(buf, 0, (int) Math.min(buf.length, left));
                if (r < 0) {
                    break;
                }
                left -= r;
            }
            return n - left;
        }

        private void check() throws IOException {
            if (!checked) {
                checked = true;
                String got = Sha256.toHex(sha.digest());
                if (!got.equals(expected)) {
                    throw new IOException(
                            "The media object " + url + " is damaged: its SHA-256 is " + got + ", not " + expected);
                }
            }
        }
    }
}
