package ai.cinboard.persistence.mapper;

import java.util.List;
import java.util.Map;

/** Queries about the database itself, for doctor and db info. */
public interface SystemMapper {
    /** One row per studio table: {@code table_name} and {@code row_count}. */
    List<Map<String, Object>> rowCounts();

    String serverVersion();
}
