package ai.cinboard.service;

import java.util.List;
import java.util.function.Consumer;

/**
 * Starts and controls background generation. Methods return at once with a job id; the work runs on the
 * generation executor. Locked keyframes are never regenerated.
 */
public interface GenerationService {

    String regenerateKeyframe(int keyframeId);

    /** Regenerates every unlocked keyframe of a scene, then its clip. */
    String regenerateScene(int sceneId);

    /** Regenerates a character's reference image; with {@code includeKeyframes} also every unlocked keyframe it appears in. */
    String regenerateCharacter(int characterId, boolean includeKeyframes);

    /** Requests cancellation; the job ends as CANCELLED. No-op for a finished job. */
    void cancel(String jobId);

    /** Runs a failed, cancelled or interrupted job again from its first unfinished phase; returns the new job id. */
    String retry(String jobId);

    /** Every job known (running and finished, most recent first). */
    List<JobInfo> listJobs();

    /**
     * Subscribes to job events. The listener is called on a background thread.
     *
     * @return close it to unsubscribe
     */
    AutoCloseable subscribe(Consumer<JobEvent> listener);
}
