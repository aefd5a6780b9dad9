package ai.cinboard.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.User;
import ai.cinboard.persistence.mapper.CharacterMapper;
import ai.cinboard.persistence.mapper.InputRecordMapper;
import ai.cinboard.persistence.mapper.KeyframeMapper;
import ai.cinboard.persistence.mapper.UserMapper;
import ai.cinboard.testing.Fixtures;
import ai.cinboard.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.ibatis.exceptions.PersistenceException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The spec's constraints, defaults and triggers, checked against the migrated schema. */
class SchemaRulesTest {
    private static Database db;

    @BeforeAll
    static void open() {
        db = TestDatabases.open();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    /** Inserts one row into each table that has a quality_score, with the given score, in SQL. */
    private static final List<String> QUALITY_TABLES = List.of(
            "characters",
            "character_images",
            "keyframes",
            "keyframe_images",
            "video_clips",
            "voiceovers",
            "final_videos");

    private void insertWithScore(Connection c, String table, String score) throws SQLException {
        int record = db.inTransaction(s -> Fixtures.inputRecord(s, Fixtures.user(s)));
        int scene = db.inTransaction(s -> Fixtures.scene(s, record, 1));
        int character = db.inTransaction(s -> Fixtures.character(s, record, "A" + System.nanoTime()));
        String sql = switch (table) {
            case "characters" ->
                "INSERT INTO characters (input_record_id, character_id, character_name,"
                        + " character_description, consistency_key, quality_score) VALUES (" + record
                        + ", 'c', 'C', 'd', 'k', ?)";
            case "character_images" ->
                "INSERT INTO character_images (character_id, image_url, quality_score) VALUES (" + character
                        + ", 'u', ?)";
            case "keyframes" ->
                "INSERT INTO keyframes (input_record_id, scene_id, keyframe_id, sequence,"
                        + " keyframe_description, timing_seconds, quality_score) VALUES (" + record + ", " + scene
                        + ", 'k', 0, 'd', 0, ?)";
            case "keyframe_images" ->
                "INSERT INTO keyframe_images (keyframe_id, image_url, quality_score) VALUES ("
                        + "(SELECT max(id) FROM keyframes), 'u', ?)";
            case "video_clips" ->
                "INSERT INTO video_clips (input_record_id, scene_id, clip_id, video_url,"
                        + " duration_seconds, quality_score) VALUES (" + record + ", " + scene + ", 'c', 'u', 1, ?)";
            case "voiceovers" ->
                "INSERT INTO voiceovers (input_record_id, audio_url, duration_seconds, voice_settings,"
                        + " language, quality_score) VALUES (" + record + ", 'u', 1, '{}', 'en', ?)";
            case "final_videos" ->
                "INSERT INTO final_videos (input_record_id, video_url, duration_seconds," + " quality_score) VALUES ("
                        + record + ", 'u', 1, ?)";
            default -> throw new IllegalArgumentException(table);
        };
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setBigDecimal(1, new java.math.BigDecimal(score));
            ps.executeUpdate();
        }
    }

