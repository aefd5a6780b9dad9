package ai.cinboard.generation;

/** A character's reference sheet: a front view ({@code variation} 0) or one of its variations. */
public record CharacterSheetRequest(CharacterLook character, int variation, int width, int height) {}
