package ai.cinboard.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A row of {@code scenes} (added by migration V3: the spec's {@code scene_id} columns point here).
 * {@code sceneNumber} is the script's own number; {@code position} is the order in the edit, which the
 * creator can change by drag and drop. {@code lines} are the scene's action and dialogue as intake broke them
 * down (null for a scene stored before migration V10). {@code transition} is how the scene opens from the one
 * before it in the edit (migration V12; never null, the default crossfade when not given).
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
        List<Line> lines,
        Transition transition) {
    public Scene {
        if (transition == null) {
            transition = Transition.DEFAULT;
        }
    }

    /** As stored: the transition as its two columns. */
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
            OffsetDateTime updatedAt,
            List<Line> lines,
            String transition,
            BigDecimal transitionSeconds) {
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
                lines,
                transition == null ? null : new Transition(Transition.Kind.of(transition), transitionSeconds));
    }

    /** With its lines and the default transition: a scene as intake stores it. */
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
            OffsetDateTime updatedAt,
            List<Line> lines) {
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
                lines,
                (Transition) null);
    }

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
                null,
                (Transition) null);
    }

    /** The same scene opening with {@code t}. */
    public Scene withTransition(Transition t) {
        return new Scene(
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
                lines,
                t);
    }
}
