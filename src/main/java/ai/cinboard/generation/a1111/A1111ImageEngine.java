package ai.cinboard.generation.a1111;

import ai.cinboard.domain.StudioException;
import ai.cinboard.generation.CharacterLook;
import ai.cinboard.generation.CharacterSheetRequest;
import ai.cinboard.generation.GeneratedImage;
import ai.cinboard.generation.ImageEngine;
import ai.cinboard.generation.KeyframeRequest;
import ai.cinboard.generation.Progress;
import ai.cinboard.generation.remote.Consistency;
import ai.cinboard.generation.remote.ImageBytes;
import ai.cinboard.generation.remote.Json;
import ai.cinboard.generation.remote.RemoteHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Automatic1111 / Forge through {@code /sdapi/v1}. Character sheets use {@code txt2img}; keyframes with a
 * character that has a reference image use {@code img2img} with that reference as {@code init_images[0]}, so
 * the character's look carries over; the seed and prompt block come from {@link Consistency}.
 * <p>
 * The API answers only when the image is done, so a side thread polls {@code /sdapi/v1/progress} meanwhile
 * for the fraction and the live {@code current_image}. Cancelling aborts the request and calls
 * {@code /sdapi/v1/interrupt}, which stops the sampler on the GPU.
 */
public final class A1111ImageEngine implements ImageEngine {
    static final String ENGINE = "Automatic1111";

    private final A1111Settings settings;
    private final RemoteHttp http;

    public A1111ImageEngine(A1111Settings settings) {
        this.settings = settings;
        this.http = new RemoteHttp(ENGINE, A1111Settings.URL_SETTING, settings.http(), A1111ImageEngine::mapError);
    }

    @Override
    public String name() {
        return "a1111";
    }

    /** For "Test connection": the checkpoints the server offers (their titles, as the UI shows them). */
    public List<String> listModels() {
        RemoteHttp.Response r =
                http.send(HttpRequest.newBuilder(uri("/sdapi/v1/sd-models")).GET());
        List<String> out = new ArrayList<>();
        for (JsonNode m : Json.parse(ENGINE, "/sdapi/v1/sd-models", r.text())) {
            out.add(m.path("title").asText(m.path("model_name").asText()));
        }
        return out;
    }

    @Override
    public GeneratedImage characterSheet(CharacterSheetRequest request, Progress progress) {
        CharacterLook look = request.character();
        Optional<CharacterLook> anchor =
                request.variation() > 0 && look.referencePng() != null ? Optional.of(look) : Optional.empty();
        return render(
                Consistency.characterSheetPrompt(look, request.variation()),
                Consistency.characterSheetSeed(look, request.variation()),
                request.width(),
                request.height(),
                anchor,
                progress);
    }

    @Override
    public GeneratedImage keyframe(KeyframeRequest request, Progress progress) {
        return render(
                Consistency.keyframePrompt(request),
                Consistency.keyframeSeed(request),
                request.width(),
                request.height(),
                Consistency.anchor(request),
                progress);
    }

