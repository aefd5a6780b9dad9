package ai.cinboard.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;

/** A row of {@code voiceovers}. {@code voiceSettings} holds voice, rate and pitch. */
public record Voiceover(
        Integer id,
        Integer inputRecordId,
        String audioUrl,
        Integer durationSeconds,
        Long fileSizeBytes,
        Map<String, Object> voiceSettings,
        BigDecimal qualityScore,
        String language,
        OffsetDateTime createdAt,
        String fingerprint) {
    /** Without the iteration columns (fingerprint), as rows were written before them. */
    public Voiceover(
            Integer id,
            Integer inputRecordId,
            String audioUrl,
            Integer durationSeconds,
            Long fileSizeBytes,
            Map<String, Object> voiceSettings,
            BigDecimal qualityScore,
            String language,
            OffsetDateTime createdAt) {
        this(
                id,
                inputRecordId,
                audioUrl,
                durationSeconds,
                fileSizeBytes,
                voiceSettings,
                qualityScore,
                language,
                createdAt,
                null);
    }
}
