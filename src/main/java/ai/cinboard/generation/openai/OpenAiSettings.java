package ai.cinboard.generation.openai;

import ai.cinboard.domain.settings.SettingsRegistry;
import ai.cinboard.generation.remote.HttpSettings;
import ai.cinboard.generation.remote.Secrets;
import java.net.URI;
import java.util.Objects;

/**
 * One OpenAI-compatible server (the hosted API, Ollama, llama.cpp, LocalAI, Kokoro-FastAPI …).
 * The app maps CINBOARD_OPENAI_BASE_URL, CINBOARD_OPENAI_API_KEY, CINBOARD_OPENAI_CHAT_MODEL,
 * CINBOARD_OPENAI_IMAGE_MODEL, CINBOARD_OPENAI_SPEECH_MODEL and CINBOARD_OPENAI_VOICE onto these fields.
 *
 * @param baseUrl     API root including the version segment, e.g. {@code http://127.0.0.1:11434/v1}
 * @param apiKey      may be null or blank for local servers that do not check it
 * @param imageSize   "WxH" to send instead of the request's size, for servers that accept only a few
 *                    sizes (DALL·E 3: 1024x1024, 1792x1024, 1024x1792); null to send the gpt-image size of
 *                    the frame's shape (1536x1024, 1024x1536 or 1024x1024)
 */
public record OpenAiSettings(
        URI baseUrl,
        String apiKey,
        String chatModel,
        String imageModel,
        String speechModel,
        String voice,
        String imageSize,
        HttpSettings http) {

    public static final String BASE_URL_SETTING = SettingsRegistry.OPENAI_BASE_URL.name();
    public static final String API_KEY_SETTING = SettingsRegistry.OPENAI_API_KEY.name();

    public OpenAiSettings {
        Objects.requireNonNull(baseUrl, BASE_URL_SETTING);
        Objects.requireNonNull(http, "http");
        String s = baseUrl.toString();
        // Joining "/chat/completions" onto ".../v1/" would give "//chat"; normalise once here.
        if (s.endsWith("/")) {
            baseUrl = URI.create(s.substring(0, s.length() - 1));
        }
    }

    /** Defaults matching the hosted API's model names; local servers override them. */
    public static OpenAiSettings of(URI baseUrl, String apiKey) {
        return new OpenAiSettings(
                baseUrl,
                apiKey,
                SettingsRegistry.OPENAI_CHAT_MODEL.defaultValue(),
                SettingsRegistry.OPENAI_IMAGE_MODEL.defaultValue(),
                SettingsRegistry.OPENAI_SPEECH_MODEL.defaultValue(),
                SettingsRegistry.OPENAI_VOICE.defaultValue(),
                null,
                HttpSettings.defaults());
    }

    public OpenAiSettings withHttp(HttpSettings h) {
        return new OpenAiSettings(baseUrl, apiKey, chatModel, imageModel, speechModel, voice, imageSize, h);
    }

    public OpenAiSettings withModels(String chat, String image, String speech, String voiceName) {
        return new OpenAiSettings(baseUrl, apiKey, chat, image, speech, voiceName, imageSize, http);
    }

    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }

    /** Masks the key: records print every field, and settings objects end up in logs. */
    @Override
    public String toString() {
        return "OpenAiSettings[baseUrl=" + baseUrl + ", apiKey=" + Secrets.mask(apiKey) + ", chatModel=" + chatModel
                + ", imageModel=" + imageModel + ", speechModel=" + speechModel + ", voice=" + voice
                + ", imageSize=" + imageSize + ", http=" + http + "]";
    }
}
