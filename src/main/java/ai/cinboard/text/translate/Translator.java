package ai.cinboard.text.translate;

import java.util.Locale;

/**
 * Port for translation engines. Engines implement {@link #translateText}; callers use {@link #translate},
 * which turns the two "nothing to do" cases into a skipped outcome before any engine is called.
 * Languages are ISO 639-1 codes; a region suffix ("en-GB") is ignored when comparing.
 */
public interface Translator {
    /** Short engine name for the JSONB result and the UI, e.g. "libretranslate". */
    String name();

    /**
     * Translates non-blank text between two different languages.
     *
     * @throws ai.cinboard.domain.StudioException naming the setting to check when the engine fails
     */
    String translateText(String text, String sourceLanguage, String targetLanguage);

    default TranslationOutcome translate(String text, String sourceLanguage, String targetLanguage) {
        String source = primary(sourceLanguage);
        String target = primary(targetLanguage);
        if (source.equals(target)) {
            return TranslationOutcome.skipped(
                    source, target, name(), "the story is already in the target language (" + target + ")");
        }
        if (text == null || text.isBlank()) {
            return TranslationOutcome.skipped(source, target, name(), "there is no text to translate");
        }
        return TranslationOutcome.translated(translateText(text, source, target), source, target, name(), false);
    }

    /** "pt-BR" → "pt"; blank or null → "und" (undetermined, which never equals a real target). */
    static String primary(String language) {
        if (language == null || language.isBlank()) {
            return "und";
        }
        String s = language.strip().toLowerCase(Locale.ROOT);
        int cut = s.indexOf('-') >= 0 ? s.indexOf('-') : s.indexOf('_');
        return cut > 0 ? s.substring(0, cut) : s;
    }

    /** The engine used when {@code CINBOARD_TRANSLATION_ENGINE} is {@code none} or unset. */
    static Translator none() {
        return new Translator() {
            @Override
            public String name() {
                return "none";
            }

            @Override
            public String translateText(String text, String sourceLanguage, String targetLanguage) {
                throw new IllegalStateException("the 'none' engine never translates");
            }

            @Override
            public TranslationOutcome translate(String text, String sourceLanguage, String targetLanguage) {
                String source = primary(sourceLanguage);
                String target = primary(targetLanguage);
                String reason = source.equals(target)
                        ? "the story is already in the target language (" + target + ")"
                        : "no translation engine is configured (set CINBOARD_TRANSLATION_ENGINE to libretranslate or openai)";
                return TranslationOutcome.skipped(source, target, name(), reason);
            }
        };
    }
}
