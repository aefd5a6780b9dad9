package ai.cinboard.generation;

/** Makes still images: character sheets and keyframe panels. */
public interface ImageEngine {
    String name();

    GeneratedImage characterSheet(CharacterSheetRequest request, Progress progress);

    GeneratedImage keyframe(KeyframeRequest request, Progress progress);
}
