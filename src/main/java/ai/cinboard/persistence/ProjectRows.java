package ai.cinboard.persistence;

import ai.cinboard.domain.StudioException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One project's rows in every per-project table, as JSON objects (PostgreSQL's {@code row_to_json}, so every
 * column type round-trips through {@code json_populate_record}), and their insertion as a new project with new
 * ids. For project archives ({@code project export} / {@code project import}).
 *
 * <p>On insertion every reference is remapped to the new ids: the schema's foreign keys (read from
 * {@code pg_constraint}, so a new one is followed without code), the id arrays the schema keeps without a
 * constraint ({@link #ID_ARRAYS}), and ids kept inside JSON values under the keys in {@link #JSON_ID_KEYS}
 * ({@code composition_data.edit_list[].scene_id / clip_id}, {@code voice_settings.segments[].scene_id}). The owner
 * ({@code input_records.user_id}) becomes the importing user. Media URLs are replaced wherever a whole string
 * value equals one (a column, an array element, a JSON value).
 */
public final class ProjectRows {
    /** The per-project tables, parents before children (the order rows are inserted in). */
    public static final List<String> TABLES = List.of(
            "input_records",
            "processing_statuses",
            "scenes",
            "characters",
            "scene_characters",
            "character_images",
            "keyframes",
            "keyframe_images",
            "video_clips",
            "voiceovers",
            "final_videos");

    /** Id arrays without a foreign-key constraint: table.column to the table their ids belong to. */
    static final Map<String, String> ID_ARRAYS = Map.of(
            "video_clips.keyframe_ids", "keyframes",
            "video_clips.character_ids", "characters",
            "final_videos.video_clip_ids", "video_clips");

    /** Keys whose numeric values inside a JSON column are row ids, and the table they belong to. */
    static final Map<String, String> JSON_ID_KEYS = Map.of(
            "input_record_id", "input_records",
            "scene_id", "scenes",
            "clip_id", "video_clips",
            "video_clip_id", "video_clips",
            "keyframe_id", "keyframes",
            "character_id", "characters",
            "voiceover_id", "voiceovers");

    /** How each table's rows of one project are found ({@code ?} is the project id). */
    private static final Map<String, String> WHERE = Map.ofEntries(
            Map.entry("input_records", "id = ?"),
            Map.entry("processing_statuses", "input_record_id = ?"),
            Map.entry("scenes", "input_record_id = ?"),
            Map.entry("characters", "input_record_id = ?"),
            Map.entry("scene_characters", "scene_id IN (SELECT id FROM scenes WHERE input_record_id = ?)"),
            Map.entry("character_images", "character_id IN (SELECT id FROM characters WHERE input_record_id = ?)"),
            Map.entry("keyframes", "input_record_id = ?"),
            Map.entry("keyframe_images", "keyframe_id IN (SELECT id FROM keyframes WHERE input_record_id = ?)"),
            Map.entry("video_clips", "input_record_id = ?"),
            Map.entry("voiceovers", "input_record_id = ?"),
            Map.entry("final_videos", "input_record_id = ?"));

    /**
     * Reads and writes rows without losing a digit: decimals stay exact BigDecimals with their scale (a NUMERIC(9,3)
     * 12.000 stays 12.000, not 12.0).
     */
    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    private ProjectRows() {}

    /** Data that can't be a project of this schema; the message is the reason, for the caller's one line. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }

    /** What a phase's {@code phase_data} says about the run of it in the job engine (see RenderQueue). */
    private static final List<String> RUN_KEYS = List.of("unit", "attempt", "worker");

    /** Every row of project {@code projectId}, table by table in {@link #TABLES} order, ordered by key. */
    public static Map<String, List<ObjectNode>> read(Connection c, int projectId) throws SQLException {
        Map<String, List<ObjectNode>> tables = new LinkedHashMap<>();
        for (String table : TABLES) {
            Set<String> columns = columns(c, table);
            String order = columns.contains("id") ? "t.id" : "1";
            List<ObjectNode> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT row_to_json(t)::text FROM " + table + " t WHERE "
                    + WHERE.get(table) + " ORDER BY " + order)) {
                ps.setInt(1, projectId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add((ObjectNode) JSON.readTree(rs.getString(1)));
                    }
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("PostgreSQL returned a row that is not JSON", e);
            }
            tables.put(table, rows);
        }
        return tables;
    }

    /**
     * Inserts {@code tables} (as {@link #read} returns them) as a new project owned by {@code userId}, in the
     * caller's transaction, and returns its id. Every id is new, and the project is created now; {@code urls} replaces media URLs (an unknown
     * URL stays as it is). A foreign key to a row the data does not carry is refused; see {@link #remapIds} for the
     * id lists kept without a constraint.
     */
    public static int insert(Connection c, Map<String, List<ObjectNode>> tables, int userId, UnaryOperator<String> urls)
            throws SQLException {
        for (String table : tables.keySet()) {
            if (!TABLES.contains(table)) {
                throw new Refused("it has a table \"" + table + "\" that is not part of a project in this studio"
                        + " (made by another version?)");
            }
        }
        List<ObjectNode> records = tables.getOrDefault("input_records", List.of());
        if (records.size() != 1) {
            throw new Refused("it holds " + records.size() + " projects instead of one");
        }
        Map<String, String> foreignKeys = foreignKeys(c);
        Map<String, Map<Long, Integer>> newIds = new HashMap<>();
        int projectId = 0;
        for (String table : TABLES) {
            Set<String> columns = columns(c, table);
            Set<String> jsonb = jsonbColumns(c, table);
            Map<Long, Integer> ids = new HashMap<>();
            newIds.put(table, ids);
            for (ObjectNode source : tables.getOrDefault(table, List.of())) {
                ObjectNode row = source.deepCopy();
                JsonNode oldId = row.remove("id");
                if (table.equals("input_records")) {
                    // a new project of the importer's: it is listed as made now, newest first, not where the
                    // original stood in its author's list (its media rows keep their own times)
                    row.remove("created_at");
                    row.remove("updated_at");
                }
                if (table.equals("processing_statuses") && row.get("phase_data") instanceof ObjectNode data) {
                    // which render unit, attempt and worker ran a phase name the original project's ids and its
                    // studio's job engine: here they would read as this project's units
                    RUN_KEYS.forEach(data::remove);
                }
                Iterator<Map.Entry<String, JsonNode>> fields = row.fields();
                List<String> names = new ArrayList<>();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    String column = f.getKey();
                    if (!columns.contains(column)) {
                        throw new Refused("it has a column " + table + "." + column + " that this studio's database"
                                + " does not have (made by a newer version?)");
                    }
                    names.add(column);
                    String qualified = table + "." + column;
                    requireReadable(qualified, f.getValue(), jsonb.contains(column));
                    if (table.equals("input_records") && column.equals("user_id")) {
                        f.setValue(IntNode.valueOf(userId));
                    } else if (foreignKeys.containsKey(qualified)) {
                        f.setValue(remapId(f.getValue(), newIds.get(foreignKeys.get(qualified)), qualified));
                    } else if (ID_ARRAYS.containsKey(qualified)) {
                        f.setValue(remapIds(f.getValue(), newIds.get(ID_ARRAYS.get(qualified)), qualified));
                    } else {
                        f.setValue(rewrite(f.getValue(), newIds, urls));
                    }
                }
                if (names.isEmpty()) {
                    throw new Refused("it has an empty row in " + table);
                }
                String list = String.join(
                        ", ", names.stream().map(DatabaseBackup::quote).toList());
                String sql =
                        "INSERT INTO " + table + " (" + list + ") SELECT " + list + " FROM json_populate_record(NULL::"
                                + table + ", ?::json)" + (columns.contains("id") ? " RETURNING id" : "");
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, row.toString());
                    if (columns.contains("id")) {
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            int id = rs.getInt(1);
                            if (oldId == null || !oldId.canConvertToLong()) {
                                throw new Refused("a row of " + table + " has no id");
                            }
                            if (ids.put(oldId.asLong(), id) != null) {
                                throw new Refused("it has two rows of " + table + " with id " + oldId);
                            }
                            if (table.equals("input_records")) {
                                projectId = id;
                            }
                        }
                    } else {
                        ps.executeUpdate();
                    }
                }
            }
        }
        return projectId;
    }

    private static JsonNode remapId(JsonNode value, Map<Long, Integer> ids, String column) {
        if (value == null || value.isNull()) {
            return value;
        }
        Integer id = value.canConvertToLong() && ids != null ? ids.get(value.asLong()) : null;
        if (id == null) {
            throw new Refused(column + " refers to a row (" + value + ") it does not carry");
        }
        return IntNode.valueOf(id);
    }

    /**
     * An id array without a constraint may name rows since replaced (an earlier final video lists the clips it was
     * made of, and a re-rendered scene's clip replaces the old row): those ids are dropped, as they name nothing in
     * the project any more, and can't come to name another project's rows here.
     */
    private static JsonNode remapIds(JsonNode value, Map<Long, Integer> ids, String column) {
        if (value == null || value.isNull()) {
            return value;
        }
        if (!value.isArray()) {
            throw new Refused(column + " is not a list of ids");
        }
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode v : value) {
            if (!v.canConvertToLong()) {
                throw new Refused(column + " holds " + v + ", not an id");
            }
            Integer id = ids == null ? null : ids.get(v.asLong());
            if (id != null) {
                out.add(IntNode.valueOf(id));
            }
        }
        return out;
    }

    /** Media URLs anywhere; inside JSON values also the ids under {@link #JSON_ID_KEYS}. */
    private static JsonNode rewrite(
            JsonNode value, Map<String, Map<Long, Integer>> newIds, UnaryOperator<String> urls) {
        if (value.isTextual()) {
            String replaced = urls.apply(value.asText());
            return replaced.equals(value.asText()) ? value : TextNode.valueOf(replaced);
        }
        if (value.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            value.forEach(v -> out.add(rewrite(v, newIds, urls)));
            return out;
        }
        if (value.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            value.fields().forEachRemaining(f -> {
                String table = JSON_ID_KEYS.get(f.getKey());
                JsonNode v = f.getValue();
                if (table != null && v.isIntegralNumber() && newIds.containsKey(table)) {
                    // an id of a row since replaced names nothing here: null, never another project's row
                    Integer id = newIds.get(table).get(v.asLong());
                    out.set(f.getKey(), id == null ? JSON.nullNode() : IntNode.valueOf(id));
                } else {
                    out.set(f.getKey(), rewrite(v, newIds, urls));
                }
            });
            return out;
        }
        return value;
    }

    /** True when {@code version} (of an archive) is a schema newer than {@code current} (this studio's). */
    public static boolean isNewerSchema(String version, String current) {
        try {
            return org.flywaydb.core.api.MigrationVersion.fromVersion(version).isNewerThan(current);
        } catch (RuntimeException e) {
            throw new StudioException("The schema version \"" + version + "\" is not a version number.");
        }
    }

    /** Every single-column foreign key of the schema: "table.column" to the referenced table. */
    static Map<String, String> foreignKeys(Connection c) throws SQLException {
        Map<String, String> keys = new HashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT child.relname, a.attname, parent.relname FROM pg_constraint k"
                        + " JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid"
                        + " JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]"
                        + " WHERE k.contype = 'f' AND cardinality(k.conkey) = 1"
                        + " AND child.relnamespace = current_schema()::text::regnamespace")) {
            while (rs.next()) {
                keys.put(rs.getString(1) + "." + rs.getString(2), rs.getString(3));
            }
        }
        return keys;
    }

    /**
     * The columns the studio reads into its own types (a status, a phase, a scene's lines, a JSONB map): a value
     * that fits PostgreSQL but not them would break the project once stored (it could not even be listed or
     * deleted), so it is refused here.
     */
    private static final Map<String, Set<String>> ENUM_VALUES = Map.of(
            "input_records.status",
                    values(ai.cinboard.domain.RecordStatus.values(), ai.cinboard.domain.RecordStatus::dbValue),
            "input_records.current_phase", values(ai.cinboard.domain.Phase.values(), ai.cinboard.domain.Phase::dbValue),
            "processing_statuses.status",
                    values(ai.cinboard.domain.PhaseStatus.values(), ai.cinboard.domain.PhaseStatus::dbValue),
            "processing_statuses.phase", values(ai.cinboard.domain.Phase.values(), ai.cinboard.domain.Phase::dbValue));

    private static <E> Set<String> values(E[] all, java.util.function.Function<E, String> db) {
        return java.util.Arrays.stream(all).map(db).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private static void requireReadable(String qualified, JsonNode value, boolean jsonb) {
        if (value == null || value.isNull()) {
            return;
        }
        Set<String> allowed = ENUM_VALUES.get(qualified);
        boolean readable;
        if (allowed != null) {
            readable = value.isTextual() && allowed.contains(value.asText());
        } else if (qualified.equals("scenes.lines")) {
            readable = readsAs(
                    value, new com.fasterxml.jackson.core.type.TypeReference<List<ai.cinboard.domain.Line>>() {});
        } else if (qualified.equals("input_records.render_settings")) {
            readable = value.isObject() && aspectReadable(value.get("aspect"));
        } else {
            readable = !jsonb || value.isObject();
        }
        if (!readable) {
            String shown = value.toString();
            throw new Refused("it has " + qualified + " = "
                    + (shown.length() > 40 ? shown.substring(0, 40) + "…" : shown) + ", which this studio can't read");
        }
    }

    private static boolean readsAs(JsonNode value, com.fasterxml.jackson.core.type.TypeReference<?> type) {
        try {
            JSON.convertValue(value, type);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean aspectReadable(JsonNode aspect) {
        if (aspect == null || aspect.isNull()) {
            return true;
        }
        try {
            ai.cinboard.domain.AspectRatio.parse(aspect.asText());
            return aspect.isTextual();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Set<String> columns(Connection c, String table) throws SQLException {
        return columns(c, table, "%");
    }

    private static Set<String> jsonbColumns(Connection c, String table) throws SQLException {
        return columns(c, table, "jsonb");
    }

    /** The table's columns whose type is like {@code dataType} ("%" for every column). */
    private static Set<String> columns(Connection c, String table, String dataType) throws SQLException {
        Set<String> columns = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = ? AND data_type LIKE ?")) {
            ps.setString(1, table);
            ps.setString(2, dataType);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }
}
