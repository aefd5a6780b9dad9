package ai.cinboard.generation;

import java.util.List;

/**
 * One keyframe panel. {@code caption} is in the story's own language and script; {@code prompt} is the
 * description translated for image models. {@code seed} is derived from the scene, the consistency keys and the
 * take; {@code take} (1-based) is which attempt at this keyframe it is.
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
        int height,
        int take) {
    /** Take 1: the first picture of a keyframe. */
    public KeyframeRequest(
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
            int height) {
        this(
                heading,
                location,
                timeOfDay,
                description,
                prompt,
                caption,
                language,
                shot,
                characters,
                seed,
                width,
                height,
                1);
    }
}
