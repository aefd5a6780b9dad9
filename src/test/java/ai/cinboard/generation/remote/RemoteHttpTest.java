package ai.cinboard.generation.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.StudioException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RemoteHttpTest {
    static final HttpSettings FAST = new HttpSettings(
            Duration.ofMillis(300), Duration.ofMillis(1000), 2, Duration.ofMillis(20), Duration.ofMillis(200), 1);

    private final FakeHttpServer server;

    RemoteHttpTest() throws Exception {
        server = new FakeHttpServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RemoteHttp http(HttpSettings s) {
        return new RemoteHttp("Test", "CINBOARD_TEST_URL", s, null);
    }

    @Test
    void retriesAfter429HonouringRetryAfterThenSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        server.on(
                "GET /x",
                r -> calls.incrementAndGet() == 1
                        ? FakeHttpServer.Reply.json(429, "{}").withHeader("Retry-After", "0.15")
                        : FakeHttpServer.Reply.json(200, "{\"ok\":true}"));
        long start = System.nanoTime();
        RemoteHttp.Response r =
                http(FAST).send(HttpRequest.newBuilder(server.uri("/x")).GET());
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, r.status());
        assertEquals(2, calls.get());
        assertTrue(elapsedMs >= 140, "waited for Retry-After, only " + elapsedMs + " ms");
    }

    @Test
    void gives500UpAfterMaxRetriesWithStatusInMessage() {
        server.on("GET /x", r -> FakeHttpServer.Reply.json(500, "{\"detail\":\"CUDA out of memory\"}"));
        StudioException e = assertThrows(
                StudioException.class,
                () -> http(FAST).send(HttpRequest.newBuilder(server.uri("/x")).GET()));
        assertEquals(3, server.requests("/x").size(), "1 try + 2 retries");
        assertTrue(
                e.getMessage().contains("HTTP 500") && e.getMessage().contains("CUDA out of memory"), e.getMessage());
    }

    @Test
    void doesNotRetry4xx() {
        server.on("GET /x", r -> FakeHttpServer.Reply.json(422, "{\"detail\":\"bad\"}"));
        assertThrows(
                StudioException.class,
                () -> http(FAST).send(HttpRequest.newBuilder(server.uri("/x")).GET()));
        assertEquals(1, server.requests("/x").size());
    }

    @Test
    void retryAfterLongerThanMaxBackoffFailsClearlyInsteadOfWaiting() {
        server.on("GET /x", r -> FakeHttpServer.Reply.json(429, "{}").withHeader("Retry-After", "3600"));
        StudioException e = assertThrows(
                StudioException.class,
                () -> http(FAST).send(HttpRequest.newBuilder(server.uri("/x")).GET()));
        assertTrue(e.getMessage().contains("rate limiting"), e.getMessage());
    }

    @Test
    void slowAnswerHitsTheTimeoutWithAClearMessage() {
        server.on("GET /slow", r -> FakeHttpServer.Reply.json(200, "{}").delayed(2500));
        StudioException e = assertThrows(
                StudioException.class,
                () -> http(FAST)
                        .send(HttpRequest.newBuilder(server.uri("/slow")).GET()));
        assertTrue(e.getMessage().contains("within 1000 ms"), e.getMessage());
        assertEquals(1, server.requests("/slow").size(), "timeouts are not retried");
    }

    @Test
    void connectionRefusedNamesTheSetting() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        StudioException e = assertThrows(
                StudioException.class,
                () -> http(FAST)
                        .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/x"))
                                .GET()));
        assertTrue(e.getMessage().contains("CINBOARD_TEST_URL"), e.getMessage());
    }

    @Test
    void limiterBoundsRequestsInFlight() throws Exception {
        server.on("GET /x", r -> FakeHttpServer.Reply.json(200, "{}").delayed(80));
        // A generous timeout: a request timing out on a busy machine would free its permit while the server
        // still works on it, and the server would then rightly count three.
        RemoteHttp http = http(FAST.withMaxConcurrency(2).withRequestTimeout(Duration.ofSeconds(10)));
        AtomicInteger ok = new AtomicInteger();
        Thread[] threads = new Thread[5];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                if (http.send(HttpRequest.newBuilder(server.uri("/x")).GET()).status() == 200) {
                    ok.incrementAndGet();
                }
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertEquals(5, ok.get());
        assertEquals(5, server.requests("/x").size());
        assertEquals(2, server.maxInFlight());
        assertEquals(2, http.availablePermits(), "permits are all given back");
    }

    @Test
    void interruptAbortsTheRequestAndRunsTheCancelAction() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        server.on("GET /slow", r -> {
            arrived.countDown();
            return FakeHttpServer.Reply.json(200, "{}").delayed(2000);
        });
        RemoteHttp http = http(FAST.withRequestTimeout(Duration.ofSeconds(5)));
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagKept = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            try {
                http.send(HttpRequest.newBuilder(server.uri("/slow")).GET(), () -> cancelled.set(true));
            } catch (Throwable t) {
                thrown.set(t);
                flagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        long start = System.nanoTime();
        worker.start();
        assertTrue(arrived.await(2, TimeUnit.SECONDS));
        worker.interrupt();
        worker.join(2000);
        assertTrue((System.nanoTime() - start) / 1_000_000 < 1500, "returned before the server answered");
        assertInstanceOf(GenerationCancelledException.class, thrown.get());
        assertTrue(cancelled.get(), "cancel action ran");
        assertTrue(flagKept.get(), "interrupt flag restored for callers");
    }

    @Test
    void exponentialBackoffGrowsAndStaysWithinBounds() {
        RemoteHttp http = http(new HttpSettings(
                Duration.ofSeconds(1), Duration.ofSeconds(1), 5, Duration.ofMillis(100), Duration.ofMillis(1000), 1));
        for (int i = 0; i < 50; i++) {
            long d0 = http.exponential(0).toMillis();
            long d2 = http.exponential(2).toMillis();
            long d9 = http.exponential(9).toMillis();
            assertTrue(d0 >= 50 && d0 <= 100, "attempt 0: " + d0);
            assertTrue(d2 >= 200 && d2 <= 400, "attempt 2: " + d2);
            assertTrue(d9 >= 500 && d9 <= 1000, "capped: " + d9);
        }
    }

    @Test
    void secretsAreMasked() {
        assertEquals("sk-…abcd", Secrets.mask("sk-proj-1234567890abcd"));
        assertEquals("…", Secrets.mask("short"));
        assertEquals("(none)", Secrets.mask(null));
    }
}
