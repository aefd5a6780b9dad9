package ai.cinboard.text.breakdown;

import ai.cinboard.domain.Line;
import java.math.BigDecimal;
import java.util.List;

/**
 * A scene before it is stored. {@code number} counts from 1 in story order; {@code location} and
 * {@code timeOfDay} may be null when the text does not say; {@code characterNames} are
 * {@link CharacterDraft#name()}s in order of first appearance in the scene.
 */
public record SceneDraft(
        int number,
        String heading,
        String location,
        String timeOfDay,
        String text,
        BigDecimal durationSeconds,
        List<String> characterNames,
        List<Line> lines) {
    public SceneDraft {
        characterNames = List.copyOf(characterNames);
        lines = List.copyOf(lines);
    }
}
