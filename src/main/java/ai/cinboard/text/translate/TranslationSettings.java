package ai.cinboard.text.translate;

import ai.cinboard.cache.Cache;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.settings.SettingsRegistry;
import ai.cinboard.generation.TextEngine;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The translation settings the issue shares with other parts of the studio, read from a map of
 * environment-style names (the app layer passes {@code System.getenv()} merged with the config file).
 */
public record TranslationSettings(
        String engine, String libreTranslateUrl, String libreTranslateApiKey, String translateTo, Duration timeout) {
    public static final String ENGINE = SettingsRegistry.TRANSLATION_ENGINE.name();
    public static final String TRANSLATE_TO = SettingsRegistry.TRANSLATE_TO.name();

    public static TranslationSettings from(Map<String, String> env) {
        String engine = env.getOrDefault(ENGINE, "none").strip().toLowerCase(Locale.ROOT);
        if (engine.isEmpty()) {
            engine = "none";
        }
        String to = env.getOrDefault(TRANSLATE_TO, "en").strip();
        return new TranslationSettings(
                engine,
                env.get(LibreTranslateTranslator.URL_SETTING),
                env.get(LibreTranslateTranslator.API_KEY_SETTING),
                to.isEmpty() ? "en" : to,
                LibreTranslateTranslator.DEFAULT_TIMEOUT);
    }

    /**
     * Builds the configured translator, wrapped in the cache.
     *
     * @param chatEngine supplies the OpenAI-compatible text engine (built by the app layer from
     *                   CINBOARD_OPENAI_*); only called when the engine is "openai"
     */
    public Translator build(Supplier<TextEngine> chatEngine, Cache cache) {
        Translator translator = switch (engine) {
            case "none" -> Translator.none();
            case "libretranslate" -> new LibreTranslateTranslator(libreTranslateUrl, libreTranslateApiKey, timeout);
            case "openai" -> new ChatTranslator(chatEngine.get());
            default ->
                throw new StudioException(ENGINE + " is '" + engine
                        + "', which is not an engine the studio knows. Use none, libretranslate or openai.");
        };
        return "none".equals(engine) ? translator : new CachingTranslator(translator, cache);
    }
}
