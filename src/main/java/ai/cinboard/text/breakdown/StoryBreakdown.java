package ai.cinboard.text.breakdown;

/** Splits a story into scenes and characters: by rules ({@link SceneBreakdown}) or by a chat model ({@link LlmSceneBreakdown}). */
@FunctionalInterface
public interface StoryBreakdown {
    Breakdown breakdown(String text, String fileName);

    /**
     * The same, for a story whose language intake has already detected: the rules read it with that language's
     * cues (and those of any other language found in it) instead of detecting it again.
     */
    default Breakdown breakdown(String text, String fileName, ai.cinboard.text.LanguageDetector.Detection language) {
        return breakdown(text, fileName);
    }
}
