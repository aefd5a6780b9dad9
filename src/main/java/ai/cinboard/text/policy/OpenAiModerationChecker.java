package ai.cinboard.text.policy;

import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.settings.SettingsRegistry;
import ai.cinboard.text.TextChunks;
import ai.cinboard.text.policy.PolicyVerdict.CategoryResult;
import ai.cinboard.text.policy.PolicyVerdict.Verdict;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Optional moderation by an OpenAI-compatible {@code POST {base}/moderations}: {@code {input, model}} in,
 * {@code results[i].flagged / categories / category_scores} out. Long stories go as an array of chunks;
 * per category the highest score over all chunks counts.
 */
public final class OpenAiModerationChecker implements ContentPolicy {
    public static final String BASE_URL_SETTING = SettingsRegistry.OPENAI_BASE_URL.name();
    public static final String API_KEY_SETTING = SettingsRegistry.OPENAI_API_KEY.name();
    public static final String DEFAULT_MODEL = SettingsRegistry.OPENAI_MODERATION_MODEL.defaultValue();
    /** OpenAI documents no hard limit per array item; a few thousand characters keeps requests modest. */
    static final int MAX_CHUNK_CHARS = 8_000;
    /** Remote scores below this are not reported, to keep the JSONB readable. */
    static final double MIN_REPORTED_SCORE = 0.01;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, PolicyCategory> CATEGORY_NAMES = Map.of(
            "sexual/minors", PolicyCategory.SEXUAL_MINORS,
            "violence/graphic", PolicyCategory.VIOLENCE_GRAPHIC,
            "hate", PolicyCategory.HATE,
            "hate/threatening", PolicyCategory.HATE,
            "self-harm", PolicyCategory.SELF_HARM,
            "self-harm/intent", PolicyCategory.SELF_HARM,
            "self-harm/instructions", PolicyCategory.SELF_HARM,
            "sexual", PolicyCategory.SEXUAL);

    private final URI endpoint;
    private final String apiKey;
    private final String model;
    private final Duration timeout;
    private final HttpClient http;

    public OpenAiModerationChecker(String baseUrl, String apiKey, String model, Duration timeout) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new StudioException("No moderation server is set. Set " + BASE_URL_SETTING
                    + " (e.g. https://api.openai.com/v1) or use the local content policy only.");
        }
        try {
            this.endpoint = URI.create(baseUrl.strip().replaceAll("/+$", "") + "/moderations");
            if (endpoint.getScheme() == null || !endpoint.getScheme().startsWith("http")) {
                throw new IllegalArgumentException("not http(s)");
            }
        } catch (IllegalArgumentException e) {
            throw new StudioException(BASE_URL_SETTING + " is not a valid http(s) URL: '" + baseUrl + "'.", e);
        }
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.model = model == null || model.isBlank() ? DEFAULT_MODEL : model;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public PolicyVerdict check(String text, String language) {
        List<String> chunks = TextChunks.split(text == null ? "" : text, MAX_CHUNK_CHARS);
        if (chunks.isEmpty()) {
            return new PolicyVerdict(Verdict.ALLOW, Map.of(), "openai-moderation:" + model, Set.of(), false);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("input", chunks);
        body.put("model", model);
        HttpResponse<String> response;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
            if (apiKey != null) {
                request.header("Authorization", "Bearer " + apiKey);
            }
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new StudioException(
                    "The moderation server at " + endpoint + " did not answer within " + timeout.toSeconds()
                            + " s. Check " + BASE_URL_SETTING + " or turn remote moderation off.",
                    e);
        } catch (IOException e) {
            throw new StudioException(
                    "Cannot reach the moderation server at " + endpoint + " (" + e.getMessage() + "). Check "
                            + BASE_URL_SETTING + ".",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StudioException("The content check was cancelled.", e);
        }
        return parse(response);
    }

    private PolicyVerdict parse(HttpResponse<String> response) {
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            json = null;
        }
        int status = response.statusCode();
        String error = json == null ? null : json.path("error").path("message").asText(null);
        if (status == 401 || status == 403) {
            throw new StudioException("The moderation server refused the API key (" + status + "). Set "
                    + API_KEY_SETTING + " to a valid key.");
        }
        if (status >= 400) {
            throw new StudioException("The moderation server answered " + status + (error == null ? "" : ": " + error)
                    + ". Check " + BASE_URL_SETTING + " and the model '" + model + "'.");
        }
        if (json == null
                || !json.path("results").isArray()
                || json.path("results").isEmpty()) {
            throw new StudioException("The server at " + endpoint + " did not answer in the moderation format "
                    + "(no results). Check that " + BASE_URL_SETTING + " points at an OpenAI-compatible server.");
        }
        Map<PolicyCategory, Double> scores = new EnumMap<>(PolicyCategory.class);
        boolean flagged = false;
        boolean minors = false;
        for (JsonNode result : json.path("results")) {
            flagged |= result.path("flagged").asBoolean(false);
            minors |= result.path("categories").path("sexual/minors").asBoolean(false);
            result.path("category_scores").properties().forEach(e -> {
                PolicyCategory c = CATEGORY_NAMES.get(e.getKey());
                if (c != null && e.getValue().isNumber()) {
                    scores.merge(c, e.getValue().asDouble(), Math::max);
                }
            });
        }
        Map<PolicyCategory, CategoryResult> categories = new EnumMap<>(PolicyCategory.class);
        scores.forEach((c, score) -> {
            if (score >= MIN_REPORTED_SCORE) {
                categories.put(c, new CategoryResult(Math.round(score * 100) / 100.0, List.of()));
            }
        });
        Verdict verdict = minors ? Verdict.BLOCK : flagged ? Verdict.FLAG : Verdict.ALLOW;
        // OpenAI's moderation models are multilingual; we can't name a list, so no language is claimed.
        return new PolicyVerdict(verdict, categories, "openai-moderation:" + model, Set.of(), false);
    }
}
