package ai.cinboard.generation.openai;

import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.settings.SettingsRegistry;
import ai.cinboard.generation.CharacterLook;
import ai.cinboard.generation.CharacterSheetRequest;
import ai.cinboard.generation.GeneratedImage;
import ai.cinboard.generation.ImageEngine;
import ai.cinboard.generation.KeyframeRequest;
import ai.cinboard.generation.Progress;
import ai.cinboard.generation.remote.Consistency;
import ai.cinboard.generation.remote.ImageBytes;
import ai.cinboard.generation.remote.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /images/generations} with {@code {model, prompt, size, n: 1, response_format: "b64_json", seed}}.
 * Answers come as {@code data[0].b64_json} or {@code data[0].url} (downloaded). Servers differ in which
 * optional parameters they take: the hosted API rejects {@code seed}, gpt-image-1 rejects
 * {@code response_format}, while LocalAI and sd.cpp servers honour both. A 400 naming one of them drops it
 * and the engine remembers that for this server. Every keyframe prompt carries each character's prompt
 * block (see {@link Consistency}). A keyframe with a character that has a reference image goes to
 * {@code POST /images/edits} (multipart, the reference as {@code image}), so the character's look carries over
 * as with img2img; a server without that endpoint (404, 405, 501) is remembered and gets
 * {@code /images/generations}, where the block and the seed alone hold the look.
 */
public final class OpenAiImageEngine implements ImageEngine {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiImageEngine.class);
    private static final String[] OPTIONAL = {"seed", "response_format"};

    private final OpenAiClient client;
    private final Set<String> rejectedParameters = ConcurrentHashMap.newKeySet();
    private volatile boolean editsUnsupported;

    public OpenAiImageEngine(OpenAiClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return "openai";
    }

    /** The server and model make the image: another model's images are not these. */
    @Override
    public String identity() {
        return name() + "|" + client.settings().baseUrl() + "|"
                + client.settings().imageModel() + "|" + client.settings().imageSize();
    }

    @Override
    public GeneratedImage characterSheet(CharacterSheetRequest request, Progress progress) {
        String prompt = Consistency.characterSheetPrompt(request.character(), request.variation());
        long seed = Consistency.characterSheetSeed(request.character(), request.variation());
        return generate(prompt, seed, request.width(), request.height(), null, progress);
    }

    @Override
    public GeneratedImage keyframe(KeyframeRequest request, Progress progress) {
        Optional<CharacterLook> anchor = editsUnsupported ? Optional.empty() : Consistency.anchor(request);
        if (anchor.isPresent()) {
            try {
                return generate(
                        Consistency.keyframePrompt(request),
                        Consistency.keyframeSeed(request),
                        request.width(),
                        request.height(),
                        anchor.get(),
                        progress);
            } catch (OpenAiRequestRejected e) {
                if (e.status() != 404 && e.status() != 405 && e.status() != 501) {
                    throw e;
                }
                LOG.info(
                        "{} has no /images/edits (HTTP {}); keyframes go to /images/generations from now on",
                        client.settings().baseUrl(),
                        e.status());
                editsUnsupported = true;
            }
        }
        return generate(
                Consistency.keyframePrompt(request),
                Consistency.keyframeSeed(request),
                request.width(),
                request.height(),
                null,
                progress);
    }

    /**
     * The image size OpenAI's image models offer for a frame of this shape: 1536x1024 for a wide frame, 1024x1536
     * for a vertical one, 1024x1024 for a square; the studio fits the picture to the frame (keyframes are scaled
     * to cover it). A size given in {@link OpenAiSettings#imageSize} wins.
     */
    static String size(int width, int height) {
        if (width == height) {
            return "1024x1024";
        }
        return width > height ? "1536x1024" : "1024x1536";
    }

    /** {@code reference} null: /images/generations; otherwise /images/edits with its reference image. */
    private GeneratedImage generate(
            String prompt, long seed, int width, int height, CharacterLook reference, Progress progress) {
        String size = client.settings().imageSize() != null ? client.settings().imageSize() : size(width, height);
        String path = reference == null ? "/images/generations" : "/images/edits";
        progress.report(0.05, "Sending prompt to the image server");
        JsonNode answer = null;
        for (int attempt = 0; answer == null; attempt++) {
            ObjectNode body = Json.object();
            body.put("model", client.settings().imageModel());
            body.put("prompt", prompt);
            body.put("n", 1);
            body.put("size", size);
            if (!rejectedParameters.contains("response_format")) {
                body.put("response_format", "b64_json");
            }
            if (!rejectedParameters.contains("seed")) {
                body.put("seed", seed);
            }
            try {
                answer = reference == null
                        ? client.postJson(path, body)
                        : client.postMultipart(path, fields(body), "image", reference.referencePng());
            } catch (OpenAiRequestRejected e) {
                String dropped = e.status() == 400 && attempt < OPTIONAL.length ? rejectedOptional(e, body) : null;
                if (dropped == null) {
                    throw e;
                }
                LOG.info(
                        "{} rejects '{}' on {}; sending without it from now on",
                        client.settings().baseUrl(),
                        dropped,
                        path);
                rejectedParameters.add(dropped);
            }
        }
        JsonNode first = answer.path("data").path(0);
        byte[] bytes;
        if (first.hasNonNull("b64_json")) {
            bytes = ImageBytes.fromBase64(first.get("b64_json").asText(), OpenAiClient.ENGINE);
        } else if (first.hasNonNull("url")) {
            progress.report(0.8, "Downloading the image");
            bytes = client.download(first.get("url").asText());
        } else {
            throw new StudioException(OpenAiClient.ENGINE + ": /images/generations answered without an image "
                    + "(no data[0].b64_json or data[0].url). Check " + SettingsRegistry.OPENAI_IMAGE_MODEL.name()
                    + ".");
        }
        String type = ImageBytes.requireImage(bytes, OpenAiClient.ENGINE, "the generated image");
        progress.report(1.0, "Image ready");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("engine", name());
        params.put("model", client.settings().imageModel());
        params.put("prompt", prompt);
        params.put("seed", seed);
        params.put("seed_sent", !rejectedParameters.contains("seed"));
        params.put("size", size);
        params.put("endpoint", path);
        if (reference != null) {
            params.put("reference_character", reference.consistencyKey());
        }
        if (first.hasNonNull("revised_prompt")) {
            params.put("revised_prompt", first.get("revised_prompt").asText());
        }
        return new GeneratedImage(bytes, type, params);
    }

    private static Map<String, String> fields(ObjectNode body) {
        Map<String, String> fields = new LinkedHashMap<>();
        body.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().asText()));
        return fields;
    }

    private String rejectedOptional(OpenAiRequestRejected e, ObjectNode body) {
        for (String p : OPTIONAL) {
            if (body.has(p) && e.mentions(p)) {
                return p;
            }
        }
        return null;
    }
}
