package ai.cinboard.pipeline;

import ai.cinboard.domain.Phase;
import ai.cinboard.domain.PhaseStatus;

/** Hears every change of a phase: the CLI draws progress bars from it, the UI's status bar and jobs view too. */
@FunctionalInterface
public interface PhaseListener {
    void changed(PhaseEvent event);

    /** A live preview frame (JPEG or PNG bytes) of what the phase is generating, when the engine sends them. */
    default void preview(int projectId, Phase phase, byte[] image) {}

    PhaseListener NONE = event -> {};

    /**
     * One change: {@code progress} in 0..100; {@code message} is the error or skip reason when there is one;
     * {@code worker} names the render worker running it, null for a studio's own render.
     */
    record PhaseEvent(
            int projectId,
            int statusId,
            Phase phase,
            PhaseStatus status,
            int progress,
            String message,
            long elapsedMillis,
            String worker) {}
}
