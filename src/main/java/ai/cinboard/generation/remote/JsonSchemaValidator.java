package ai.cinboard.generation.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON answer against the subset of JSON Schema our prompts use: {@code type} (object, array,
 * string, number, integer, boolean, null, or a list of them), {@code properties}, {@code required},
 * {@code additionalProperties: false}, {@code items}, {@code enum}, {@code minItems}/{@code maxItems}.
 * Servers that ignore {@code json_schema} (or only honour {@code json_object}) still give valid JSON of
 * the wrong shape often enough that the pipeline must not trust it blindly.
 */
public final class JsonSchemaValidator {
    private JsonSchemaValidator() {}

    /** Every problem found, each with its JSON path; empty when the value conforms. */
    public static List<String> validate(JsonNode value, Map<String, Object> schema) {
        List<String> problems = new ArrayList<>();
        check(value, schema, "$", problems);
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static void check(JsonNode value, Map<String, Object> schema, String path, List<String> problems) {
        if (schema == null) {
            return;
        }
        Object type = schema.get("type");
        if (type != null) {
            Collection<Object> types = type instanceof Collection<?> c ? (Collection<Object>) c : List.of(type);
            if (types.stream().noneMatch(t -> hasType(value, String.valueOf(t)))) {
                problems.add(path + ": expected " + type + " but got " + describe(value));
                return;
            }
        }
        Object enumValues = schema.get("enum");
        if (enumValues instanceof Collection<?> allowed) {
            boolean match = allowed.stream().anyMatch(a -> a == null ? value.isNull() : matches(value, a));
            if (!match) {
                problems.add(path + ": " + value + " is not one of " + allowed);
            }
        }
        if (value.isObject()) {
            Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
            Object required = schema.get("required");
            if (required instanceof Collection<?> names) {
                for (Object name : names) {
                    if (!value.has(String.valueOf(name))) {
                        problems.add(path + ": missing required property '" + name + "'");
                    }
                }
            }
            if (properties != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    Object sub = properties.get(field.getKey());
                    if (sub instanceof Map<?, ?> subSchema) {
                        check(field.getValue(), (Map<String, Object>) subSchema, path + "." + field.getKey(), problems);
                    } else if (Boolean.FALSE.equals(schema.get("additionalProperties"))) {
                        problems.add(path + ": unexpected property '" + field.getKey() + "'");
                    }
                }
            }
        }
        if (value.isArray()) {
            if (schema.get("minItems") instanceof Number min && value.size() < min.intValue()) {
                problems.add(path + ": needs at least " + min + " items, has " + value.size());
            }
            if (schema.get("maxItems") instanceof Number max && value.size() > max.intValue()) {
                problems.add(path + ": allows at most " + max + " items, has " + value.size());
            }
            if (schema.get("items") instanceof Map<?, ?> itemSchema) {
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i), (Map<String, Object>) itemSchema, path + "[" + i + "]", problems);
                }
            }
        }
    }

    private static boolean hasType(JsonNode v, String type) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            // JSON does not distinguish 3 from 3.0; a number with no fraction counts as an integer.
            case "integer" -> v.isIntegralNumber() || (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()));
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            default -> true;
        };
    }

    private static boolean matches(JsonNode v, Object allowed) {
        if (allowed instanceof Number n) {
            return v.isNumber() && v.decimalValue().compareTo(new java.math.BigDecimal(n.toString())) == 0;
        }
        if (allowed instanceof Boolean b) {
            return v.isBoolean() && v.booleanValue() == b;
        }
        return v.isTextual() && v.textValue().equals(String.valueOf(allowed));
    }

    private static String describe(JsonNode v) {
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isTextual()) {
            return "a string";
        }
        if (v.isNumber()) {
            return "the number " + v;
        }
        return v.toString();
    }
}
