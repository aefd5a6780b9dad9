package ai.cinboard.media;

import ai.cinboard.domain.settings.SettingsRegistry;
import java.net.URI;
import java.util.Objects;

/**
 * Where S3 media goes. The app layer builds this with {@link #of} from CINBOARD_S3_BUCKET, CINBOARD_S3_ENDPOINT,
 * CINBOARD_S3_REGION and CINBOARD_S3_PATH_STYLE; credentials come from the explicit pair when both are
 * set, otherwise from the standard AWS chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, …).
 *
 * @param prefix    key prefix inside the bucket, e.g. "studio"; may be empty
 * @param region    e.g. "eu-west-1"; S3-compatible stores usually accept "us-east-1"
 * @param endpoint  null for AWS itself; the URL of MinIO, R2, Ceph, …
 * @param pathStyle true for most S3-compatible stores (http://host/bucket/key instead of bucket.host)
 */
public record S3Settings(
        String bucket,
        String prefix,
        String region,
        URI endpoint,
        boolean pathStyle,
        String accessKeyId,
        String secretAccessKey) {
    public static final String BUCKET_ENV = SettingsRegistry.S3_BUCKET.name();
    public static final String ENDPOINT_ENV = SettingsRegistry.S3_ENDPOINT.name();
    public static final String REGION_ENV = SettingsRegistry.S3_REGION.name();
    public static final String PATH_STYLE_ENV = SettingsRegistry.S3_PATH_STYLE.name();

    /**
     * The one place that decides path-style addressing: {@code CINBOARD_S3_PATH_STYLE} true or false as given;
     * {@code auto} (the default) uses path style with an endpoint (MinIO, Ceph, R2, S3Proxy mostly need it) and
     * virtual-hosted style for AWS itself. Blank credentials mean the standard AWS chain.
     */
    public static S3Settings of(
            String bucket,
            String prefix,
            String region,
            URI endpoint,
            String pathStyle,
            String accessKeyId,
            String secretAccessKey) {
        boolean path = switch (pathStyle == null ? "auto" : pathStyle.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> endpoint != null;
        };
        return new S3Settings(
                bucket,
                prefix,
                region,
                endpoint,
                path,
                accessKeyId == null || accessKeyId.isBlank() ? null : accessKeyId,
                secretAccessKey == null || secretAccessKey.isBlank() ? null : secretAccessKey);
    }

    public S3Settings {
        Objects.requireNonNull(bucket, "bucket");
        prefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
        region = region == null || region.isBlank() ? "us-east-1" : region.strip();
    }

    boolean hasExplicitCredentials() {
        return accessKeyId != null && !accessKeyId.isBlank() && secretAccessKey != null && !secretAccessKey.isBlank();
    }

    /** Never print the secret. */
    @Override
    public String toString() {
        return "S3Settings[bucket=" + bucket + ", prefix=" + prefix + ", region=" + region + ", endpoint=" + endpoint
                + ", pathStyle=" + pathStyle + ", credentials=" + (hasExplicitCredentials() ? "explicit" : "AWS chain")
                + "]";
    }
}
