package ai.cinboard.persistence.type;

import java.util.Map;

/** JSONB as {@code Map<String, Object>}, the shape of the spec's free-form JSONB columns. */
@SuppressWarnings({"rawtypes", "unchecked"})
public class JsonbMapTypeHandler extends JsonbTypeHandler<Map> {
    public JsonbMapTypeHandler() {
        super(Map.class);
    }
}
