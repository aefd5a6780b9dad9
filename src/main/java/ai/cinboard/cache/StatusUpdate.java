package ai.cinboard.cache;

import java.time.Instant;

/**
 * Live progress of one project's pipeline, as stored under {@code status:{input_id}} (latest phase) and
 * {@code status:phase:{input_id}:{phase}}, and as published to other studios. Phase and status are the
 * database's text values (e.g. "keyframes", "running") so studios of different versions still agree.
 * {@code elapsedMillis} is the time since the phase started; {@code worker} names the render worker that runs it
 * (null for a studio's own render, or from an older studio).
 */
public record StatusUpdate(
        int inputId,
        String phase,
        String status,
        int progressPercent,
        String message,
        Instant updatedAt,
        long elapsedMillis,
        String worker) {
    /** Without the phase's elapsed time (an older studio's message reads as 0). */
    public StatusUpdate(
            int inputId, String phase, String status, int progressPercent, String message, Instant updatedAt) {
        this(inputId, phase, status, progressPercent, message, updatedAt, 0, null);
    }
}
