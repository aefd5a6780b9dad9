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

    GeneratedImage characterSheet(CharacterSheetRequest request, Progress progress);

    GeneratedImage keyframe(KeyframeRequest request, Progress progress);
}
