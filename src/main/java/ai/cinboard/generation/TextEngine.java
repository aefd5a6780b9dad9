package ai.cinboard.generation;

import java.util.Map;

/**
 * A language model that answers with JSON. Used for breakdown, translation and moderation.
 * {@code jsonSchema} is a JSON Schema the answer must follow; the engine validates before returning.
 */
public interface TextEngine {
    String name();

    String completeJson(String systemPrompt, String userPrompt, String schemaName, Map<String, Object> jsonSchema);
}
