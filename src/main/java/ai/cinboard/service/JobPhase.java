package ai.cinboard.service;

import ai.cinboard.domain.Phase;
import ai.cinboard.domain.PhaseStatus;
import java.time.Duration;

/**
 * One phase of one job (a {@code processing_statuses} row as the UI sees it).
 *
 * @param progress 0..100
 * @param elapsed  time since the phase started (or its total duration when finished); ZERO when pending
 * @param error    user-facing error message, or null
 * @param worker   the render worker running it (team renders queued for workers), or null
 */
public record JobPhase(Phase phase, PhaseStatus status, int progress, Duration elapsed, String error, String worker) {
    /** A phase this studio or another studio runs itself. */
    public JobPhase(Phase phase, PhaseStatus status, int progress, Duration elapsed, String error) {
        this(phase, status, progress, elapsed, error, null);
    }
}
