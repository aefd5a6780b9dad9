package ai.cinboard.text.breakdown;

/**
 * A character before it is stored: {@code characterId} is a slug unique within the story,
 * {@code consistencyKey} is stable for the same story and name (see {@link CharacterKeys}).
 */
public record CharacterDraft(String characterId, String name, String description, String consistencyKey) {}
