package ai.cinboard.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.cinboard.domain.AuditEntry;
import ai.cinboard.domain.Project;
import ai.cinboard.persistence.mapper.AuditLogMapper;
import ai.cinboard.persistence.mapper.CharacterImageMapper;
import ai.cinboard.persistence.mapper.CharacterMapper;
import ai.cinboard.persistence.mapper.FinalVideoMapper;
import ai.cinboard.persistence.mapper.InputRecordMapper;
import ai.cinboard.persistence.mapper.KeyframeImageMapper;
import ai.cinboard.persistence.mapper.KeyframeMapper;
import ai.cinboard.persistence.mapper.ProcessingStatusMapper;
import ai.cinboard.persistence.mapper.SceneMapper;
import ai.cinboard.persistence.mapper.UserMapper;
import ai.cinboard.persistence.mapper.VideoClipMapper;
import ai.cinboard.persistence.mapper.VoiceoverMapper;
import ai.cinboard.testing.TestDatabases;
import ai.cinboard.testing.TestProjects;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL and format-string injection strings in every text field of every table (plain columns, JSONB keys and
 * values, TEXT[] elements) go in through the studio's own mappers, come back verbatim, harm nothing, and
 * survive a backup and restore unchanged.
 */
class InjectionStringsTest {
    static final List<String> HOSTILE = List.of(
            "Robert'); DROP TABLE input_records;--",
            "' OR '1'='1' --",
            "\"; SELECT pg_sleep(30); --",
            "%s%n%x%d %1$s %% %n",
            "${user.home} #{id} ${1+1} {{7*7}} $$ $1",
            "\\N \\. \\\\ tab\there\nnew line\r\n",
            "NULL",
            "</td><script>alert(1)</script>",
            "عربي · 日本語 · 😀 · e\u0301");

    /** One table: its record type, how to insert a row (returns the id) and read it back. */
    private record Table<T extends Record>(
            String name,
            Class<T> type,
            T base,
            BiFunction<SqlSession, T, Number> insert,
            BiFunction<SqlSession, Number, T> find) {}

    private static Map<String, Integer> maxLengths(Database db, String table) {
        return db.read(s -> {
            Map<String, Integer> lengths = new HashMap<>();
            try (var ps = s.getConnection()
                    .prepareStatement("SELECT column_name, character_maximum_length FROM"
                            + " information_schema.columns WHERE table_schema = current_schema() AND table_name = ?")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lengths.put(rs.getString(1), rs.getObject(2) == null ? Integer.MAX_VALUE : rs.getInt(2));
                    }
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return lengths;
        });
    }

    private static String column(String component) {
        return component.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code base} with every text field set to {@code hostile} (cut to the column's length), id cleared. */
    static <T extends Record> T hostileCopy(T base, String hostile, Map<String, Integer> lengths, int n)
            throws Exception {
        RecordComponent[] components = base.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            Object value = c.getAccessor().invoke(base);
            String name = c.getName();
            if (name.equals("id")) {
                value = null;
            } else if (c.getType() == String.class && lengths.containsKey(column(name))) {
                // Emails are unique: a number in front keeps each row distinct.
                String text = name.equals("email") ? n + hostile : hostile;
                value = text.substring(0, Math.min(text.length(), lengths.get(column(name))));
            } else if (c.getType() == Map.class) {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("note", hostile);
                map.put(hostile, List.of(hostile, "ok"));
                value = map;
            } else if (c.getType() == List.class
                    && c.getGenericType() instanceof ParameterizedType p
                    && p.getActualTypeArguments()[0] == String.class) {
                value = List.of(hostile, hostile + "2");
            }
            values[i] = value;
        }
        return (T) base.getClass().getDeclaredConstructor(types).newInstance(values);
    }

