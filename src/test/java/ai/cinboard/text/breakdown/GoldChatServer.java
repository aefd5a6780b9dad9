package ai.cinboard.text.breakdown;

import ai.cinboard.generation.openai.OpenAiClient;
import ai.cinboard.generation.openai.OpenAiSettings;
import ai.cinboard.generation.openai.OpenAiTextEngine;
import ai.cinboard.generation.remote.FakeHttpServer;
import ai.cinboard.generation.remote.FakeHttpServer.Reply;
import ai.cinboard.generation.remote.HttpSettings;
import ai.cinboard.generation.remote.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A fake OpenAI-compatible chat server that answers a scene breakdown from the corpus's gold files: it finds
 * the story in the request's user message, splits its paragraphs into the gold number of scenes and lists the
 * gold characters with their description words. It speaks the real wire format (POST /v1/chat/completions,
 * {@code choices[0].message.content}), so the prompt, the JSON-schema request and our validation all run.
 */
final class GoldChatServer implements AutoCloseable {
    private final FakeHttpServer server;
    private final Map<String, IntakeCorpus.Story> byText = new HashMap<>();

    /** {@code tamper} may change an answer before it is sent, to test validation and the fallback. */
    GoldChatServer(List<IntakeCorpus.Story> stories, UnaryOperator<ObjectNode> tamper) throws IOException {
        stories.forEach(s -> byText.put(s.text(), s));
        server = new FakeHttpServer();
        server.on("POST /v1/chat/completions", r -> {
            JsonNode request = Json.MAPPER.readTree(r.body());
            String user = request.path("messages").path(1).path("content").asText();
            IntakeCorpus.Story story = byText.get(user);
            if (story == null
                    || !"json_schema"
                            .equals(request.path("response_format").path("type").asText())) {
                return Reply.json(400, "{\"error\":{\"message\":\"unknown story or no json_schema\"}}");
            }
            ObjectNode root = Json.object();
            ObjectNode choice = root.putArray("choices").addObject();
            choice.put("index", 0).put("finish_reason", "stop");
            choice.putObject("message")
                    .put("role", "assistant")
                    .put("content", tamper.apply(answer(story)).toString());
            return Reply.json(200, root.toString());
        });
    }

    OpenAiTextEngine engine() {
        HttpSettings http = new HttpSettings(
                Duration.ofSeconds(2), Duration.ofSeconds(10), 0, Duration.ofMillis(10), Duration.ofMillis(50), 2);
        return new OpenAiTextEngine(new OpenAiClient(
                new OpenAiSettings(server.uri("/v1/"), "sk-test", "chat-m", "img-m", "tts-m", "nova", null, http)));
    }

    static ObjectNode answer(IntakeCorpus.Story story) {
        List<String> paragraphs = new ArrayList<>();
        for (String p : story.text().split("\\n\\s*\\n")) {
            if (!p.isBlank()) {
                paragraphs.add(p.strip());
            }
        }
        if (paragraphs.size() < story.gold().scenes()) {
            // scenes that change inside a paragraph: a model would cut between sentences
            paragraphs = new ArrayList<>(List.of(story.text().strip().split("(?<=[.!?。！？।])\\s*(?=\\S)")));
        }
        int scenes = Math.min(story.gold().scenes(), paragraphs.size());
        ObjectNode root = Json.object();
        ArrayNode sceneArray = root.putArray("scenes");
        for (int i = 0; i < scenes; i++) {
            int from = i * paragraphs.size() / scenes;
            int to = (i + 1) * paragraphs.size() / scenes;
            String text = String.join("\n\n", paragraphs.subList(from, to));
            ObjectNode scene = sceneArray.addObject();
            scene.put("heading", "Scene " + (i + 1))
                    .put("location", "")
                    .put("time_of_day", "")
                    .put("text", text);
            ArrayNode cast = scene.putArray("characters");
            for (IntakeCorpus.GoldCharacter c : story.gold().characters()) {
                if (IntakeCorpus.fold(text).contains(IntakeCorpus.fold(c.name()))) {
                    cast.add(c.name());
                }
            }
        }
        ArrayNode people = root.putArray("characters");
        for (IntakeCorpus.GoldCharacter c : story.gold().characters()) {
            people.addObject().put("name", c.name()).put("description", String.join(", ", c.descriptionMentions()));
        }
        return root;
    }

    int requests() {
        return server.requests("/v1/chat/completions").size();
    }

    @Override
    public void close() {
        server.close();
    }
}