    private GeneratedImage render(
            String prompt, long seed, int width, int height, Optional<CharacterLook> anchor, Progress progress) {
        ObjectNode body = Json.object();
        body.put("prompt", prompt);
        body.put("negative_prompt", settings.negativePrompt() == null ? "" : settings.negativePrompt());
        body.put("seed", seed);
        body.put("width", width);
        body.put("height", height);
        body.put("steps", settings.steps());
        body.put("cfg_scale", settings.cfgScale());
        body.put("batch_size", 1);
        body.put("n_iter", 1);
        body.put("send_images", true);
        // The studio keeps its own copy; don't fill the server's outputs folder with every keyframe.
        body.put("save_images", false);
        if (settings.samplerName() != null) {
            body.put("sampler_name", settings.samplerName());
        }
        String endpoint = "/sdapi/v1/txt2img";
        if (anchor.isPresent()) {
            endpoint = "/sdapi/v1/img2img";
            body.putArray("init_images")
                    .add(Base64.getEncoder().encodeToString(anchor.get().referencePng()));
            body.put("denoising_strength", settings.denoisingStrength());
            // Crop-and-resize keeps the character's proportions when the reference is square and the frame wide.
            body.put("resize_mode", 1);
        }
        progress.report(0.0, "Sending to " + ENGINE);
        ProgressPoller poller = new ProgressPoller(progress);
        Thread pollThread = new Thread(poller, "a1111-progress");
        pollThread.setDaemon(true);
        pollThread.start();
        RemoteHttp.Response r;
        try {
            r = http.send(
                    HttpRequest.newBuilder(uri(endpoint))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))),
                    this::interrupt);
        } finally {
            poller.stop();
            pollThread.interrupt();
        }
        JsonNode answer = Json.parse(ENGINE, endpoint, r.text());
        JsonNode images = answer.path("images");
        if (!images.isArray() || images.isEmpty()) {
            throw new StudioException(
                    ENGINE + ": " + endpoint + " answered without images. Check the server's console.");
        }
        byte[] bytes = ImageBytes.fromBase64(images.get(0).asText(), ENGINE);
        String type = ImageBytes.requireImage(bytes, ENGINE, "the generated image");
        progress.report(1.0, "Image ready");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("engine", name());
        params.put("endpoint", endpoint);
        params.put("prompt", prompt);
        params.put("seed", seed);
        params.put("steps", settings.steps());
        params.put("cfg_scale", settings.cfgScale());
        anchor.ifPresent(a -> {
            params.put("reference_character", a.consistencyKey());
            params.put("denoising_strength", settings.denoisingStrength());
        });
        // info is a JSON string; it names the checkpoint the server actually used.
        try {
            JsonNode info = Json.MAPPER.readTree(answer.path("info").asText("{}"));
            if (info.hasNonNull("sd_model_name")) {
                params.put("model", info.get("sd_model_name").asText());
            }
        } catch (Exception ignored) {
            // info is informational; an odd one does not spoil the image
        }
        return new GeneratedImage(bytes, type, params);
    }

    private void interrupt() {
        http.sendControl(HttpRequest.newBuilder(uri("/sdapi/v1/interrupt")).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Polls /sdapi/v1/progress until stopped; never fails the render it observes. */
    private final class ProgressPoller implements Runnable {
        private final Progress progress;
        private volatile boolean running = true;
        private String lastPreview;

        ProgressPoller(Progress progress) {
            this.progress = progress;
        }

        void stop() {
            running = false;
        }

        @Override
        public void run() {
            while (running) {
                try {
                    Thread.sleep(settings.progressInterval().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                if (!running) {
                    return;
                }
                http.sendControl(HttpRequest.newBuilder(uri("/sdapi/v1/progress?skip_current_image=false"))
                                .GET())
                        .filter(r -> r.status() == 200)
                        .ifPresent(this::report);
            }
        }

        private void report(RemoteHttp.Response r) {
            try {
                JsonNode p = Json.MAPPER.readTree(r.body());
                double fraction = p.path("progress").asDouble(0);
                JsonNode state = p.path("state");
                String msg = "Step " + state.path("sampling_step").asInt(0) + " of "
                        + state.path("sampling_steps").asInt(0);
                double eta = p.path("eta_relative").asDouble(0);
                if (eta > 0) {
                    msg += String.format(java.util.Locale.ROOT, ", about %.0f s left", eta);
                }
                if (running) {
                    progress.report(Math.min(0.99, Math.max(0, fraction)), msg);
                }
                String current = p.path("current_image").asText(null);
                if (current != null && !current.isEmpty() && !current.equals(lastPreview)) {
                    lastPreview = current;
                    byte[] image = ImageBytes.fromBase64(current, ENGINE);
                    progress.preview(image);
                }
            } catch (Exception ignored) {
                // progress is best effort
            }
        }
    }

    private URI uri(String path) {
        return URI.create(settings.baseUrl() + path);
    }

    private static StudioException mapError(int status, String body, HttpRequest request) {
        if (status == 404) {
            return new StudioException(ENGINE + " has no " + request.uri().getPath() + " (HTTP 404). Start the web UI "
                    + "with --api, and check " + A1111Settings.URL_SETTING + " (e.g. http://127.0.0.1:7860).");
        }
        String detail = RemoteHttp.abbreviate(body, 300);
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            if (root.path("detail").isArray()) {
                List<String> parts = new ArrayList<>();
                root.path("detail")
                        .forEach(d -> parts.add(
                                d.path("loc").toString() + " " + d.path("msg").asText()));
                detail = String.join("; ", parts);
            } else if (root.hasNonNull("errors") || root.hasNonNull("error")) {
                detail = root.path("error").asText("") + ": "
                        + root.path("errors").asText(root.path("detail").asText(""));
            } else if (root.hasNonNull("detail")) {
                detail = root.path("detail").asText();
            }
        } catch (Exception notJson) {
            // keep the raw body
        }
        return new StudioException(ENGINE + " rejected " + request.uri().getPath() + " (HTTP " + status + "): " + detail
                + ". Check the size, sampler and model in Settings › Automatic1111.");
    }
}
