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
        OffsetDateTime createdAt) {}
