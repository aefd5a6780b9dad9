package ai.cinboard.generation.remote;

import ai.cinboard.domain.StudioException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP plumbing every remote engine shares: a bounded number of requests in flight, timeouts,
 * retries with exponential backoff and jitter on 429/5xx (honouring Retry-After), errors the user can act
 * on, and cancellation. Cancellation is the calling thread's interrupt: the in-flight exchange is aborted
 * and the engine's {@code onCancel} action (usually the server's interrupt endpoint) runs so the GPU stops too.
 * <p>
 * Bodies are read fully into memory: every answer these engines get is one image, one clip or one short
 * audio file, and having the bytes lets a failed answer's body go into the error message.
 */
public final class RemoteHttp {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteHttp.class);
    private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(5);

    /** Turns a failed answer into a user-facing error; return null to use the generic message. */
    @FunctionalInterface
    public interface ErrorMapper {
        StudioException map(int status, String body, HttpRequest request);
    }

    /** A complete answer. */
    public record Response(int status, HttpHeaders headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public Optional<String> contentType() {
            return headers.firstValue("Content-Type");
        }
    }

    private final String engine;
    private final String urlSetting;
    private final HttpSettings settings;
    private final ErrorMapper errors;
    private final HttpClient client;
    private final Semaphore permits;

    /**
     * @param engine     shown in messages, e.g. "ComfyUI"
     * @param urlSetting the setting that holds the server address, named in "cannot connect" messages
     */
    public RemoteHttp(String engine, String urlSetting, HttpSettings settings, ErrorMapper errors) {
        this.engine = engine;
        this.urlSetting = urlSetting;
        this.settings = settings;
        this.errors = errors;
        // HTTP/1.1 because local servers (aiohttp, uvicorn, llama.cpp) do not speak h2c and the upgrade
        // attempt costs a round trip on every request.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                // Redirects are not followed automatically: a followed redirect could carry the API key's
                // Authorization header to another host. Callers that expect one follow it themselves.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.permits = new Semaphore(settings.maxConcurrency(), true);
    }

    public HttpClient client() {
        return client;
    }

    public HttpSettings settings() {
        return settings;
    }

    public String engine() {
        return engine;
    }

    /** Requests that are waiting for or holding a permit; for tests and the status bar. */
    public int availablePermits() {
        return permits.availablePermits();
    }

    /** Sends with the limiter, retries and error mapping; see the class comment. */
    public Response send(HttpRequest.Builder builder, Runnable onCancel) {
        HttpRequest request = builder.timeout(settings.requestTimeout()).build();
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            // Nothing was sent yet, so there is nothing for the server to stop.
            Thread.currentThread().interrupt();
            throw new GenerationCancelledException(engine);
        }
        try {
            return sendWithRetries(request, onCancel);
        } finally {
            permits.release();
        }
    }

    /** Same as {@link #send(HttpRequest.Builder, Runnable)} with nothing to call on the server on cancel. */
    public Response send(HttpRequest.Builder builder) {
        return send(builder, () -> {});
    }

    /**
     * One quick request outside the limiter and without retries: progress polls and interrupt calls.
     * These must not queue behind the very generation they observe or stop.
     */
    public Optional<Response> sendControl(HttpRequest.Builder builder) {
        HttpRequest request = builder.timeout(CONTROL_TIMEOUT).build();
        try {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return Optional.of(new Response(r.statusCode(), r.headers(), r.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (IOException e) {
            LOG.debug("{}: control request {} failed: {}", engine, request.uri().getPath(), e.toString());
            return Optional.empty();
        }
    }

    private Response sendWithRetries(HttpRequest request, Runnable onCancel) {
        for (int attempt = 0; ; attempt++) {
            Response response;
            try {
                response = exchange(request, onCancel);
            } catch (HttpConnectTimeoutException | ConnectException e) {
                // A server that is not running will not start while we back off; say so at once.
                throw new StudioException(
                        engine + ": cannot connect to " + origin(request.uri()) + ". Start the server or correct "
                                + urlSetting + " in Settings.",
                        e);
            } catch (HttpTimeoutException e) {
                // Not retried: the server may still be busy with it, and asking again doubles its load.
                throw new StudioException(
                        engine + ": no answer from " + origin(request.uri())
                                + request.uri().getPath()
                                + " within " + human(settings.requestTimeout())
                                + ". The server is overloaded or the job is too large; raise the request timeout in "
                                + "Settings or lower the image size.",
                        e);
            } catch (IOException e) {
                if (attempt < settings.maxRetries()) {
                    backoff(attempt, Optional.empty(), request, "connection failed: " + e.getMessage());
                    continue;
                }
                throw new StudioException(
                        engine + ": the connection to " + origin(request.uri())
                                + " failed (" + e.getMessage() + "). Check that the server is running and " + urlSetting
                                + " is right.",
                        e);
            }
            int status = response.status();
            if (status < 400) {
                return response;
            }
            boolean retryable = status == 429 || status >= 500;
            if (retryable && attempt < settings.maxRetries()) {
                Optional<Duration> retryAfter = retryAfter(response.headers());
                if (retryAfter.isPresent() && retryAfter.get().compareTo(settings.maxBackoff()) > 0) {
                    throw new StudioException(engine + ": the server is rate limiting and asks to wait "
                            + human(retryAfter.get()) + ". Try again later or lower the engine's concurrency.");
                }
                backoff(attempt, retryAfter, request, "HTTP " + status);
                continue;
            }
            StudioException mapped = errors == null ? null : errors.map(status, response.text(), request);
            if (mapped != null) {
                throw mapped;
            }
            throw new StudioException(
                    engine + ": " + request.method() + " " + request.uri().getPath()
                            + " failed with HTTP " + status + ": " + abbreviate(response.text(), 300)
                            + (retryable ? " (after " + (settings.maxRetries() + 1) + " attempts)." : "."));
        }
    }

    private Response exchange(HttpRequest request, Runnable onCancel) throws IOException {
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> r = future.get();
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (InterruptedException e) {
            // Cancelling the future aborts the exchange; the interrupt flag is clear here, so onCancel can
            // still make its own HTTP call before we restore the flag.
            future.cancel(true);
            runCancelAction(onCancel);
            Thread.currentThread().interrupt();
            throw new GenerationCancelledException(engine);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new StudioException(engine + ": request failed: " + cause, cause);
        }
    }

    private void runCancelAction(Runnable onCancel) {
        try {
            onCancel.run();
        } catch (RuntimeException ex) {
            LOG.warn("{}: could not tell the server to stop: {}", engine, ex.toString());
        }
    }

    private void backoff(int attempt, Optional<Duration> retryAfter, HttpRequest request, String why) {
        Duration wait = retryAfter.orElseGet(() -> exponential(attempt));
        LOG.info(
                "{}: {} on {} {}; retry {}/{} in {} ms",
                engine,
                why,
                request.method(),
                request.uri().getPath(),
                attempt + 1,
                settings.maxRetries(),
                wait.toMillis());
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenerationCancelledException(engine);
        }
    }

    /** initial * 2^attempt, capped, times a random factor in [0.5, 1) so parallel jobs do not retry in step. */
    Duration exponential(int attempt) {
        long base = settings.initialBackoff().toMillis() << Math.min(attempt, 20);
        long capped = Math.min(base, settings.maxBackoff().toMillis());
        double jitter = 0.5 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Duration.ofMillis(Math.max(1, (long) (capped * jitter)));
    }

    /** Retry-After as seconds or an HTTP date; OpenAI also sends retry-after-ms. */
    static Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<String> ms = headers.firstValue("retry-after-ms");
        if (ms.isPresent()) {
            try {
                return Optional.of(
                        Duration.ofMillis((long) Double.parseDouble(ms.get().trim())));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        Optional<String> value = headers.firstValue("Retry-After");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String v = value.get().trim();
        try {
            return Optional.of(Duration.ofMillis((long) (Double.parseDouble(v) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (RuntimeException notDate) {
                return Optional.empty();
            }
        }
    }

    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    static String human(Duration d) {
        return d.toMillis() < 10_000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    public static String abbreviate(String s, int max) {
        String oneLine = s == null ? "" : s.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "…";
    }
}
