package ai.cinboard.generation;

/**
 * A character's reference sheet: a front view ({@code variation} 0) or one of its variations. {@code take} is
 * 1-based: a further take of the same look is a different picture (expression, pose).
 */
public record CharacterSheetRequest(CharacterLook character, int variation, int width, int height, int take) {
    public CharacterSheetRequest(CharacterLook character, int variation, int width, int height) {
        this(character, variation, width, height, 1);
    }
}
