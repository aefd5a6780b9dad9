package ai.cinboard.service;

import java.util.Map;

/**
 * The editable configuration. API keys and passwords travel as given; the UI masks them.
 *
 * @param engines keyed by {@link ConnectionPart#TEXT_ENGINE} .. {@link ConnectionPart#SPEECH_ENGINE}
 */
public record StudioSettings(
        Map<ConnectionPart, Engine> engines,
        Database database,
        CacheSettings cache,
        Media media,
        ExportDefaults export) {

    public record Engine(EngineKind kind, String endpoint, String model, String apiKey) {}

    /** {@code embedded} true = embedded PostgreSQL in CINBOARD_HOME; otherwise jdbcUrl/user/password. */
    public record Database(boolean embedded, String jdbcUrl, String user, String password) {}

    /** {@code redis} false = in-process cache. */
    public record CacheSettings(boolean redis, String redisUrl) {}

    /** {@code s3} false = local disk under {@code localPath}. */
    public record Media(
            boolean s3,
            String localPath,
            String bucket,
            String region,
            String endpoint,
            String accessKey,
            String secretKey) {}

    public record ExportDefaults(String directory, int width, int height, int fps) {}
}
