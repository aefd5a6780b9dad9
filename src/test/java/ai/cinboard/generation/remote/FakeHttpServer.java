package ai.cinboard.generation.remote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A tiny scripted HTTP server for engine tests: routes by "METHOD /path", records every request. */
public final class FakeHttpServer implements AutoCloseable {

    public record Recorded(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    public record Reply(int status, Map<String, String> headers, byte[] body, long delayMillis) {
        public static Reply json(int status, String json) {
            return new Reply(
                    status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8), 0);
        }

        public static Reply bytes(int status, String contentType, byte[] body) {
            return new Reply(status, Map.of("Content-Type", contentType), body, 0);
        }

        public Reply delayed(long millis) {
            return new Reply(status, headers, body, millis);
        }

        public Reply withHeader(String name, String value) {
            var h = new java.util.HashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, delayMillis);
        }
    }

    @FunctionalInterface
    public interface Handler {
        Reply handle(Recorded request) throws Exception;
    }

    private final HttpServer server;
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    public FakeHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::dispatch);
        server.start();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Route on "POST /v1/chat/completions"; a route ending in "/*" matches a prefix. */
    public FakeHttpServer on(String methodAndPath, Handler handler) {
        routes.put(methodAndPath, handler);
        return this;
    }

    public List<Recorded> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<Recorded> requests(String path) {
        return requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    private void dispatch(HttpExchange ex) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        boolean counted = true;
        try {
            byte[] body = ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getPath();
            Recorded rec = new Recorded(
                    ex.getRequestMethod(),
                    path,
                    ex.getRequestURI().getRawQuery(),
                    Map.copyOf(ex.getRequestHeaders()),
                    body);
            requests.add(rec);
            Handler h = routes.get(ex.getRequestMethod() + " " + path);
            if (h == null) {
                for (var e : routes.entrySet()) {
                    String k = e.getKey();
                    if (k.endsWith("/*")
                            && (ex.getRequestMethod() + " " + path).startsWith(k.substring(0, k.length() - 1))) {
                        h = e.getValue();
                    }
                }
            }
            Reply reply;
            try {
                reply = h == null ? Reply.json(404, "{\"error\":\"no route " + path + "\"}") : h.handle(rec);
            } catch (Exception e) {
                reply = Reply.json(500, "{\"error\":\"handler failed: " + e + "\"}");
            }
            if (reply.delayMillis() > 0) {
                try {
                    Thread.sleep(reply.delayMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
            // Leave the in-flight count before answering: once the client has the answer it may start the
            // next request, and counting that overlap would make the limiter look broken.
            inFlight.decrementAndGet();
            counted = false;
            reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            if (reply.body().length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(reply.body());
                }
            }
        } catch (IOException clientGone) {
            // The client aborted (timeout or cancel tests); nothing to answer.
        } finally {
            if (counted) {
                inFlight.decrementAndGet();
            }
            ex.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
