package ai.cinboard.generation;

/** Makes still images: character sheets and keyframe panels. */
public interface ImageEngine {
    String name();

    /**
     * Everything about this engine that changes what it makes: kind, model, steps, voice. Part of every
     * fingerprint, so switching a model makes its artefacts stale and two studios never share a cache entry.
     */
    default String identity() {
        return name();
    }

    /**
     * Whether a keyframe is drawn from its characters' reference images (a remote model conditioned on them), so
     * a new take of a character changes the keyframes it is in. An engine that draws characters from their looks
     * alone says no: their keyframes don't change with a character's take, and are not made again for one.
     */
    default boolean drawsFromReferences() {
        return true;
    }

    /**
     * Whether a keyframe shows its {@link KeyframeRequest#caption()} drawn into the picture (the offline engine's
     * storyboard panels do; a model's pictures don't), so whether a keyframe with its caption and one without
     * differ.
     */
    default boolean drawsCaptions() {
        return false;
    }

    GeneratedImage characterSheet(CharacterSheetRequest request, Progress progress);

    GeneratedImage keyframe(KeyframeRequest request, Progress progress);
}