    /** The record's text, JSON and list fields, to compare what went in with what came out. */
    static Map<String, Object> textFields(Record r) throws Exception {
        Map<String, Object> fields = new TreeMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            if (c.getType() == String.class || c.getType() == Map.class || c.getType() == List.class) {
                fields.put(c.getName(), c.getAccessor().invoke(r));
            }
        }
        return fields;
    }

    private static Map<String, List<String>> contents(String url) throws Exception {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", null);
                Statement st = c.createStatement()) {
            for (String table : DatabaseBackup.tables(c)) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT t::text FROM " + table + " t ORDER BY 1")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
                tables.put(table, rows);
            }
        }
        return tables;
    }

    @Test
    void everyTextFieldStoresHostileStringsVerbatimAndHarmlessly(@TempDir Path dir) throws Exception {
        String url = TestDatabases.createEmptyDatabase();
        try (Database db = Database.open(TestDatabases.settings(url))) {
            int projectId = TestProjects.insert(db, 1, 1, 1, 1, 1);
            Project p = new ProjectRepository(db).load(projectId).orElseThrow();
            long auditId = db.inTransaction(s -> s.getMapper(AuditLogMapper.class)
                    .insert(new AuditEntry(null, p.record().userId(), "export", Map.of("a", "b"), "127.0.0.1", null)));
            AuditEntry audit = db.read(s -> s.getMapper(AuditLogMapper.class).listRecent(1))
                    .get(0);
            assertEquals(auditId, audit.id());
            List<Table<?>> tables = List.of(
                    new Table<>(
                            "users",
                            ai.cinboard.domain.User.class,
                            db.read(s -> s.getMapper(UserMapper.class)
                                    .findById(p.record().userId())),
                            (s, r) -> s.getMapper(UserMapper.class).insert(r),
                            (s, id) -> s.getMapper(UserMapper.class).findById(id.intValue())),
                    new Table<>(
                            "input_records",
                            ai.cinboard.domain.InputRecord.class,
                            p.record(),
                            (s, r) -> s.getMapper(InputRecordMapper.class).insert(r),
                            (s, id) -> s.getMapper(InputRecordMapper.class).findById(id.intValue())),
                    new Table<>(
                            "processing_statuses",
                            ai.cinboard.domain.ProcessingStatus.class,
                            p.statuses().get(0),
                            (s, r) -> s.getMapper(ProcessingStatusMapper.class).insert(r),
                            (s, id) -> s.getMapper(ProcessingStatusMapper.class).findById(id.intValue())),
                    new Table<>(
                            "scenes",
                            ai.cinboard.domain.Scene.class,
                            p.scenes().get(0),
                            (s, r) -> s.getMapper(SceneMapper.class).insert(r),
                            (s, id) -> s.getMapper(SceneMapper.class).findById(id.intValue())),
                    new Table<>(
                            "characters",
                            ai.cinboard.domain.Character.class,
                            p.characters().get(0),
                            (s, r) -> s.getMapper(CharacterMapper.class).insert(r),
                            (s, id) -> s.getMapper(CharacterMapper.class).findById(id.intValue())),
                    new Table<>(
                            "character_images",
                            ai.cinboard.domain.CharacterImage.class,
                            p.characterImages().get(0),
                            (s, r) -> s.getMapper(CharacterImageMapper.class).insert(r),
                            (s, id) -> s.getMapper(CharacterImageMapper.class).findById(id.intValue())),
                    new Table<>(
                            "keyframes",
                            ai.cinboard.domain.Keyframe.class,
                            p.keyframes().get(0),
                            (s, r) -> s.getMapper(KeyframeMapper.class).insert(r),
                            (s, id) -> s.getMapper(KeyframeMapper.class).findById(id.intValue())),
                    new Table<>(
                            "keyframe_images",
                            ai.cinboard.domain.KeyframeImage.class,
                            p.keyframeImages().get(0),
                            (s, r) -> s.getMapper(KeyframeImageMapper.class).insert(r),
                            (s, id) -> s.getMapper(KeyframeImageMapper.class).findById(id.intValue())),
                    new Table<>(
                            "video_clips",
                            ai.cinboard.domain.VideoClip.class,
                            p.clips().get(0),
                            (s, r) -> s.getMapper(VideoClipMapper.class).insert(r),
                            (s, id) -> s.getMapper(VideoClipMapper.class).findById(id.intValue())),
                    new Table<>(
                            "voiceovers",
                            ai.cinboard.domain.Voiceover.class,
                            p.voiceovers().get(0),
                            (s, r) -> s.getMapper(VoiceoverMapper.class).insert(r),
                            (s, id) -> s.getMapper(VoiceoverMapper.class).findById(id.intValue())),
                    new Table<>(
                            "final_videos",
                            ai.cinboard.domain.FinalVideo.class,
                            p.finalVideos().get(0),
                            (s, r) -> s.getMapper(FinalVideoMapper.class).insert(r),
                            (s, id) -> s.getMapper(FinalVideoMapper.class).findById(id.intValue())),
                    new Table<>(
                            "audit_log",
                            AuditEntry.class,
                            audit,
                            (s, r) -> s.getMapper(AuditLogMapper.class).insert(r),
                            (s, id) -> s.getMapper(AuditLogMapper.class)
                                    .listRecent(1)
                                    .get(0)));

            int n = 0;
            int textFieldsChecked = 0;
            for (Table<?> table : tables) {
                textFieldsChecked += roundTrip(db, table, n);
                n += HOSTILE.size();
            }
            assertEquals(true, textFieldsChecked > 150, "text fields checked: " + textFieldsChecked);

            // No harm: every table is still there, with the base rows plus one per hostile string.
            Map<String, Long> counts = new TreeMap<>();
            db.read(s -> s.getMapper(ai.cinboard.persistence.mapper.SystemMapper.class)
                            .rowCounts())
                    .forEach(r -> counts.put((String) r.get("table_name"), ((Number) r.get("row_count")).longValue()));
            assertEquals(1 + HOSTILE.size(), counts.get("input_records"));
            assertEquals(1 + HOSTILE.size(), counts.get("users"));
            assertNotNull(new ProjectRepository(db).load(projectId).orElse(null));
            List<String> rawInputs =
                    db
                            .read(s -> s.getMapper(InputRecordMapper.class)
                                    .listByUser(p.record().userId()))
                            .stream()
                            .map(ai.cinboard.domain.InputRecord::rawInput)
                            .toList();
            assertEquals(true, rawInputs.containsAll(HOSTILE), rawInputs.toString());

            // Backup and restore keep every byte (COPY's text format escapes tabs, newlines and backslashes).
            Path file = dir.resolve("hostile.backup");
            new DatabaseBackup(db).backup(file);
            String target = TestDatabases.createEmptyDatabase();
            try (Database restored = Database.open(TestDatabases.settings(target))) {
                new DatabaseBackup(restored).restore(file);
            }
            assertEquals(contents(url), contents(target));
            assertEquals(true, Files.size(file) > 0);
        }
    }

    private static <T extends Record> int roundTrip(Database db, Table<T> table, int n) throws Exception {
        Map<String, Integer> lengths = maxLengths(db, table.name());
        int checked = 0;
        for (String hostile : HOSTILE) {
            T row = hostileCopy(table.base(), hostile, lengths, n++);
            Number id = db.inTransaction(s -> table.insert().apply(s, row));
            T back = db.read(s -> table.find().apply(s, id));
            Map<String, Object> expected = textFields(row);
            assertEquals(expected, textFields(back), table.name() + " with " + hostile);
            checked += expected.size();
        }
        return checked;
    }
}
