package ai.cinboard.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A row of {@code scenes} (added by migration V3: the spec's {@code scene_id} columns point here).
 * {@code sceneNumber} is the script's own number; {@code position} is the order in the edit, which the
 * creator can change by drag and drop. {@code lines} are the scene's action and dialogue as intake broke them
 * down (null for a scene stored before migration V10).
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
        OffsetDateTime updatedAt,
        List<Line> lines) {
    /** Without its lines: a scene stored before they were (migration V10), or not broken down into lines. */
    public Scene(
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
            OffsetDateTime updatedAt) {
        this(
                id,
                inputRecordId,
                sceneNumber,
                position,
                heading,
                location,
                timeOfDay,
                text,
                durationSeconds,
                createdAt,
                updatedAt,
                null);
    }
}
