package ai.cinboard.service;

import ai.cinboard.domain.PhaseStatus;
import java.util.List;

/**
 * A background job: a pipeline run or a regeneration.
 *
 * @param jobId       stable id used for cancel/retry
 * @param projectId   the input record it works on
 * @param title       what it does, e.g. "Render 'The Lighthouse'" or "Regenerate keyframe 12"
 * @param status      overall status
 * @param phases      every phase, in pipeline order
 */
public record JobInfo(String jobId, int projectId, String title, PhaseStatus status, List<JobPhase> phases) {
    /** Overall progress 0..100: mean of phase progress. */
    public int progress() {
        return phases.isEmpty()
                ? 0
                : (int) Math.round(
                        phases.stream().mapToInt(JobPhase::progress).average().orElse(0));
    }
}
