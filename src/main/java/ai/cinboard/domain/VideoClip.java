package ai.cinboard.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** A row of {@code video_clips}: one scene's clip. */
public record VideoClip(
        Integer id,
        Integer inputRecordId,
        Integer sceneId,
        String clipId,
        String videoUrl,
        Integer durationSeconds,
        Long fileSizeBytes,
        BigDecimal qualityScore,
        Map<String, Object> generationParams,
        List<Integer> keyframeIds,
        List<Integer> characterIds,
        OffsetDateTime createdAt,
        String fingerprint) {
    /** Without the iteration columns (fingerprint), as rows were written before them. */
    public VideoClip(
            Integer id,
            Integer inputRecordId,
            Integer sceneId,
            String clipId,
            String videoUrl,
            Integer durationSeconds,
            Long fileSizeBytes,
            BigDecimal qualityScore,
            Map<String, Object> generationParams,
            List<Integer> keyframeIds,
            List<Integer> characterIds,
            OffsetDateTime createdAt) {
        this(
                id,
                inputRecordId,
                sceneId,
                clipId,
                videoUrl,
                durationSeconds,
                fileSizeBytes,
                qualityScore,
                generationParams,
                keyframeIds,
                characterIds,
                createdAt,
                null);
    }
}
