package ai.cinboard.text.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.StudioException;
import ai.cinboard.text.policy.PolicyVerdict.Verdict;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A fake server that answers like OpenAI's /v1/moderations. */
class OpenAiModerationCheckerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;
    private volatile int status = 200;
    private volatile String body;
    private volatile long delayMillis;
    private final AtomicReference<JsonNode> request = new AtomicReference<>();
    private final AtomicReference<String> auth = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/moderations", ex -> {
            request.set(JSON.readTree(ex.getRequestBody()));
            auth.set(ex.getRequestHeaders().getFirst("Authorization"));
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private OpenAiModerationChecker checker(Duration timeout) {
        return new OpenAiModerationChecker(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "sk-test", null, timeout);
    }

    private static String result(boolean flagged, boolean minors, double violence) {
        return "{\"id\":\"modr-1\",\"model\":\"omni-moderation-latest\",\"results\":[{\"flagged\":" + flagged
                + ",\"categories\":{\"sexual/minors\":" + minors + ",\"violence/graphic\":" + (violence > 0.5) + "},"
                + "\"category_scores\":{\"sexual/minors\":" + (minors ? 0.91 : 0.0001) + ",\"violence/graphic\":"
                + violence
                + ",\"harassment\":0.2}}]}";
    }

    @Test
    void flaggedAnswerBecomesAFlagWithScores() {
        body = result(true, false, 0.874);
        PolicyVerdict v = checker(Duration.ofSeconds(5)).check("The battle was brutal.", "en");
        assertEquals(Verdict.FLAG, v.verdict());
        assertEquals(0.87, v.categories().get(PolicyCategory.VIOLENCE_GRAPHIC).score());
        assertEquals("omni-moderation-latest", request.get().path("model").asText());
        assertEquals(
                "The battle was brutal.", request.get().path("input").get(0).asText());
        assertEquals("Bearer sk-test", auth.get());
    }

    @Test
    void minorsCategoryBlocksAndCleanAllows() {
        body = result(true, true, 0.0);
        assertEquals(
                Verdict.BLOCK, checker(Duration.ofSeconds(5)).check("...", "en").verdict());
        body = result(false, false, 0.002);
        PolicyVerdict clean = checker(Duration.ofSeconds(5)).check("A picnic.", "en");
        assertEquals(Verdict.ALLOW, clean.verdict());
        assertTrue(clean.categories().isEmpty(), "tiny scores are not reported");
    }

    @Test
    void mergeTakesTheStricterVerdict() {
        body = result(false, false, 0.0);
        PolicyVerdict remote = checker(Duration.ofSeconds(5)).check("x", "en");
        PolicyVerdict local = new ContentPolicyChecker().check("She thought about suicide.", "en");
        PolicyVerdict merged = local.merge(remote);
        assertEquals(Verdict.FLAG, merged.verdict());
        assertTrue(merged.engine().contains("local-rules") && merged.engine().contains("openai-moderation"));
    }

    @Test
    void errorsNameTheSettings() {
        body = "{\"error\":{\"message\":\"Incorrect API key\"}}";
        status = 401;
        assertTrue(assertThrows(
                        StudioException.class,
                        () -> checker(Duration.ofSeconds(5)).check("x", "en"))
                .getMessage()
                .contains("CINBOARD_OPENAI_API_KEY"));
        status = 400;
        body = "{\"error\":{\"message\":\"model not found\"}}";
        assertTrue(assertThrows(
                        StudioException.class,
                        () -> checker(Duration.ofSeconds(5)).check("x", "en"))
                .getMessage()
                .contains("model not found"));
        status = 503;
        body = "upstream down";
        assertTrue(assertThrows(
                        StudioException.class,
                        () -> checker(Duration.ofSeconds(5)).check("x", "en"))
                .getMessage()
                .contains("503"));
        status = 200;
        body = "{\"results\": \"nope\"}";
        assertTrue(assertThrows(
                        StudioException.class,
                        () -> checker(Duration.ofSeconds(5)).check("x", "en"))
                .getMessage()
                .contains("CINBOARD_OPENAI_BASE_URL"));
    }

    @Test
    void slowServerTimesOut() {
        body = result(false, false, 0);
        delayMillis = 2_000;
        StudioException e = assertThrows(
                StudioException.class, () -> checker(Duration.ofMillis(300)).check("x", "en"));
        assertTrue(e.getMessage().contains("did not answer within"), e.getMessage());
    }
}
