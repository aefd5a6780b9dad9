package ai.cinboard.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A row of {@code scenes} (added by migration V3: the spec's {@code scene_id} columns point here).
 * {@code sceneNumber} is the script's own number; {@code position} is the order in the edit, which the
 * creator can change by drag and drop.
 */
public record Scene(
        Integer id,
        Integer inputRecordId,
        Integer sceneNumber,
        Integer position,
        String heading,
        String location,
        String timeOfDay,
        String text,
        BigDecimal durationSeconds,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
