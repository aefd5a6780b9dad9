package ai.cinboard.persistence.type;

import ai.cinboard.domain.Line;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;

/** {@code scenes.lines}: a scene's lines as a JSONB array of {kind, speaker, text}. */
public class LineListTypeHandler extends JsonbTypeHandler<List<Line>> {
    public LineListTypeHandler() {
        super(new TypeReference<List<Line>>() {});
    }
}
