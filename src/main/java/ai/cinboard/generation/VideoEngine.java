package ai.cinboard.generation;

/** Turns a scene's keyframes into a clip. */
public interface VideoEngine {
    String name();

    /**
     * Everything about this engine that changes what it makes: kind, model, steps, voice. Part of every
     * fingerprint, so switching a model makes its artefacts stale and two studios never share a cache entry.
     */
    default String identity() {
        return name();
    }

    GeneratedClip clip(ClipRequest request, Progress progress);
}
