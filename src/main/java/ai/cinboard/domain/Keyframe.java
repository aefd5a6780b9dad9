package ai.cinboard.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A row of {@code keyframes}. {@code locked} (added by migration) marks a keyframe the creator approved:
 * it is never regenerated.
 */
public record Keyframe(
        Integer id,
        Integer inputRecordId,
        Integer sceneId,
        String keyframeId,
        Integer sequence,
        String keyframeDescription,
        String imageUrl,
        Integer timingSeconds,
        Map<String, Object> generationParams,
        BigDecimal qualityScore,
        Boolean locked,
        OffsetDateTime createdAt) {}
