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
        OffsetDateTime createdAt,
        String fingerprint,
        Integer take) {
    /** Without the iteration columns: no fingerprint yet, and take 1. */
    public Keyframe(
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
            OffsetDateTime createdAt) {
        this(
                id,
                inputRecordId,
                sceneId,
                keyframeId,
                sequence,
                keyframeDescription,
                imageUrl,
                timingSeconds,
                generationParams,
                qualityScore,
                locked,
                createdAt,
                null,
                1);
    }
}
