package ai.cinboard.text.translate;

import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.settings.SettingsRegistry;
import ai.cinboard.text.TextChunks;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The LibreTranslate engine: {@code POST {url}/translate} with {@code {q, source, target, format, api_key}},
 * answered by {@code {translatedText}} or, on failure, {@code {error}}.
 */
public final class LibreTranslateTranslator implements Translator {
    public static final String URL_SETTING = SettingsRegistry.LIBRETRANSLATE_URL.name();
    /** Not among the shared names: our own, for servers that require a key. */
    public static final String API_KEY_SETTING = SettingsRegistry.LIBRETRANSLATE_API_KEY.name();

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** LibreTranslate's own default per-request limit is 5,000 characters; stay safely under it. */
    static final int MAX_CHUNK_CHARS = 4_500;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient http;

    public LibreTranslateTranslator(String baseUrl, String apiKey, Duration timeout) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new StudioException("No LibreTranslate server is set. Set " + URL_SETTING
                    + " (e.g. http://localhost:5000) or set CINBOARD_TRANSLATION_ENGINE=none.");
        }
        String base = baseUrl.strip().replaceAll("/+$", "");
        try {
            this.endpoint = URI.create(base + "/translate");
            if (endpoint.getScheme() == null || !endpoint.getScheme().startsWith("http")) {
                throw new IllegalArgumentException("not http(s)");
            }
        } catch (IllegalArgumentException e) {
            throw new StudioException(
                    URL_SETTING + " is not a valid http(s) URL: '" + baseUrl
                            + "'. Set it to the server's address, e.g. http://localhost:5000.",
                    e);
        }
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return "libretranslate";
    }

    @Override
    public String translateText(String text, String sourceLanguage, String targetLanguage) {
        return TextChunks.mapChunks(text, MAX_CHUNK_CHARS, chunk -> request(chunk, sourceLanguage, targetLanguage));
    }

    private String request(String chunk, String source, String target) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("q", chunk);
        body.put("source", source);
        body.put("target", target);
        body.put("format", "text");
        if (apiKey != null) {
            body.put("api_key", apiKey);
        }
        HttpResponse<String> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new StudioException(
                    "LibreTranslate at " + endpoint + " did not answer within " + timeout.toSeconds()
                            + " s. Check that the server is running and not overloaded, or check " + URL_SETTING + ".",
                    e);
        } catch (ConnectException e) {
            throw new StudioException(
                    "Cannot connect to LibreTranslate at " + endpoint + ". Start the server or correct " + URL_SETTING
                            + ".",
                    e);
        } catch (IOException e) {
            throw new StudioException(
                    "The connection to LibreTranslate at " + endpoint + " failed (" + e.getMessage() + "). Check "
                            + URL_SETTING + " and the network.",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StudioException("Translation was cancelled.", e);
        }
        return parse(response, source, target);
    }

    private String parse(HttpResponse<String> response, String source, String target) {
        int status = response.statusCode();
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            json = null;
        }
        String error = json != null && json.path("error").isTextual()
                ? json.path("error").asText()
                : null;
        if (status == 401 || status == 403) {
            throw new StudioException(
                    "LibreTranslate refused the API key (" + status + (error == null ? "" : ": " + error) + "). Set "
                            + API_KEY_SETTING + " to a valid key for " + endpoint + ".");
        }
        if (status >= 400 && status < 500) {
            throw new StudioException(
                    "LibreTranslate rejected the request from " + source + " to " + target + " (" + status
                            + (error == null ? "" : ": " + error) + "). Check that the server supports both languages, "
                            + "or change CINBOARD_TRANSLATE_TO.");
        }
        if (status >= 500) {
            throw new StudioException(
                    "LibreTranslate at " + endpoint + " failed with " + status + (error == null ? "" : ": " + error)
                            + ". Try again later or check the server's log and " + URL_SETTING + ".");
        }
        if (json == null || !json.path("translatedText").isTextual()) {
            throw new StudioException("The server at " + endpoint + " did not answer like LibreTranslate "
                    + "(no translatedText in its reply). Check that " + URL_SETTING
                    + " points at a LibreTranslate server.");
        }
        return json.path("translatedText").asText();
    }
}
