package ai.cinboard.text.translate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of the translation phase. "Skipped" is a normal outcome (no engine configured, or the story
 * is already in the target language): the phase ends skipped with {@link #reason()}, not failed.
 *
 * @param text   the translation, or null when skipped
 * @param cached true when the translation came from the cache rather than the engine
 */
public record TranslationOutcome(
        Status status,
        String text,
        String sourceLanguage,
        String targetLanguage,
        String engine,
        String reason,
        boolean cached) {
    public enum Status {
        TRANSLATED,
        SKIPPED
    }

    public static TranslationOutcome translated(
            String text, String source, String target, String engine, boolean cached) {
        return new TranslationOutcome(Status.TRANSLATED, text, source, target, engine, null, cached);
    }

    public static TranslationOutcome skipped(String source, String target, String engine, String reason) {
        return new TranslationOutcome(Status.SKIPPED, null, source, target, engine, reason, false);
    }

    public boolean isSkipped() {
        return status == Status.SKIPPED;
    }

    /** The {@code input_records.translation_result} JSONB value. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status == Status.TRANSLATED ? "translated" : "skipped");
        json.put("engine", engine);
        json.put("source_language", sourceLanguage);
        json.put("target_language", targetLanguage);
        if (status == Status.TRANSLATED) {
            json.put("translated_text", text);
            json.put("cached", cached);
        } else {
            json.put("reason", reason);
        }
        return json;
    }
}
