package ai.cinboard.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;

/** A row of {@code characters}. The {@code consistencyKey} fixes the character's look in every scene. */
public record Character(
        Integer id,
        Integer inputRecordId,
        String characterId,
        String characterName,
        String characterDescription,
        String consistencyKey,
        String imageUrl,
        Map<String, Object> generationParams,
        BigDecimal qualityScore,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        String fingerprint,
        Integer take) {
    /** Without the iteration columns: no fingerprint yet, and take 1. */
    public Character(
            Integer id,
            Integer inputRecordId,
            String characterId,
            String characterName,
            String characterDescription,
            String consistencyKey,
            String imageUrl,
            Map<String, Object> generationParams,
            BigDecimal qualityScore,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        this(
                id,
                inputRecordId,
                characterId,
                characterName,
                characterDescription,
                consistencyKey,
                imageUrl,
                generationParams,
                qualityScore,
                createdAt,
                updatedAt,
                null,
                1);
    }
}
