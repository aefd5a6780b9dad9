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
 */
public record JobPhase(Phase phase, PhaseStatus status, int progress, Duration elapsed, String error) {}
