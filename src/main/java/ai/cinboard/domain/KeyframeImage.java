package ai.cinboard.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;

/** A row of {@code keyframe_images}. */
public record KeyframeImage(
        Integer id,
        Integer keyframeId,
        String imageUrl,
        String imageType,
        Map<String, Object> generationParams,
        BigDecimal qualityScore,
        Long fileSizeBytes,
        OffsetDateTime createdAt,
        String fingerprint,
        Integer take) {
    /**
     * The storyboard's display size of a keyframe thumbnail. A render stores a thumbnail of this size beside every
     * image it stores, and records its URL in the image's generation parameters under {@link #THUMBNAIL_PARAM}, so
     * opening a project reads small files instead of decoding and scaling full frames.
     */
    public static final int THUMBNAIL_WIDTH = 160, THUMBNAIL_HEIGHT = 90;

    public static final String THUMBNAIL_PARAM = "thumbnail_url";

    /** Without the iteration columns: no fingerprint yet, and take 1. */
    public KeyframeImage(
            Integer id,
            Integer keyframeId,
            String imageUrl,
            String imageType,
            Map<String, Object> generationParams,
            BigDecimal qualityScore,
            Long fileSizeBytes,
            OffsetDateTime createdAt) {
        this(id, keyframeId, imageUrl, imageType, generationParams, qualityScore, fileSizeBytes, createdAt, null, 1);
    }
}
