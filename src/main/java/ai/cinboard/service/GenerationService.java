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

    /** A new take of a keyframe (a new seed), made current, then the changes are rendered. */
    default String regenerateKeyframe(int keyframeId) {
        return regenerateKeyframe(keyframeId, 1);
    }

    /**
     * {@code candidates} new takes of a keyframe at once (1 to 8), ranked by quality score (including consistency
     * with the character reference): the best becomes current. Earlier takes are kept.
     */
    String regenerateKeyframe(int keyframeId, int candidates);

    /** Regenerates every unlocked keyframe of a scene, then its clip. */
    String regenerateScene(int sceneId);

    /** Regenerates a character's reference image; with {@code includeKeyframes} also every unlocked keyframe it appears in. */
    default String regenerateCharacter(int characterId, boolean includeKeyframes) {
        return regenerateCharacter(characterId, includeKeyframes, 1);
    }

    /** {@code candidates} new takes of a character's reference sheet; the best scoring becomes current. */
    String regenerateCharacter(int characterId, boolean includeKeyframes, int candidates);

    /**
     * Render changes: re-renders exactly what is stale in the project, in dependency order, and recomposes the
     * final video. A job like any other (progress, cancel, retry).
     */
    String renderChanges(int projectId);

    /**
     * Team mode: the names of the render workers online now (possibly none), or empty when this studio can't queue
     * renders for workers (the embedded database or media on local disk).
     */
    default Optional<List<String>> workersOnline() {
        return Optional.empty();
    }

    /**
     * Render changes on the team's workers: queues the project's stale units for them and returns at once, with a
     * sentence for the user saying what was queued and for whom. The render's progress reaches the jobs like any
     * render of another process.
     */
    default String renderOnWorkers(int projectId) {
        throw new ai.cinboard.domain.StudioException("This studio has no render workers: rendering on workers needs"
                + " the team's database and S3 store (CINBOARD_DB_URL and CINBOARD_S3_BUCKET).");
    }

    /** What is stale in the project now, from fingerprints (what {@link #renderChanges} would make). */
    ProjectStaleness staleness(int projectId);

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
