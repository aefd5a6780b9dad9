package ai.cinboard.generation;

/** Turns a scene's keyframes into a clip. */
public interface VideoEngine {
    String name();

    GeneratedClip clip(ClipRequest request, Progress progress);
}
