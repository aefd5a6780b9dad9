package ai.cinboard.text.breakdown;

import java.util.List;

/**
 * Scenes and characters found in a story. {@code method} says how, for the processing status:
 * "fountain", "prose", "llm", or "prose (llm answer rejected: ...)".
 */
public record Breakdown(List<SceneDraft> scenes, List<CharacterDraft> characters, String method) {
    public Breakdown {
        scenes = List.copyOf(scenes);
        characters = List.copyOf(characters);
    }
}
