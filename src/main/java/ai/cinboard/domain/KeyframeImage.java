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
        OffsetDateTime createdAt) {}
