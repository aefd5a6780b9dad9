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
