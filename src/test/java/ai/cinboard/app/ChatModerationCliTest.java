package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.cli.StudioCommand;
import ai.cinboard.generation.remote.FakeHttpServer;
import ai.cinboard.generation.remote.FakeHttpServer.Reply;
import ai.cinboard.testing.TestStudios;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CINBOARD_POLICY_ENGINE=chat: a chat model on an OpenAI-compatible server scores the spec's categories
 * (JSON schema answer), on top of the built-in rules; the stricter verdict is stored and acted on.
 */
class ChatModerationCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Result(int exit, String out, String err) {}

    private static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = StudioCommand.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** The fake model's judgement follows words in the text, so each story gets a known verdict. */
    private static Reply moderate(FakeHttpServer.Recorded request) throws Exception {
        JsonNode body = JSON.readTree(request.body());
        String text = body.path("messages").path(1).path("content").asText();
        if (text.contains("GARBLED")) {
            return chat("{\"violence/graphic\": \"very\"}");
        }
        ObjectNode scores = JSON.createObjectNode();
        scores.put("sexual/minors", text.contains("FORBIDDEN") ? 0.97 : 0.0);
        scores.put("violence/graphic", text.contains("splintered bone") ? 0.82 : 0.03);
        scores.put("hate", 0.0);
        scores.put("self-harm", 0.0);
        scores.put("sexual", 0.0);
        return chat(scores.toString());
    }

    private static Reply chat(String content) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        return Reply.json(200, root.toString());
    }

    @Test
    void theChatModelsScoresFlagAndBlockBesideTheRules(@TempDir Path dir) throws Exception {
        try (FakeHttpServer server = new FakeHttpServer()) {
            server.on("POST /v1/chat/completions", ChatModerationCliTest::moderate);
            Map<String, String> env = TestStudios.environment(dir.resolve("home"));
            env.put("CINBOARD_POLICY_ENGINE", "chat");
            env.put("CINBOARD_OPENAI_BASE_URL", server.uri("/v1").toString());
            env.put("CINBOARD_OPENAI_CHAT_MODEL", "llama3.2");

            Path storm = Files.writeString(
                    dir.resolve("storm.txt"),
                    "The storm broke over the harbour. Mira fell "
                            + "against the rail and the splintered bone showed through her sleeve. Tom carried her below.");
            Result flagged = run(env, "analyze", storm.toString(), "--json");
            assertEquals(0, flagged.exit(), flagged.err());
            JsonNode policy = JSON.readTree(flagged.out()).get("policy");
            assertEquals("flag", policy.get("verdict").asText(), policy.toString());
            assertEquals("local-rules+chat:openai", policy.get("engine").asText());
            assertEquals(
                    "llama3.2",
                    JSON.readTree(server.requests("/v1/chat/completions").get(0).body())
                            .path("model")
                            .asText());
            assertEquals(
                    0.82,
                    policy.get("categories")
                            .get("violence/graphic")
                            .get("score")
                            .asDouble(),
                    1e-9);
            JsonNode request =
                    JSON.readTree(server.requests("/v1/chat/completions").get(0).body());
            assertEquals(
                    "content_policy",
                    request.path("response_format")
                            .path("json_schema")
                            .path("name")
                            .asText());

            Path forbidden = Files.writeString(
                    dir.resolve("forbidden.txt"),
                    "A quiet story with a FORBIDDEN turn that"
                            + " only the model recognises. The lighthouse keeper walked home at dusk.");
            Result blocked = run(env, "analyze", forbidden.toString());
            assertEquals(StudioCommand.EXIT_USER_ERROR, blocked.exit(), blocked.out() + blocked.err());
            assertTrue(blocked.err().contains("sexual/minors"), blocked.err());

            Path garbled = Files.writeString(
                    dir.resolve("garbled.txt"),
                    "A GARBLED answer comes back for this story" + " about a ferry crossing at night.");
            Result broken = run(env, "analyze", garbled.toString());
            assertEquals(StudioCommand.EXIT_USER_ERROR, broken.exit(), broken.err());
            assertTrue(
                    broken.err().contains("schema 'content_policy'")
                            && broken.err().contains("CINBOARD_POLICY_ENGINE=local"),
                    broken.err());
            assertFalse(broken.err().contains("\tat "), "no stack trace: " + broken.err());
        }
    }

    @Test
    void anUnknownPolicyEngineIsNamed(@TempDir Path dir) throws Exception {
        Map<String, String> env = TestStudios.environment(dir.resolve("home"));
        env.put("CINBOARD_POLICY_ENGINE", "strict");
        Path story = Files.writeString(dir.resolve("s.txt"), "The ferry left at dawn.");
        Result r = run(env, "analyze", story.toString());
        assertEquals(StudioCommand.EXIT_USER_ERROR, r.exit());
        assertTrue(
                r.err().contains("CINBOARD_POLICY_ENGINE is \"strict\"; allowed: local, moderation or chat."), r.err());
    }
}
