package ai.cinboard.generation.remote;

import ai.cinboard.domain.StudioException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One shared mapper and the small JSON chores every engine repeats. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a server answer; a body that is not JSON becomes an error naming the engine and the endpoint. */
    public static JsonNode parse(String engine, String endpoint, String body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new StudioException(engine + ": " + endpoint + " answered with an empty body. "
                        + "Check that the address points at the right server.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new StudioException(
                    engine + ": " + endpoint + " answered with something that is not JSON ("
                            + RemoteHttp.abbreviate(body, 120)
                            + "). Check that the address points at the right server.",
                    e);
        }
    }
}
