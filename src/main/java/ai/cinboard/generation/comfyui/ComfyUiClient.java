package ai.cinboard.generation.comfyui;

import ai.cinboard.domain.FileNames;
import ai.cinboard.domain.StudioException;
import ai.cinboard.generation.Progress;
import ai.cinboard.generation.remote.GenerationCancelledException;
import ai.cinboard.generation.remote.Json;
import ai.cinboard.generation.remote.RemoteHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ComfyUI server API: {@code /upload/image}, {@code POST /prompt} with a {@code client_id}, progress over
 * {@code /ws?clientId=}, results from {@code /history/{id}} and {@code /view}, {@code POST /interrupt} on cancel,
 * {@code /object_info} for the model list.
 * <p>
 * The WebSocket is opened before the prompt is queued, so no early message is missed. It is a convenience,
 * not a dependency: /history is polled as well, so a dropped socket (or a proxy that blocks WebSockets)
 * only costs live progress, not the result. The JDK WebSocket client sends no Origin header, which matters
 * because ComfyUI rejects cross-origin WebSocket requests from non-browser clients that send a foreign one.
 */
public final class ComfyUiClient {
    private static final Logger LOG = LoggerFactory.getLogger(ComfyUiClient.class);
    static final String ENGINE = "ComfyUI";
    /** Binary WebSocket event types from ComfyUI's server (BinaryEventTypes). */
    static final int PREVIEW_IMAGE = 1;

    static final int PREVIEW_IMAGE_WITH_METADATA = 3;

    /** One file an output node produced; {@code kind} is the history key it came under (images, gifs, videos). */
    public record Output(String node, String kind, String filename, String subfolder, String type, boolean animated) {
        public String extension() {
            return FileNames.extension(filename);
        }
    }

    /** A finished run: its prompt id and every output file. */
    public record Result(String promptId, List<Output> outputs) {}

    private final ComfyUiSettings settings;
    private final RemoteHttp http;

    private final URI socketBase;

    public ComfyUiClient(ComfyUiSettings settings) {
        this(settings, null);
    }

    /**
     * {@code socketBase} overrides where /ws lives (ws://host:port); only tests need it, because their fake
     * WebSocket server cannot share a port with the fake HTTP server. Null derives it from the base URL.
     */
    ComfyUiClient(ComfyUiSettings settings, URI socketBase) {
        this.settings = settings;
        this.socketBase = socketBase;
        this.http = new RemoteHttp(ENGINE, ComfyUiSettings.URL_SETTING, settings.http(), ComfyUiClient::mapError);
        this.jobs = new java.util.concurrent.Semaphore(settings.http().maxConcurrency(), true);
    }

    /**
     * Bounds whole workflows, not single requests: a queued prompt occupies the GPU long after POST /prompt
     * has returned, so the HTTP limiter alone would let every job pile onto the server's queue at once.
     */
    private final java.util.concurrent.Semaphore jobs;

    public ComfyUiSettings settings() {
        return settings;
    }

    /** For "Test connection": checkpoint files the server can load (from /object_info/CheckpointLoaderSimple). */
    public List<String> listCheckpoints() {
        return listCheckpoints("CheckpointLoaderSimple");
    }

    /** The {@code ckpt_name} choices of a loader node, e.g. ImageOnlyCheckpointLoader for the video template. */
    public List<String> listCheckpoints(String loaderNode) {
        RemoteHttp.Response r = http.send(
                HttpRequest.newBuilder(uri("/object_info/" + enc(loaderNode))).GET());
        JsonNode names = Json.parse(ENGINE, "/object_info", r.text())
                .path(loaderNode)
                .path("input")
                .path("required")
                .path("ckpt_name")
                .path(0);
        List<String> out = new ArrayList<>();
        names.forEach(n -> out.add(n.asText()));
        return out;
    }

    /**
     * Uploads an image as multipart/form-data (fields image, overwrite, type, subfolder) and returns the name
     * to put in a LoadImage node: "subfolder/name" when the server filed it in a subfolder.
     */
    public String uploadImage(byte[] png, String filename) {
        String boundary = "cinboard-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeField(body, boundary, "overwrite", "true");
        writeField(body, boundary, "type", "input");
        writeField(body, boundary, "subfolder", "cinboard");
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\""
                + filename.replace("\"", "") + "\"\r\nContent-Type: image/png\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(png);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        RemoteHttp.Response r = http.send(HttpRequest.newBuilder(uri("/upload/image"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        JsonNode answer = Json.parse(ENGINE, "/upload/image", r.text());
        String name = answer.path("name").asText("");
        if (name.isEmpty()) {
            throw new StudioException(ENGINE + ": /upload/image did not say where it stored the image.");
        }
        String sub = answer.path("subfolder").asText("");
        return sub.isEmpty() ? name : sub + "/" + name;
    }

