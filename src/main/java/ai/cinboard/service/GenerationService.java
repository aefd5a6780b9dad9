package ai.cinboard.service;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
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

    /**
     * Subscribes to live preview frames (job id, JPEG or PNG bytes) that remote engines send while a job runs
     * (ComfyUI, Automatic1111). Called on a background thread, possibly several times a second. A service whose
     * engines send no previews never calls it.
     *
     * @return close it to unsubscribe
     */
    default AutoCloseable subscribePreviews(BiConsumer<String, byte[]> listener) {
        return () -> {};
    }

    /** The last preview frame a job received, if any. */
    default Optional<byte[]> latestPreview(String jobId) {
        return Optional.empty();
    }
}
