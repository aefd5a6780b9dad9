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
        OffsetDateTime deliveredAt,
        String fingerprint) {
    /** Without the iteration columns (fingerprint), as rows were written before them. */
    public FinalVideo(
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
            OffsetDateTime deliveredAt) {
        this(
                id,
                inputRecordId,
                videoUrl,
                durationSeconds,
                fileSizeBytes,
                qualityScore,
                thumbnailUrls,
                compositionData,
                videoClipIds,
                voiceoverId,
                createdAt,
                deliveredAt,
                null);
    }
}