    @Test
    void qualityScoreRuleHoldsOnAllSevenTables() throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(true);
            // keyframe_images needs a keyframe to exist
            insertWithScore(c, "keyframes", "0.5");
            for (String table : QUALITY_TABLES) {
                insertWithScore(c, table, "0");
                insertWithScore(c, table, "1");
                insertWithScore(c, table, "0.00");
                insertWithScore(c, table, "1.00");
                for (String bad : List.of("1.01", "-0.01")) {
                    SQLException e = assertThrows(
                            SQLException.class,
                            () -> insertWithScore(c, table, bad),
                            table + " must reject quality_score " + bad);
                    assertTrue(e.getMessage().contains("Quality score must be between 0.0 and 1.0"), e.getMessage());
                }
            }
        }
    }

    @Test
    void qualityScoreRuleHoldsOnUpdateToo() {
        int record = db.inTransaction(s -> Fixtures.inputRecord(s, Fixtures.user(s)));
        int character = db.inTransaction(s -> Fixtures.character(s, record, "UPD"));
        assertThrows(
                PersistenceException.class,
                () -> db.useTransaction(s -> {
                    var m = s.getMapper(CharacterMapper.class);
                    var c = m.findById(character);
                    m.update(new ai.cinboard.domain.Character(
                            c.id(),
                            c.inputRecordId(),
                            c.characterId(),
                            c.characterName(),
                            c.characterDescription(),
                            c.consistencyKey(),
                            c.imageUrl(),
                            c.generationParams(),
                            new java.math.BigDecimal("1.01"),
                            null,
                            null));
                }));
    }

    @Test
    void deletingAUserCascadesToEverythingUnderIt() throws SQLException {
        int user = db.inTransaction(s -> Fixtures.user(s));
        int record = db.inTransaction(s -> Fixtures.inputRecord(s, user));
        db.useTransaction(s -> {
            int scene = Fixtures.scene(s, record, 1);
            int character = Fixtures.character(s, record, "CASCADE");
            s.getMapper(ai.cinboard.persistence.mapper.SceneCharacterMapper.class)
                    .insert(new ai.cinboard.domain.SceneCharacter(scene, character));
            s.getMapper(KeyframeMapper.class)
                    .insert(new ai.cinboard.domain.Keyframe(
                            null, record, scene, "k", 0, "d", null, 0, null, null, null, null));
            s.getMapper(ai.cinboard.persistence.mapper.ProcessingStatusMapper.class)
                    .insert(ai.cinboard.domain.ProcessingStatus.started(
                            record, ai.cinboard.domain.Phase.VALIDATION, null));
        });
        db.inTransaction(s -> s.getMapper(UserMapper.class).deleteById(user));
        try (Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement()) {
            for (String table : List.of("input_records", "scenes", "characters", "keyframes", "processing_statuses")) {
                String where = table.equals("input_records") ? "id" : "input_record_id";
                try (ResultSet rs =
                        st.executeQuery("SELECT count(*) FROM " + table + " WHERE " + where + " = " + record)) {
                    rs.next();
                    assertEquals(0, rs.getInt(1), table + " rows should be deleted with their user");
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM scene_characters sc LEFT JOIN scenes s ON"
                    + " s.id = sc.scene_id WHERE s.id IS NULL")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "no orphaned scene_characters");
            }
        }
    }

    @Test
    void deletingASceneKeepsCharacterImagesButClearsTheirScene() {
        int record = db.inTransaction(s -> Fixtures.inputRecord(s, Fixtures.user(s)));
        int scene = db.inTransaction(s -> Fixtures.scene(s, record, 1));
        int character = db.inTransaction(s -> Fixtures.character(s, record, "KEEP"));
        int image = db.inTransaction(s -> s.getMapper(ai.cinboard.persistence.mapper.CharacterImageMapper.class)
                .insert(new ai.cinboard.domain.CharacterImage(
                        null, character, scene, "u", null, null, null, null, null)));
        db.inTransaction(s ->
                s.getMapper(ai.cinboard.persistence.mapper.SceneMapper.class).deleteById(scene));
        var kept = db.read(s -> s.getMapper(ai.cinboard.persistence.mapper.CharacterImageMapper.class)
                .findById(image));
        assertNull(kept.sceneId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"users", "input_records", "characters", "scenes"})
    void updatedAtTriggerMovesOnUpdate(String table) throws Exception {
        int record = db.inTransaction(s -> Fixtures.inputRecord(s, Fixtures.user(s)));
        int id = switch (table) {
            case "users" -> db.inTransaction(s -> Fixtures.user(s));
            case "input_records" -> record;
            case "characters" -> db.inTransaction(s -> Fixtures.character(s, record, "T"));
            default -> db.inTransaction(s -> Fixtures.scene(s, record, 1));
        };
        try (Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            // Set an old value directly; the trigger must replace it with the time of the next update.
            st.execute("ALTER TABLE " + table + " DISABLE TRIGGER USER");
            st.execute("UPDATE " + table + " SET updated_at = '2001-01-01T00:00:00Z' WHERE id = " + id);
            st.execute("ALTER TABLE " + table + " ENABLE TRIGGER USER");
            String column = switch (table) {
                case "users" -> "first_name = 'Changed'";
                case "input_records" -> "status = 'processing'";
                case "characters" -> "character_description = 'changed'";
                default -> "heading = 'changed'";
            };
            st.execute("UPDATE " + table + " SET " + column + " WHERE id = " + id);
            try (ResultSet rs = st.executeQuery("SELECT updated_at FROM " + table + " WHERE id = " + id)) {
                rs.next();
                OffsetDateTime updated = rs.getObject(1, OffsetDateTime.class);
                assertTrue(
                        updated.getYear() >= 2026, table + ".updated_at should be set by the trigger, was " + updated);
            }
        }
    }

    @Test
    void emailIsUniqueRegardlessOfCase() {
        db.inTransaction(s -> s.getMapper(UserMapper.class).insert(User.newUser("Same@Example.com", "h", "A", "B")));
        assertThrows(
                PersistenceException.class,
                () -> db.inTransaction(
                        s -> s.getMapper(UserMapper.class).insert(User.newUser("Same@Example.com", "h", "A", "B"))));
        assertThrows(
                PersistenceException.class,
                () -> db.inTransaction(
                        s -> s.getMapper(UserMapper.class).insert(User.newUser("same@example.COM", "h", "A", "B"))));
    }

    @Test
    void aFailedUnitOfWorkLeavesNothingBehind() {
        long before =
                db.read(s -> (long) s.getMapper(UserMapper.class).listAll().size());
        assertThrows(
                IllegalStateException.class,
                () -> db.useTransaction(s -> {
                    Fixtures.user(s);
                    throw new IllegalStateException("boom");
                }));
        assertEquals(before, (long)
                db.read(s -> s.getMapper(UserMapper.class).listAll().size()));
    }

    @Test
    void specIndexesAndTriggersExist() throws SQLException {
        List<String> indexes = List.of(
                "idx_users_email",
                "idx_input_records_user_id",
                "idx_input_records_status",
                "idx_input_records_created_at",
                "idx_processing_statuses_input_record_id",
                "idx_processing_statuses_phase",
                "idx_processing_statuses_status",
                "idx_characters_input_record_id",
                "idx_characters_consistency_key",
                "idx_character_images_character_id",
                "idx_keyframes_input_record_id",
                "idx_keyframes_scene_id",
                "idx_keyframe_images_keyframe_id",
                "idx_video_clips_input_record_id",
                "idx_video_clips_scene_id",
                "idx_voiceovers_input_record_id",
                "idx_voiceovers_language",
                "idx_final_videos_input_record_id",
                "idx_final_videos_delivered_at");
        List<String> triggers = List.of(
                "update_users_updated_at",
                "update_input_records_updated_at",
                "update_characters_updated_at",
                "validate_character_quality_score",
                "validate_keyframe_quality_score",
                "validate_video_clip_quality_score");
        try (Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement()) {
            for (String index : indexes) {
                try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_indexes WHERE indexname = '" + index + "'")) {
                    assertTrue(rs.next(), "missing index " + index);
                }
            }
            for (String trigger : triggers) {
                try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_trigger WHERE tgname = '" + trigger + "'")) {
                    assertTrue(rs.next(), "missing trigger " + trigger);
                }
            }
            try (ResultSet rs =
                    st.executeQuery("SELECT data_type, character_maximum_length FROM information_schema.columns"
                            + " WHERE table_name = 'input_records' AND column_name = 'language_confidence'")) {
                rs.next();
                assertEquals("character varying", rs.getString(1));
                assertEquals(20, rs.getInt(2));
            }
        }
        assertEquals(
                0,
                db.read(s -> s.getMapper(InputRecordMapper.class).listByUser(-1))
                        .size());
    }
}
