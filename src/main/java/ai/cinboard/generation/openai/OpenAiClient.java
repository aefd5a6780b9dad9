package ai.cinboard.generation.openai;

import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.settings.SettingsRegistry;
import ai.cinboard.generation.remote.Json;
import ai.cinboard.generation.remote.RemoteHttp;
import ai.cinboard.generation.remote.Secrets;
import ai.cinboard.media.UrlGuard;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire to one OpenAI-compatible server, shared by the text, image and speech engines of that server so
 * they share its concurrency limit. Turns the server's {@code {"error":{"message","type","code"}}} bodies
 * (or Ollama's {@code {"error":"…"}}) into messages naming the setting to fix.
 */
public final class OpenAiClient {
    static final String ENGINE = "OpenAI-compatible server";

    private final OpenAiSettings settings;
    private final RemoteHttp http;
    private final UrlGuard imageUrls;

    public OpenAiClient(OpenAiSettings settings) {
        this(settings, InetAddress::getAllByName);
    }

    /**
     * @param resolver how the SSRF guard on image URLs resolves host names (tests make a name look public or
     *     internal with it)
     */
    public OpenAiClient(OpenAiSettings settings, UrlGuard.Resolver resolver) {
        this.settings = settings;
        this.http = new RemoteHttp(ENGINE, OpenAiSettings.BASE_URL_SETTING, settings.http(), this::mapError);
        // The server itself may be on this machine (Ollama, LocalAI); anything else must be a public address.
        this.imageUrls = new UrlGuard(List.of(settings.baseUrl()), resolver);
    }

    public OpenAiSettings settings() {
        return settings;
    }

    RemoteHttp http() {
        return http;
    }

    /** For "Test connection": the model ids the server offers (GET /models). */
    public List<String> listModels() {
        RemoteHttp.Response r = http.send(request("/models").GET());
        JsonNode root = Json.parse(ENGINE, "/models", r.text());
        List<String> ids = new ArrayList<>();
        for (JsonNode m : root.path("data")) {
            if (m.hasNonNull("id")) {
                ids.add(m.get("id").asText());
            }
        }
        return ids;
    }

    /**
     * For "Test connection" of speech: the voices the server offers. Kokoro-FastAPI and some LocalAI builds
     * answer GET /audio/voices with {@code {"voices": [...]}}; the hosted API has no such list, so an absent
     * endpoint gives an empty list rather than an error.
     */
    public List<String> listVoices() {
        var r = http.sendControl(request("/audio/voices").GET());
        if (r.isEmpty() || r.get().status() != 200) {
            return List.of();
        }
        List<String> voices = new ArrayList<>();
        try {
            JsonNode root = Json.MAPPER.readTree(r.get().body());
            JsonNode list = root.isArray() ? root : root.path("voices");
            for (JsonNode v : list) {
                String id = v.isTextual()
                        ? v.asText()
                        : v.path("id").asText(v.path("name").asText(""));
                if (!id.isEmpty()) {
                    voices.add(id);
                }
            }
        } catch (Exception notJson) {
            return List.of();
        }
        return voices;
    }

    JsonNode postJson(String path, JsonNode body) {
        RemoteHttp.Response r = http.send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))));
        return Json.parse(ENGINE, path, r.text());
    }

    /**
     * multipart/form-data: every text field, then one PNG file part {@code fileField} (for /images/edits).
     * Fields are written in order; the answer is parsed as JSON.
     */
    JsonNode postMultipart(String path, java.util.Map<String, String> fields, String fileField, byte[] png) {
        String boundary = "cinboard-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        fields.forEach((name, value) -> body.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                        .getBytes(utf8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                        + "\"; filename=\"reference.png\"\r\nContent-Type: image/png\r\n\r\n")
                .getBytes(utf8));
        body.writeBytes(png);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(utf8));
        RemoteHttp.Response r = http.send(request(path)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        return Json.parse(ENGINE, path, r.text());
    }

    RemoteHttp.Response postForBytes(String path, JsonNode body) {
        return http.send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))));
    }

    /**
     * Downloads an image URL the server answered with. The key goes only to the server's own origin. Every hop
     * (the URL and each redirect) passes the SSRF guard first: the server's own origin, or public addresses
     * only, so an answer can't make the studio fetch a cloud metadata endpoint or a service on the LAN.
     */
    byte[] download(String url) {
        URI uri = URI.create(url);
        if (!uri.isAbsolute()) {
            uri = URI.create(settings.baseUrl().toString() + (url.startsWith("/") ? "" : "/"))
                    .resolve(url);
        }
        for (int hops = 0; hops < 5; hops++) {
            uri = imageUrls.check(
                    uri.toString(),
                    ENGINE + " image URLs are downloaded only from the server itself ("
                            + OpenAiSettings.BASE_URL_SETTING
                            + ") and public addresses; ask the server for b64_json images instead.");
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
            if (sameOrigin(uri, settings.baseUrl()) && settings.hasApiKey()) {
                b.header("Authorization", "Bearer " + settings.apiKey());
            }
            RemoteHttp.Response r = http.send(b);
            if (r.status() < 300 || r.status() >= 400) {
                return r.body();
            }
            // Signed storage URLs often redirect; follow by hand so the key never leaves our server's origin.
            String location = r.headers()
                    .firstValue("Location")
                    .orElseThrow(() -> new StudioException(ENGINE + ": the image URL redirected without a Location."));
            uri = uri.resolve(location);
        }
        throw new StudioException(ENGINE + ": the image URL redirected too many times.");
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(settings.baseUrl() + path)).header("Accept", "application/json");
        if (settings.hasApiKey()) {
            b.header("Authorization", "Bearer " + settings.apiKey());
        }
        return b;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getAuthority().equalsIgnoreCase(b.getAuthority());
    }

    private StudioException mapError(int status, String body, HttpRequest request) {
        String path = request.uri().getPath();
        String message = body;
        String code = "";
        try {
            JsonNode error = Json.MAPPER.readTree(body).path("error");
            if (error.isTextual()) {
                message = error.asText();
            } else if (error.isObject()) {
                message = error.path("message").asText(body);
                code = error.path("code").asText("") + " " + error.path("type").asText("");
            }
        } catch (Exception notJson) {
            // Proxies answer with HTML; keep the raw (abbreviated) body as the message.
        }
        message = RemoteHttp.abbreviate(message, 400);
        String modelSetting = modelSettingFor(path);
        String lower = (message + " " + code).toLowerCase(java.util.Locale.ROOT);
        String text;
        if (status == 401 || status == 403) {
            text = ENGINE + " at " + settings.baseUrl() + " rejected the API key " + Secrets.mask(settings.apiKey())
                    + " (HTTP " + status + ": " + message + "). Set " + OpenAiSettings.API_KEY_SETTING
                    + " to a valid key in Settings › OpenAI.";
        } else if (status == 404
                && (lower.contains("model") || lower.contains("not_found") && !lower.contains("route"))) {
            text = ENGINE + " does not know the model '" + modelFor(path) + "' (" + message + "). Set " + modelSetting
                    + " to one of the models \"Test connection\" lists.";
        } else if (status == 404) {
            text = ENGINE + " has no endpoint " + path + " (HTTP 404). Check " + OpenAiSettings.BASE_URL_SETTING
                    + " — it usually ends in /v1 — and that this server offers " + what(path) + ".";
        } else {
            text = ENGINE + " rejected " + path + " (HTTP " + status + "): " + message
                    + (lower.contains("model") ? " Check " + modelSetting + "." : "");
        }
        return new OpenAiRequestRejected(text, status, message);
    }

    private String modelSettingFor(String path) {
        if (path.endsWith("/images/generations") || path.endsWith("/images/edits")) {
            return SettingsRegistry.OPENAI_IMAGE_MODEL.name();
        }
        if (path.endsWith("/audio/speech")) {
            return SettingsRegistry.OPENAI_SPEECH_MODEL.name();
        }
        return SettingsRegistry.OPENAI_CHAT_MODEL.name();
    }

    private String modelFor(String path) {
        if (path.endsWith("/images/generations") || path.endsWith("/images/edits")) {
            return settings.imageModel();
        }
        if (path.endsWith("/audio/speech")) {
            return settings.speechModel();
        }
        return settings.chatModel();
    }

    private static String what(String path) {
        if (path.endsWith("/images/generations") || path.endsWith("/images/edits")) {
            return "image generation";
        }
        if (path.endsWith("/audio/speech")) {
            return "speech";
        }
        if (path.endsWith("/models")) {
            return "a model list";
        }
        return "chat completions";
    }
}
