package ai.cinboard.generation.openai;

import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.settings.SettingsRegistry;
import ai.cinboard.generation.TextEngine;
import ai.cinboard.generation.remote.Json;
import ai.cinboard.generation.remote.JsonSchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chat completions that must answer with JSON following a schema.
 * <ol>
 *   <li>Ask with {@code response_format: {type: json_schema, json_schema: {name, schema, strict}}}.</li>
 *   <li>If the server rejects that (HTTP 400 naming response_format or json_schema — older llama.cpp, some
 *       LocalAI builds), ask again with {@code {type: json_object}} and the schema spelled out in the system
 *       prompt; remember the fallback for later calls.</li>
 *   <li>Whatever mode, strip Markdown fences, parse and validate on our side; if the answer is not valid,
 *       retry once showing the model its mistakes, then give up with a clear error.</li>
 * </ol>
 */
public final class OpenAiTextEngine implements TextEngine {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiTextEngine.class);
    private static final Pattern FENCE = Pattern.compile("(?s)^\\s*```[a-zA-Z0-9_-]*\\s*\\n?(.*?)\\n?\\s*```\\s*$");

    private final OpenAiClient client;
    private volatile boolean jsonSchemaUnsupported;

    public OpenAiTextEngine(OpenAiClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public String completeJson(
            String systemPrompt, String userPrompt, String schemaName, Map<String, Object> jsonSchema) {
        ArrayNode messages = Json.MAPPER.createArrayNode();
        boolean schemaMode = !jsonSchemaUnsupported;
        messages.add(message("system", schemaMode ? systemPrompt : withSchemaInstructions(systemPrompt, jsonSchema)));
        messages.add(message("user", userPrompt));

        String content;
        try {
            content = chat(messages, schemaMode ? schemaFormat(schemaName, jsonSchema) : jsonObjectFormat());
        } catch (OpenAiRequestRejected e) {
            // 400 from the hosted API and Ollama, 422 from vLLM-style validators, 500 from older llama.cpp builds.
            boolean formatRejected = (e.status() == 400 || e.status() == 422 || e.status() == 500)
                    && (e.mentions("response_format") || e.mentions("json_schema"));
            if (!schemaMode || !formatRejected) {
                throw e;
            }
            LOG.info(
                    "{} does not accept json_schema output ({}); using json_object and validating here",
                    client.settings().baseUrl(),
                    e.serverMessage());
            jsonSchemaUnsupported = true;
            messages.set(0, message("system", withSchemaInstructions(systemPrompt, jsonSchema)));
            content = chat(messages, jsonObjectFormat());
            schemaMode = false;
        }

        Attempt first = check(content, jsonSchema);
        if (first.ok()) {
            return first.json();
        }
        LOG.info("answer for schema '{}' was invalid ({}); asking once more", schemaName, first.problems());
        messages.add(message("assistant", content == null ? "" : content));
        messages.add(message(
                "user",
                "That answer is not valid: " + String.join("; ", first.problems())
                        + ". Reply again with only the JSON object, following the schema exactly."));
        String again = chat(messages, schemaMode ? schemaFormat(schemaName, jsonSchema) : jsonObjectFormat());
        Attempt second = check(again, jsonSchema);
        if (second.ok()) {
            return second.json();
        }
        throw new StudioException("The model '" + client.settings().chatModel() + "' twice answered with JSON that "
                + "does not match the schema '" + schemaName + "' (" + String.join("; ", second.problems())
                + "). Choose a model that supports structured output in " + SettingsRegistry.OPENAI_CHAT_MODEL.name()
                + ", or use the local text engine.");
    }

    private String chat(ArrayNode messages, ObjectNode responseFormat) {
        ObjectNode body = Json.object();
        body.put("model", client.settings().chatModel());
        body.set("messages", messages.deepCopy());
        body.set("response_format", responseFormat);
        JsonNode answer = client.postJson("/chat/completions", body);
        JsonNode msg = answer.path("choices").path(0).path("message");
        if (msg.hasNonNull("refusal") && !msg.path("refusal").asText().isBlank()) {
            throw new StudioException("The model '" + client.settings().chatModel() + "' refused: "
                    + msg.path("refusal").asText() + ". Rephrase the story text or choose another model in "
                    + SettingsRegistry.OPENAI_CHAT_MODEL.name() + ".");
        }
        if (!msg.path("content").isTextual()) {
            // Treated as an invalid answer so the retry gets its chance.
            return null;
        }
        return msg.path("content").asText();
    }

    private record Attempt(String json, List<String> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    private static Attempt check(String content, Map<String, Object> schema) {
        if (content == null || content.isBlank()) {
            return new Attempt(null, List.of("the answer was empty"));
        }
        String stripped = stripFences(content);
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(stripped);
        } catch (Exception e) {
            return new Attempt(
                    null,
                    List.of("it is not valid JSON ("
                            + e.getMessage().lines().findFirst().orElse("") + ")"));
        }
        if (node == null) {
            return new Attempt(null, List.of("the answer was empty"));
        }
        List<String> problems = JsonSchemaValidator.validate(node, schema);
        return new Attempt(node.toString(), problems);
    }

    /** Models often wrap JSON in ```json … ``` even when told not to. */
    static String stripFences(String content) {
        Matcher m = FENCE.matcher(content);
        return m.matches() ? m.group(1).trim() : content.trim();
    }

    private static ObjectNode schemaFormat(String name, Map<String, Object> schema) {
        ObjectNode format = Json.object();
        format.put("type", "json_schema");
        ObjectNode js = format.putObject("json_schema");
        js.put("name", name);
        js.set("schema", Json.MAPPER.valueToTree(schema));
        // strict mode on the hosted API rejects schemas that leave properties optional or open; ask for it
        // only when the schema qualifies, otherwise the server would refuse the whole request.
        js.put("strict", strictCompatible(schema));
        return format;
    }

    private static ObjectNode jsonObjectFormat() {
        ObjectNode format = Json.object();
        format.put("type", "json_object");
        return format;
    }

    private static String withSchemaInstructions(String system, Map<String, Object> schema) {
        // json_object mode requires the word JSON in the messages, and the model needs the shape spelled out.
        return (system == null ? "" : system + "\n\n") + "Answer with a single JSON object only, no prose and no "
                + "Markdown, that follows this JSON Schema:\n"
                + Json.MAPPER.valueToTree(schema).toString();
    }

    private static ObjectNode message(String role, String content) {
        ObjectNode m = Json.object();
        m.put("role", role);
        m.put("content", content);
        return m;
    }

    @SuppressWarnings("unchecked")
    static boolean strictCompatible(Map<String, Object> schema) {
        if (schema == null) {
            return true;
        }
        Object properties = schema.get("properties");
        if (properties instanceof Map<?, ?> props) {
            if (!Boolean.FALSE.equals(schema.get("additionalProperties"))) {
                return false;
            }
            Object required = schema.get("required");
            if (!(required instanceof Collection<?> req) || !req.containsAll(props.keySet())) {
                return false;
            }
            for (Object sub : props.values()) {
                if (sub instanceof Map<?, ?> m && !strictCompatible((Map<String, Object>) m)) {
                    return false;
                }
            }
        }
        if (schema.get("items") instanceof Map<?, ?> items) {
            return strictCompatible((Map<String, Object>) items);
        }
        return true;
    }
}
