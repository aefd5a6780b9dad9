package ai.cinboard.text.breakdown;

/** Splits a story into scenes and characters: by rules ({@link SceneBreakdown}) or by a chat model ({@link LlmSceneBreakdown}). */
@FunctionalInterface
public interface StoryBreakdown {
    Breakdown breakdown(String text, String fileName);
}