    private static void writeField(ByteArrayOutputStream out, String boundary, String name, String value) {
        out.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** Downloads one output through /view. */
    public byte[] view(Output o) {
        String q = "filename=" + enc(o.filename()) + "&subfolder=" + enc(o.subfolder()) + "&type=" + enc(o.type());
        return http.send(HttpRequest.newBuilder(uri("/view?" + q)).GET()).body();
    }

    /** Asks the server to stop what it runs; also drops the prompt from the queue if it has not started. */
    public void interrupt(String promptId) {
        ObjectNode body = Json.object();
        if (promptId != null) {
            // Newer servers interrupt only this prompt when told its id; older ones ignore the body.
            body.put("prompt_id", promptId);
        }
        http.sendControl(HttpRequest.newBuilder(uri("/interrupt"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))));
        if (promptId != null) {
            ObjectNode delete = Json.object();
            delete.putArray("delete").add(promptId);
            http.sendControl(HttpRequest.newBuilder(uri("/queue"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(delete))));
        }
    }

    /**
     * Queues a filled workflow and waits for it, reporting progress and handing preview frames to
     * {@code previews} (JPEG or PNG bytes; called on the WebSocket thread, so keep it quick). Interrupting the
     * calling thread cancels: the server is told to stop and {@link GenerationCancelledException} is thrown.
     */
    public Result run(ObjectNode workflow, Progress progress, Consumer<byte[]> previews) {
        try {
            jobs.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenerationCancelledException(ENGINE);
        }
        try {
            return runHoldingPermit(workflow, progress, previews);
        } finally {
            jobs.release();
        }
    }

    private Result runHoldingPermit(ObjectNode workflow, Progress progress, Consumer<byte[]> previews) {
        String clientId = UUID.randomUUID().toString();
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        WebSocket ws = openSocket(clientId, events, previews == null ? b -> {} : previews);
        try {
            String promptId = queue(workflow, clientId, UUID.randomUUID().toString());
            progress.report(0.0, "Queued on ComfyUI");
            return await(promptId, workflow, events, new Monotonic(progress), ws != null);
        } finally {
            if (ws != null) {
                ws.abort();
            }
        }
    }

