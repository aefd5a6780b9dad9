package ai.cinboard.text.policy;

/** The spec's content-policy categories. Only sexual content involving minors blocks; the rest flag. */
public enum PolicyCategory {
    SEXUAL_MINORS("sexual/minors", true),
    VIOLENCE_GRAPHIC("violence/graphic", false),
    HATE("hate", false),
    SELF_HARM("self-harm", false),
    SEXUAL("sexual", false);

    private final String key;
    private final boolean blocks;

    PolicyCategory(String key, boolean blocks) {
        this.key = key;
        this.blocks = blocks;
    }

    /** The name used in the JSONB verdict, matching OpenAI's moderation category names. */
    public String key() {
        return key;
    }

    public boolean blocks() {
        return blocks;
    }
}
