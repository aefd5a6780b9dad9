package ai.cinboard.service;

import ai.cinboard.domain.Project;
import java.math.BigDecimal;
import java.util.List;

/**
 * Project use cases for the studio. Blocking; never call on the FX thread. Every edit is saved at once
 * (one transaction each). Failures the user can act on are thrown as {@link ai.cinboard.domain.StudioException}.
 */
public interface ProjectService {

    /** Every project (input record), newest first. */
    List<ProjectSummary> listProjects();

    /** The whole project aggregate, children ordered (scenes by position, keyframes by scene and sequence). */
    Project loadProject(int projectId);

    /**
     * The text of a story file as intake reads it: UTF-8/UTF-16 text as it is, a Final Draft {@code .fdx}
     * screenplay as Fountain. A file that can't be read: a StudioException with one line.
     */
    String readStoryFile(byte[] bytes, String fileName);

    /** Validation, language detection and content policy on a text, without storing anything. */
    AnalysisPreview analyze(String text, String fileName);

    /**
     * Stores the input record and starts the generation pipeline in the background.
     *
     * @return the new project's id; progress arrives through {@link GenerationService#subscribe}
     */
    int createAndRender(String text, String fileName);

    /** Changes a keyframe's description and timing (seconds inside its scene). */
    void updateKeyframe(int keyframeId, String description, int timingSeconds);

    /** Approves (locks) or unlocks a keyframe; a locked keyframe is never regenerated. */
    void setKeyframeLocked(int keyframeId, boolean locked);

    /** Sets the order of a project's scenes: {@code sceneIdsInOrder} lists every scene id once. */
    void reorderScenes(int projectId, List<Integer> sceneIdsInOrder);

    /** Sets a scene's duration (trim). Must be positive. */
    void setSceneDuration(int sceneId, BigDecimal durationSeconds);

    /**
     * Sets how a scene opens from the one before it (cut, crossfade, dip to black or wipe, and its length). Only the
     * final video is stale afterwards: the clips and keyframes stay as they are.
     */
    void setSceneTransition(int sceneId, ai.cinboard.domain.Transition transition);

    /** Changes a character's description (does not regenerate: see {@link GenerationService#regenerateCharacter}). */
    void updateCharacterDescription(int characterId, String description);

    /**
     * Makes take {@code take} (1-based) of a keyframe its current image again (rollback). Refused for an approved
     * (locked) keyframe.
     */
    void useKeyframeTake(int keyframeId, int take);

    /** Makes take {@code take} (1-based) of a character's reference sheet current again. */
    void useCharacterTake(int characterId, int take);

    /** The project's frame and final mix as stored: what its next render uses. */
    RenderOptions renderOptions(int projectId);

    /**
     * Sets the project's frame (16:9, 9:16 or 1:1); its keyframes, clips and final video are stale when it changed,
     * and the next render composes them for the new frame.
     */
    void setAspect(int projectId, ai.cinboard.domain.AspectRatio aspect);

    /**
     * Makes {@code music} (an MP3, WAV, FLAC or Ogg file, checked first and stored in the media store) the project's
     * music bed, or takes the music out when null. Returns the settings now stored; the final video is stale.
     */
    RenderOptions setMusic(int projectId, java.nio.file.Path music);

    /**
     * Sets the integrated loudness the project's final mix is mastered to (one of
     * {@link ai.cinboard.domain.MixSettings#LOUDNESS_PRESETS}). Returns the settings now stored; the final video is
     * stale when it changed.
     */
    RenderOptions setLoudness(int projectId, double target);

    /**
     * Makes {@code style} the project's subtitle style, burned in always; null takes it out (classic, burned in only
     * without a voiceover). Returns the settings now stored; only the final video is stale.
     */
    RenderOptions setSubtitleStyle(int projectId, ai.cinboard.domain.SubtitleStyle style);
}
