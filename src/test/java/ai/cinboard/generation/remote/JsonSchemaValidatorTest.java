package ai.cinboard.generation.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonSchemaValidatorTest {
    static final Map<String, Object> SCENES = Map.of(
            "type", "object",
            "required", List.of("scenes"),
            "properties",
                    Map.of(
                            "scenes",
                            Map.of(
                                    "type",
                                    "array",
                                    "minItems",
                                    1,
                                    "items",
                                    Map.of(
                                            "type",
                                            "object",
                                            "required",
                                            List.of("heading", "seconds", "mood"),
                                            "additionalProperties",
                                            false,
                                            "properties",
                                            Map.of(
                                                    "heading", Map.of("type", "string"),
                                                    "seconds", Map.of("type", "integer"),
                                                    "weight", Map.of("type", "number"),
                                                    "night", Map.of("type", "boolean"),
                                                    "mood",
                                                            Map.of(
                                                                    "type",
                                                                    "string",
                                                                    "enum",
                                                                    List.of("calm", "tense")))))));

    private static JsonNode json(String s) throws Exception {
        return Json.MAPPER.readTree(s);
    }

    @Test
    void acceptsConformingValue() throws Exception {
        assertEquals(
                List.of(),
                JsonSchemaValidator.validate(
                        json(
                                "{\"scenes\":[{\"heading\":\"INT. FLAT\",\"seconds\":12.0,\"weight\":0.5,\"night\":true,\"mood\":\"calm\"}]}"),
                        SCENES));
    }

    @Test
    void reportsEachProblemWithItsPath() throws Exception {
        List<String> p = JsonSchemaValidator.validate(
                json(
                        "{\"scenes\":[{\"heading\":3,\"seconds\":1.5,\"night\":\"yes\",\"mood\":\"happy\",\"extra\":1}, {}]}"),
                SCENES);
        String all = String.join("\n", p);
        assertTrue(all.contains("$.scenes[0].heading: expected string"), all);
        assertTrue(all.contains("$.scenes[0].seconds: expected integer"), all);
        assertTrue(all.contains("$.scenes[0].night: expected boolean"), all);
        assertTrue(all.contains("$.scenes[0].mood: \"happy\" is not one of [calm, tense]"), all);
        assertTrue(all.contains("unexpected property 'extra'"), all);
        assertTrue(all.contains("$.scenes[1]: missing required property 'heading'"), all);
    }

    @Test
    void checksTopLevelTypeAndMinItems() throws Exception {
        assertEquals(List.of("$: expected object but got an array"), JsonSchemaValidator.validate(json("[]"), SCENES));
        assertEquals(
                List.of("$.scenes: needs at least 1 items, has 0"),
                JsonSchemaValidator.validate(json("{\"scenes\":[]}"), SCENES));
    }
}
