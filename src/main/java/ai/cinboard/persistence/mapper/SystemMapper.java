package ai.cinboard.persistence.mapper;

import java.util.List;
import java.util.Map;

/** Queries about the database itself, for doctor and db info. */
public interface SystemMapper {
    /** One row per studio table: {@code table_name} and {@code row_count}. */
    List<Map<String, Object>> rowCounts();

    String serverVersion();

    /**
     * Every media URL ({@code media://local/...} or {@code s3://...}) that any project row refers to, in a URL
     * column, an array or inside JSON (phase data, generation parameters, composition data).
     */
    List<String> referencedMediaUrls();
}
