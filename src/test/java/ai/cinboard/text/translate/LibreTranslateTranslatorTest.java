package ai.cinboard.text.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.cache.CacheKeys;
import ai.cinboard.domain.Sha256;
import ai.cinboard.domain.StudioException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the engine against a fake server that speaks LibreTranslate's /translate API. */
class LibreTranslateTranslatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private volatile int status = 200;
    private volatile String fixedBody;
    private volatile long delayMillis;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/translate", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Translates by a fixed word list and upper-casing the rest, so results show the request was read. */
    private void handle(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        requests.add(request);
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String body = fixedBody != null
                ? fixedBody
                : JSON.writeValueAsString(java.util.Map.of(
                        "translatedText",
                        request.path("q").asText().replace("Hola", "Hello").replace("mundo", "world")));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private LibreTranslateTranslator translator(String apiKey, Duration timeout) {
        return new LibreTranslateTranslator(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/", apiKey, timeout);
    }

    @Test
    void translatesWithTheWireFormat() {
        TranslationOutcome outcome = translator("k3y", Duration.ofSeconds(5)).translate("Hola mundo", "es", "en");
        assertFalse(outcome.isSkipped());
        assertEquals("Hello world", outcome.text());
        JsonNode sent = requests.get(0);
        assertEquals("Hola mundo", sent.path("q").asText());
        assertEquals("es", sent.path("source").asText());
        assertEquals("en", sent.path("target").asText());
        assertEquals("text", sent.path("format").asText());
        assertEquals("k3y", sent.path("api_key").asText());
    }

    @Test
    void noApiKeyFieldWithoutAKey() {
        translator(null, Duration.ofSeconds(5)).translate("Hola", "es", "en");
        assertFalse(requests.get(0).has("api_key"));
    }

    @Test
    void longStoriesAreSentInChunksAtParagraphBreaks() {
        String paragraph = "Hola mundo ".repeat(200).strip();
        String story = String.join("\n\n", paragraph, paragraph, paragraph);
        String translated = translator(null, Duration.ofSeconds(5)).translateText(story, "es", "en");
        assertTrue(calls.get() >= 2, "more than one request for " + story.length() + " chars");
        requests.forEach(r -> assertTrue(r.path("q").asText().length() <= LibreTranslateTranslator.MAX_CHUNK_CHARS));
        assertEquals(story.replace("Hola", "Hello").replace("mundo", "world"), translated);
    }

    @Test
    void clientErrorShowsTheServersMessage() {
        status = 400;
        fixedBody = "{\"error\":\"xx is not supported\"}";
        StudioException e = assertThrows(
                StudioException.class,
                () -> translator(null, Duration.ofSeconds(5)).translate("Hola", "es", "xx"));
        assertTrue(e.getMessage().contains("xx is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("CINBOARD_TRANSLATE_TO"), e.getMessage());
    }

    @Test
    void forbiddenNamesTheApiKeySetting() {
        status = 403;
        fixedBody = "{\"error\":\"Invalid API key\"}";
        StudioException e = assertThrows(
                StudioException.class,
                () -> translator("bad", Duration.ofSeconds(5)).translate("Hola", "es", "en"));
        assertTrue(e.getMessage().contains(LibreTranslateTranslator.API_KEY_SETTING), e.getMessage());
    }

    @Test
    void serverErrorNamesTheUrlSetting() {
        status = 500;
        fixedBody = "{\"error\":\"model crashed\"}";
        StudioException e = assertThrows(
                StudioException.class,
                () -> translator(null, Duration.ofSeconds(5)).translate("Hola", "es", "en"));
        assertTrue(e.getMessage().contains("500") && e.getMessage().contains("model crashed"), e.getMessage());
        assertTrue(e.getMessage().contains("CINBOARD_LIBRETRANSLATE_URL"), e.getMessage());
    }

    @Test
    void slowServerTimesOut() {
        delayMillis = 2_000;
        long start = System.nanoTime();
        StudioException e = assertThrows(
                StudioException.class,
                () -> translator(null, Duration.ofMillis(300)).translate("Hola", "es", "en"));
        assertTrue(e.getMessage().contains("did not answer within"), e.getMessage());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 1_900, "gave up before the server answered");
    }

    @Test
    void malformedJsonIsAClearError() {
        fixedBody = "<html>not json</html>";
        StudioException e = assertThrows(
                StudioException.class,
                () -> translator(null, Duration.ofSeconds(5)).translate("Hola", "es", "en"));
        assertTrue(e.getMessage().contains("did not answer like LibreTranslate"), e.getMessage());
        fixedBody = "{\"translated\": 42}";
        assertThrows(
                StudioException.class,
                () -> translator(null, Duration.ofSeconds(5)).translate("Hola", "es", "en"));
    }

    @Test
    void unreachableServerAndMissingUrlNameTheSetting() {
        int port = server.getAddress().getPort();
        server.stop(0);
        StudioException e = assertThrows(
                StudioException.class,
                () -> new LibreTranslateTranslator("http://127.0.0.1:" + port, null, Duration.ofSeconds(2))
                        .translate("Hola", "es", "en"));
        assertTrue(e.getMessage().contains("CINBOARD_LIBRETRANSLATE_URL"), e.getMessage());
        StudioException missing = assertThrows(
                StudioException.class, () -> new LibreTranslateTranslator(" ", null, Duration.ofSeconds(1)));
        assertTrue(missing.getMessage().contains("CINBOARD_LIBRETRANSLATE_URL"));
        assertThrows(StudioException.class, () -> new LibreTranslateTranslator("ftp://x", null, Duration.ofSeconds(1)));
    }

    @Test
    void sameLanguageIsSkippedWithoutCallingTheServer() {
        TranslationOutcome outcome = translator(null, Duration.ofSeconds(5)).translate("Hello", "en", "en-GB");
        assertTrue(outcome.isSkipped());
        assertTrue(outcome.reason().contains("already in the target language"));
        assertEquals(0, calls.get());
        assertEquals("skipped", outcome.toJson().get("status"));
    }

    @Test
    void cachingDecoratorUsesTheSpecKeyAndTtl() {
        MapCache cache = new MapCache();
        Translator cached = new CachingTranslator(translator(null, Duration.ofSeconds(5)), cache);
        TranslationOutcome first = cached.translate("Hola mundo", "es", "en");
        TranslationOutcome second = cached.translate("Hola mundo", "es", "en");
        assertEquals(1, calls.get(), "second call served from the cache");
        assertFalse(first.cached());
        assertTrue(second.cached());
        assertEquals("Hello world", second.text());
        String key = CacheKeys.translation(Sha256.hexOf("Hola mundo"), "es", "en");
        assertEquals("Hello world", cache.values.get(key));
        assertEquals(CacheKeys.TRANSLATION_TTL, cache.ttls.get(key));
    }
}
