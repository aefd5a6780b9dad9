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
        OffsetDateTime createdAt) {}
