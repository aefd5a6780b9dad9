package ai.cinboard.domain;

/** A row of {@code scene_characters} (added by migration): which characters appear in which scene. */
public record SceneCharacter(Integer sceneId, Integer characterId) {}