    /**
     * POST /prompt. The prompt id is chosen here (ComfyUI takes a client-supplied {@code prompt_id}) so that a
     * cancel arriving while the request is in flight can still stop exactly this prompt.
     */
    String queue(ObjectNode workflow, String clientId, String promptId) {
        ObjectNode body = Json.object();
        body.set("prompt", workflow);
        body.put("client_id", clientId);
        body.put("prompt_id", promptId);
        RemoteHttp.Response r = http.send(
                HttpRequest.newBuilder(uri("/prompt"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))),
                () -> interrupt(promptId));
        JsonNode answer = Json.parse(ENGINE, "/prompt", r.text());
        if (answer.path("node_errors").size() > 0) {
            throw new StudioException(
                    ENGINE + " refused the workflow: " + describeNodeErrors(answer.path("node_errors"))
                            + ". Check the model names in Settings › ComfyUI or the template.");
        }
        // Older servers ignore our id and make their own; theirs is the one to follow.
        String id = answer.path("prompt_id").asText("");
        return id.isEmpty() ? promptId : id;
    }

    private Result await(
            String promptId, ObjectNode workflow, BlockingQueue<JsonNode> events, Progress progress, boolean live) {
        long deadline = System.nanoTime() + settings.jobTimeout().toNanos();
        long nextPoll = live ? System.nanoTime() + settings.pollInterval().toNanos() : System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            if (now > deadline) {
                interrupt(promptId);
                throw new StudioException(
                        ENGINE + " did not finish within "
                                + settings.jobTimeout().toMinutes()
                                + " min. The job was stopped; use a smaller size, fewer steps or frames, or raise the job timeout.");
            }
            JsonNode event;
            try {
                event = events.poll(Math.max(1, Math.min(nextPoll, deadline) - now), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupt(promptId);
                Thread.currentThread().interrupt();
                throw new GenerationCancelledException(ENGINE);
            }
            if (event != null) {
                if (handle(promptId, workflow, event, progress)) {
                    return new Result(promptId, finishedHistory(promptId, deadline));
                }
                continue;
            }
            nextPoll = System.nanoTime() + settings.pollInterval().toNanos();
            var done = history(promptId, false);
            if (done.isPresent()) {
                return new Result(promptId, done.get());
            }
        }
    }

    /** True when the prompt finished successfully; throws on error or interruption. */
    private boolean handle(String promptId, ObjectNode workflow, JsonNode event, Progress progress) {
        String type = event.path("type").asText();
        JsonNode data = event.path("data");
        String pid = data.path("prompt_id").asText(null);
        if (pid != null && !pid.equals(promptId)) {
            return false;
        }
        switch (type) {
            case "execution_start" -> progress.report(0.01, "ComfyUI started the workflow");
            case "progress" -> {
                double max = Math.max(1, data.path("max").asDouble(1));
                double value = data.path("value").asDouble(0);
                progress.report(
                        Math.min(0.99, value / max),
                        "Step " + (long) value + " of " + (long) max
                                + nodeLabel(workflow, data.path("node").asText(null)));
            }
            case "executing" -> {
                if (data.path("node").isNull() && pid != null) {
                    return true; // older servers signal the end this way
                }
                String node = data.path("node").asText(null);
                if (node != null) {
                    progress.report(-1, "Running" + nodeLabel(workflow, node));
                }
            }
            case "execution_success" -> {
                return true;
            }
            case "execution_error" ->
                throw new StudioException(ENGINE + " failed in node "
                        + data.path("node_id").asText("?")
                        + " (" + data.path("node_type").asText("?") + "): "
                        + data.path("exception_type").asText("")
                        + " " + data.path("exception_message").asText("").strip()
                        + ". Check the model files and the template on the ComfyUI server.");
            case "execution_interrupted" ->
                throw new StudioException(ENGINE + ": the workflow was interrupted on the " + "server (node "
                        + data.path("node_id").asText("?") + "). Run it again when the server is free.");
            default -> {
                // status, executed, execution_cached and custom nodes' messages need no action.
            }
        }
        return false;
    }

    private static String nodeLabel(ObjectNode workflow, String node) {
        if (node == null) {
            return "";
        }
        String cls = workflow.path(node).path("class_type").asText("");
        return cls.isEmpty() ? " (node " + node + ")" : " (" + cls + ")";
    }

    /**
     * ComfyUI announces execution_success before its worker files the prompt in /history, so right after
     * success the entry can still be missing for a moment; wait for it briefly.
     */
    private List<Output> finishedHistory(String promptId, long deadline) {
        long giveUp = Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
        while (true) {
            var outputs = history(promptId, false);
            if (outputs.isPresent()) {
                return outputs.get();
            }
            if (System.nanoTime() > giveUp) {
                return history(promptId, true).orElseThrow();
            }
            try {
                Thread.sleep(Math.min(200, settings.pollInterval().toMillis()));
            } catch (InterruptedException e) {
                interrupt(promptId);
                Thread.currentThread().interrupt();
                throw new GenerationCancelledException(ENGINE);
            }
        }
    }

    /**
     * The prompt's outputs once /history has them. With {@code required}, a missing entry is an error
     * (success was announced); otherwise empty means "not finished yet".
     */
    private java.util.Optional<List<Output>> history(String promptId, boolean required) {
        RemoteHttp.Response r = http.send(
                HttpRequest.newBuilder(uri("/history/" + enc(promptId))).GET());
        JsonNode entry = Json.parse(ENGINE, "/history", r.text()).path(promptId);
        if (entry.isMissingNode()) {
            if (required) {
                throw new StudioException(ENGINE + " reported success but /history has no entry for the prompt.");
            }
            return java.util.Optional.empty();
        }
        JsonNode status = entry.path("status");
        if ("error".equals(status.path("status_str").asText())) {
            String message = "unknown error";
            for (JsonNode m : status.path("messages")) {
                if ("execution_error".equals(m.path(0).asText())) {
                    message = m.path(1).path("node_type").asText("?") + ": "
                            + m.path(1).path("exception_message").asText("").strip();
                }
            }
            throw new StudioException(ENGINE + " failed: " + message + ". Check the model files and the template.");
        }
        if (!required && status.has("completed") && !status.path("completed").asBoolean()) {
            return java.util.Optional.empty();
        }
        List<Output> outputs = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = entry.path("outputs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> node = it.next();
            boolean animated = node.getValue().path("animated").path(0).asBoolean(false);
            for (String kind : List.of("images", "gifs", "videos")) {
                for (JsonNode f : node.getValue().path(kind)) {
                    if (f.hasNonNull("filename")) {
                        outputs.add(new Output(
                                node.getKey(),
                                kind,
                                f.get("filename").asText(),
                                f.path("subfolder").asText(""),
                                f.path("type").asText("output"),
                                animated));
                    }
                }
            }
        }
        // Saved outputs first: "temp" files come from PreviewImage nodes and are only a fallback.
        outputs.sort((a, b) -> Boolean.compare(!"output".equals(a.type()), !"output".equals(b.type())));
        if (outputs.isEmpty()) {
            throw new StudioException(ENGINE + " finished but the workflow produced no files. The template needs a "
                    + "SaveImage, SaveAnimatedPNG or VHS_VideoCombine node.");
        }
        return java.util.Optional.of(outputs);
    }

    private WebSocket openSocket(String clientId, BlockingQueue<JsonNode> events, Consumer<byte[]> previews) {
        URI base = settings.baseUrl();
        String scheme = "https".equalsIgnoreCase(base.getScheme()) ? "wss" : "ws";
        String root = socketBase != null
                ? socketBase.toString()
                : scheme + "://" + base.getRawAuthority() + (base.getRawPath() == null ? "" : base.getRawPath());
        URI ws = URI.create(root + "/ws?clientId=" + enc(clientId));
        CompletableFuture<WebSocket> f = http.client()
                .newWebSocketBuilder()
                .connectTimeout(settings.http().connectTimeout())
                .buildAsync(ws, new SocketListener(events, previews));
        try {
            return f.get(settings.http().connectTimeout().toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new GenerationCancelledException(ENGINE);
        } catch (Exception e) {
            LOG.warn(
                    "ComfyUI WebSocket {} unavailable ({}); following the job through /history only", ws, e.toString());
            f.cancel(true);
            return null;
        }
    }

    /** Node changes carry no fraction of their own; they repeat the last one (-1 means "unchanged"). */
    private static final class Monotonic implements Progress {
        private final Progress target;
        private double last;

        Monotonic(Progress target) {
            this.target = target;
        }

        @Override
        public void report(double fraction, String message) {
            if (fraction >= 0) {
                last = fraction;
            }
            target.report(last, message);
        }
    }

    /** Reassembles fragmented messages; JSON goes to the queue, preview frames to the consumer. */
    static final class SocketListener implements WebSocket.Listener {
        private final BlockingQueue<JsonNode> events;
        private final Consumer<byte[]> previews;
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        SocketListener(BlockingQueue<JsonNode> events, Consumer<byte[]> previews) {
            this.events = events;
            this.previews = previews;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                try {
                    events.add(Json.MAPPER.readTree(message));
                } catch (Exception e) {
                    LOG.debug("ignoring non-JSON ComfyUI message: {}", RemoteHttp.abbreviate(message, 80));
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                byte[] frame = binary.toByteArray();
                binary.reset();
                byte[] image = previewImage(frame);
                if (image != null) {
                    try {
                        previews.accept(image);
                    } catch (RuntimeException e) {
                        LOG.debug("preview listener failed: {}", e.toString());
                    }
                }
            }
            ws.request(1);
            return null;
        }
    }

    /**
     * The image inside a binary frame: event type (4 bytes, big-endian) 1 = PREVIEW_IMAGE followed by the
     * format (4 bytes, 1 JPEG, 2 PNG) and the encoded image; type 3 carries a length-prefixed JSON metadata
     * block before the image. Other types (e.g. 4, text) are not images.
     */
    static byte[] previewImage(byte[] frame) {
        if (frame.length < 8) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(frame);
        int type = b.getInt(0);
        if (type == PREVIEW_IMAGE) {
            return java.util.Arrays.copyOfRange(frame, 8, frame.length);
        }
        if (type == PREVIEW_IMAGE_WITH_METADATA) {
            int metaLength = b.getInt(4);
            int start = 8 + metaLength;
            return start < frame.length && metaLength >= 0
                    ? java.util.Arrays.copyOfRange(frame, start, frame.length)
                    : null;
        }
        return null;
    }

    private URI uri(String pathAndQuery) {
        return URI.create(settings.baseUrl() + pathAndQuery);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    private static StudioException mapError(int status, String body, HttpRequest request) {
        if (request.uri().getPath().endsWith("/prompt") && status == 400) {
            try {
                JsonNode root = Json.MAPPER.readTree(body);
                String top = root.path("error")
                        .path("message")
                        .asText(root.path("error").asText(""));
                String details = root.path("error").path("details").asText("");
                String nodes = root.path("node_errors").size() > 0 ? describeNodeErrors(root.path("node_errors")) : "";
                return new StudioException(
                        ENGINE + " refused the workflow: " + top
                                + (details.isBlank() ? "" : " (" + details + ")")
                                + (nodes.isEmpty() ? "" : ": " + nodes)
                                + ". Check the model names in Settings › ComfyUI (\"Test connection\" lists them) or the template.");
            } catch (Exception notJson) {
                // fall through to the generic message
            }
        }
        return null;
    }

    static String describeNodeErrors(JsonNode nodeErrors) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = nodeErrors.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            for (JsonNode err : e.getValue().path("errors")) {
                parts.add("node " + e.getKey() + " ("
                        + e.getValue().path("class_type").asText("?") + "): "
                        + err.path("message").asText("")
                        + (err.path("details").asText("").isBlank()
                                ? ""
                                : " — " + err.path("details").asText()));
            }
        }
        return RemoteHttp.abbreviate(String.join("; ", parts), 600);
    }
}
