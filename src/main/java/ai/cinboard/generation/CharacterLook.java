package ai.cinboard.generation;

/**
 * What an engine needs to draw a character the same way everywhere. {@code referencePng} is the
 * character's reference image once it exists (null while the sheet itself is being made).
 */
public record CharacterLook(String name, String description, String consistencyKey, byte[] referencePng) {}
