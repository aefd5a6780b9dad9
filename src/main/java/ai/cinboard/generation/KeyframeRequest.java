package ai.cinboard.generation;

import java.util.List;

/**
 * One keyframe panel. {@code caption} is in the story's own language and script; {@code prompt} is the
 * description translated for image models. {@code seed} is derived from the scene and the consistency keys.
 */
public record KeyframeRequest(
        String heading,
        String location,
        String timeOfDay,
        String description,
        String prompt,
        String caption,
        String language,
        ShotType shot,
        List<CharacterLook> characters,
        long seed,
        int width,
        int height) {}
