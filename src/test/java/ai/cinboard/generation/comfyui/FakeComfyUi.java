package ai.cinboard.generation.comfyui;

import ai.cinboard.generation.remote.FakeHttpServer;
import ai.cinboard.generation.remote.FakeHttpServer.Reply;
import ai.cinboard.generation.remote.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A ComfyUI stand-in: the HTTP API on one port and /ws on another (Java-WebSocket). After POST /prompt it
 * plays a script of WebSocket messages to the queuing client, as the real server does.
 */
public final class FakeComfyUi implements AutoCloseable {
    public final FakeHttpServer http;
    final Ws ws;
    public final Map<String, JsonNode> history = new ConcurrentHashMap<>();
    /** Uploaded images by the name the server answered with. */
    public final Map<String, byte[]> uploads = new ConcurrentHashMap<>();

    final List<String> originHeaders = new CopyOnWriteArrayList<>();
    final List<String> socketPaths = new CopyOnWriteArrayList<>();
    volatile JsonNode lastWorkflow;
    volatile String lastClientId;
    volatile String lastPromptId;
    /** What to do after queueing: (connection, promptId). Null plays nothing. */
    volatile BiConsumer<WebSocket, String> script;
    /**
     * Runs the workflow at once, before POST /prompt answers: (promptId, workflow) gives the /history entry. For
     * clients that follow the job through /history alone (no WebSocket on the fake's HTTP port).
     */
    public volatile java.util.function.BiFunction<String, JsonNode, ObjectNode> instantRun;

    public FakeComfyUi() throws Exception {
        http = new FakeHttpServer();
        ws = new Ws();
        ws.start();
        if (!ws.started.await(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fake WebSocket server did not start");
        }
        http.on("POST /upload/image", r -> {
            String name = filename(r.text());
            uploads.put(name, uploadedFile(r.body(), r.header("Content-Type")));
            return Reply.json(200, "{\"name\":\"" + name + "\",\"subfolder\":\"cinboard\",\"type\":\"input\"}");
        });
        http.on("POST /prompt", r -> {
            JsonNode body = Json.MAPPER.readTree(r.body());
            lastWorkflow = body.path("prompt");
            lastClientId = body.path("client_id").asText();
            // Like the real server: the client's prompt_id if it sent one.
            String id = body.path("prompt_id").asText("p-" + System.nanoTime());
            lastPromptId = id;
            var run = instantRun;
            if (run != null) {
                history.put(id, run.apply(id, lastWorkflow));
            }
            BiConsumer<WebSocket, String> s = script;
            if (s != null) {
                String client = lastClientId;
                Thread t = new Thread(() -> {
                    WebSocket conn = ws.await(client);
                    if (conn != null) {
                        s.accept(conn, id);
                    }
                });
                t.setDaemon(true);
                t.start();
            }
            return Reply.json(200, "{\"prompt_id\":\"" + id + "\",\"number\":3,\"node_errors\":{}}");
        });
        http.on("GET /history/*", r -> {
            String id = r.path().substring("/history/".length());
            JsonNode h = history.get(id);
            return Reply.json(200, h == null ? "{}" : "{\"" + id + "\":" + h + "}");
        });
        http.on("POST /interrupt", r -> Reply.json(200, "{}"));
        http.on("POST /queue", r -> Reply.json(200, "{}"));
    }

    private static String filename(String multipart) {
        int i = multipart.indexOf("filename=\"");
        return i < 0 ? "upload.png" : multipart.substring(i + 10, multipart.indexOf('"', i + 10));
    }

    /** The bytes of the file part of a multipart/form-data body. */
    public static byte[] uploadedFile(byte[] body, String contentType) {
        String boundary = "--"
                + contentType.substring(contentType.indexOf("boundary=") + 9).replace("\"", "");
        String latin = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
        int part = latin.indexOf("filename=\"");
        int start = latin.indexOf("\r\n\r\n", part) + 4;
        int end = latin.indexOf("\r\n" + boundary, start);
        return java.util.Arrays.copyOfRange(body, start, end);
    }

    public URI baseUrl() {
        return http.uri("");
    }

    URI socketBase() {
        return URI.create("ws://127.0.0.1:" + ws.getPort());
    }

    /** History entry with one output node. */
    public static ObjectNode historyWith(String node, String kind, String filename, boolean animated) {
        ObjectNode entry = Json.object();
        ObjectNode out = entry.putObject("outputs").putObject(node);
        out.putArray(kind)
                .addObject()
                .put("filename", filename)
                .put("subfolder", "cinboard")
                .put("type", "output");
        if (animated) {
            out.putArray("animated").add(true);
        }
        entry.putObject("status")
                .put("status_str", "success")
                .put("completed", true)
                .putArray("messages");
        return entry;
    }

    static void send(WebSocket conn, String type, String dataJson) {
        conn.send("{\"type\":\"" + type + "\",\"data\":" + dataJson + "}");
    }

    static void sendPreview(WebSocket conn, int format, byte[] image) {
        ByteBuffer b = ByteBuffer.allocate(8 + image.length);
        b.putInt(1).putInt(format).put(image).flip();
        conn.send(b);
    }

    @Override
    public void close() throws Exception {
        http.close();
        ws.stop(200);
    }

    final class Ws extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);
        final Map<String, WebSocket> byClient = new ConcurrentHashMap<>();

        Ws() {
            super(new InetSocketAddress("127.0.0.1", 0));
            setReuseAddr(true);
        }

        WebSocket await(String clientId) {
            for (int i = 0; i < 100; i++) {
                WebSocket c = byClient.get(clientId);
                if (c != null) {
                    return c;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return null;
                }
            }
            return null;
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            socketPaths.add(handshake.getResourceDescriptor());
            if (handshake.hasFieldValue("Origin")) {
                originHeaders.add(handshake.getFieldValue("Origin"));
            }
            String rd = handshake.getResourceDescriptor();
            String id = rd.contains("clientId=") ? rd.substring(rd.indexOf("clientId=") + 9) : "";
            byClient.put(id, conn);
            send(conn, "status", "{\"status\":{\"exec_info\":{\"queue_remaining\":0}},\"sid\":\"" + id + "\"}");
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

        @Override
        public void onMessage(WebSocket conn, String message) {}

        @Override
        public void onError(WebSocket conn, Exception ex) {}

        @Override
        public void onStart() {
            started.countDown();
        }
    }
}
