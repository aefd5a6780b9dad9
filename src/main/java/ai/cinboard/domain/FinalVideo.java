package ai.cinboard.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** A row of {@code final_videos}. {@code compositionData} holds the edit list; {@code deliveredAt} is set on export. */
public record FinalVideo(
        Integer id,
        Integer inputRecordId,
        String videoUrl,
        Integer durationSeconds,
        Long fileSizeBytes,
        BigDecimal qualityScore,
        List<String> thumbnailUrls,
        Map<String, Object> compositionData,
        List<Integer> videoClipIds,
        Integer voiceoverId,
        OffsetDateTime createdAt,
        OffsetDateTime deliveredAt) {}
