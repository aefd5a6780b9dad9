package ai.cinboard.domain;

import java.time.OffsetDateTime;

/**
 * Where one render unit stands, from the job engine's row while it is queued or running and from the phases it
 * recorded once it ran. {@code state} is queued, running, or the last phase status (completed, failed...).
 * {@code attempts} counts its runs, a run a dead worker left behind included.
 */
public record UnitState(
        String unit, String state, String worker, Integer attempts, String error, OffsetDateTime since) {}
