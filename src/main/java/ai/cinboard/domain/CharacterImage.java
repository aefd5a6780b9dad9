package ai.cinboard.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;

/** A row of {@code character_images}: the reference image and its variations. */
public record CharacterImage(
        Integer id,
        Integer characterId,
        Integer sceneId,
        String imageUrl,
        String imageType,
        Map<String, Object> generationParams,
        BigDecimal qualityScore,
        Long fileSizeBytes,
        OffsetDateTime createdAt,
        String fingerprint,
        Integer take) {
    /** Without the iteration columns: no fingerprint yet, and take 1. */
    public CharacterImage(
            Integer id,
            Integer characterId,
            Integer sceneId,
            String imageUrl,
            String imageType,
            Map<String, Object> generationParams,
            BigDecimal qualityScore,
            Long fileSizeBytes,
            OffsetDateTime createdAt) {
        this(
                id,
                characterId,
                sceneId,
                imageUrl,
                imageType,
                generationParams,
                qualityScore,
                fileSizeBytes,
                createdAt,
                null,
                1);
    }
}
