package ai.cinboard.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.Character;
import ai.cinboard.domain.CharacterImage;
import ai.cinboard.domain.FinalVideo;
import ai.cinboard.domain.InputRecord;
import ai.cinboard.domain.Keyframe;
import ai.cinboard.domain.KeyframeImage;
import ai.cinboard.domain.Phase;
import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.domain.ProcessingStatus;
import ai.cinboard.domain.RecordStatus;
import ai.cinboard.domain.Scene;
import ai.cinboard.domain.SceneCharacter;
import ai.cinboard.domain.User;
import ai.cinboard.domain.VideoClip;
import ai.cinboard.domain.Voiceover;
import ai.cinboard.persistence.mapper.CharacterImageMapper;
import ai.cinboard.persistence.mapper.CharacterMapper;
import ai.cinboard.persistence.mapper.FinalVideoMapper;
import ai.cinboard.persistence.mapper.InputRecordMapper;
import ai.cinboard.persistence.mapper.KeyframeImageMapper;
import ai.cinboard.persistence.mapper.KeyframeMapper;
import ai.cinboard.persistence.mapper.ProcessingStatusMapper;
import ai.cinboard.persistence.mapper.SceneCharacterMapper;
import ai.cinboard.persistence.mapper.SceneMapper;
import ai.cinboard.persistence.mapper.UserMapper;
import ai.cinboard.persistence.mapper.VideoClipMapper;
import ai.cinboard.persistence.mapper.VoiceoverMapper;
import ai.cinboard.testing.Fixtures;
import ai.cinboard.testing.TestDatabases;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every mapper writes and reads back every column: JSONB with non-ASCII text, arrays, NULLs, enums, timestamps. */
class MapperRoundTripTest {
    private static Database db;
    private static final OffsetDateTime T1 = OffsetDateTime.of(2026, 3, 4, 5, 6, 7, 123_456_000, ZoneOffset.UTC);
    private static final OffsetDateTime T2 = OffsetDateTime.of(2026, 3, 4, 5, 9, 0, 0, ZoneOffset.UTC);

    @BeforeAll
    static void open() {
        db = TestDatabases.open();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    /** JSON with scripts the studio accepts, an emoji, nesting, a null value and numbers. */
    static Map<String, Object> json() {
        Map<String, Object> m = new HashMap<>();
        m.put("name", "Мира 美羽 مرحبا Ñandú 🎬");
        m.put("quote", "It's \"quoted\" \\ and ' ; DROP TABLE users; --");
        m.put("count", 3);
        m.put("ratio", 0.25);
        m.put("flag", true);
        m.put("nothing", null);
        m.put("list", List.of("a", "ß", 7));
        m.put("nested", Map.of("k", "v", "深い", List.of(1, 2)));
        return m;
    }

    @Test
    void usersRoundTrip() {
        db.useTransaction(s -> {
            UserMapper m = s.getMapper(UserMapper.class);
            User u = new User(null, "mira@example.com", "$2a$12$hash", "Mira", "Ölçek", false, true, null, null);
            int id = m.insert(u);
            User found = m.findById(id);
            assertEquals(
                    new User(
                            id,
                            u.email(),
                            u.passwordHash(),
                            u.firstName(),
                            u.lastName(),
                            false,
                            true,
                            found.createdAt(),
                            found.updatedAt()),
                    found);
            assertEquals(found, m.findByEmail("MIRA@Example.COM"));
            User defaults =
                    m.findById(m.insert(new User(null, "d@example.com", "h", "D", "E", null, null, null, null)));
            assertEquals(true, defaults.isActive(), "is_active defaults to TRUE");
            assertEquals(false, defaults.isVerified(), "is_verified defaults to FALSE");
        });
    }

    @Test
    void inputRecordsRoundTripAllColumnsAndNulls() {
        db.useTransaction(s -> {
            int user = Fixtures.user(s);
            InputRecordMapper m = s.getMapper(InputRecordMapper.class);
            InputRecord full = new InputRecord(
                    null,
                    user,
                    "Story 物語 قصة",
                    13,
                    "ja",
                    "0.97",
                    json(),
                    RecordStatus.ANALYZED,
                    Phase.SCENE_BREAKDOWN,
                    json(),
                    json(),
                    "sess-1",
                    "2001:db8::1",
                    "CinBoard/1.0 (X11; Linux)",
                    null,
                    null,
                    T1);
            int id = m.insert(full);
            InputRecord found = m.findById(id);
            assertEquals(withGenerated(full, id, found), found);

            InputRecord sparse = new InputRecord(
                    null, user, "x", 1, null, null, null, null, null, null, null, null, null, null, null, null, null);
            InputRecord readSparse = m.findById(m.insert(sparse));
            assertEquals(RecordStatus.PENDING, readSparse.status(), "status defaults to 'pending'");
            assertNull(readSparse.translationResult());
            assertNull(readSparse.currentPhase());
            assertNull(readSparse.processedAt());

            InputRecord changed = new InputRecord(
                    id,
                    user,
                    "changed",
                    7,
                    "de",
                    "0.51",
                    Map.of("a", 1),
                    RecordStatus.FAILED,
                    Phase.TRANSLATION,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
            assertEquals(1, m.update(changed));
            InputRecord afterUpdate = m.findById(id);
            assertEquals("changed", afterUpdate.rawInput());
            assertEquals(Phase.TRANSLATION, afterUpdate.currentPhase());
            assertNull(afterUpdate.validationResult());
            assertEquals(1, m.deleteById(id));
            assertNull(m.findById(id));
        });
    }

    private static InputRecord withGenerated(InputRecord r, int id, InputRecord found) {
        return new InputRecord(
                id,
                r.userId(),
                r.rawInput(),
                r.inputLength(),
                r.detectedLanguage(),
                r.languageConfidence(),
                r.translationResult(),
                r.status(),
                r.currentPhase(),
                r.validationResult(),
                r.contentPolicyCheck(),
                r.sessionId(),
                r.ipAddress(),
                r.userAgent(),
                found.createdAt(),
                found.updatedAt(),
                r.processedAt());
    }

    @Test
    void processingStatusesRoundTrip() {
        db.useTransaction(s -> {
            int record = Fixtures.inputRecord(s, Fixtures.user(s));
            ProcessingStatusMapper m = s.getMapper(ProcessingStatusMapper.class);
            ProcessingStatus full = new ProcessingStatus(
                    null,
                    record,
                    Phase.LANGUAGE_DETECTION,
                    PhaseStatus.FAILED,
                    40,
                    json(),
                    "Сбой: bad thing",
                    json(),
                    null,
                    T1,
                    T2,
                    173);
            int id = m.insert(full);
            ProcessingStatus found = m.findById(id);
            assertEquals(
                    new ProcessingStatus(
                            id,
                            record,
                            full.phase(),
                            full.status(),
                            40,
                            full.phaseData(),
                            full.errorMessage(),
                            full.errorDetails(),
                            found.createdAt(),
                            T1,
                            T2,
                            173),
                    found);

            ProcessingStatus started = m.findById(m.insert(ProcessingStatus.started(record, Phase.KEYFRAMES, null)));
            assertTrue(started.startedAt() != null, "started_at defaults to now");
            assertEquals(PhaseStatus.RUNNING, started.status());
            assertEquals(1, m.updateProgress(started.id(), 55, Map.of("done", 11, "of", 20)));
            assertEquals(55, m.findById(started.id()).progressPercentage());
        });
    }

    @Test
    void scenesAndSceneCharactersRoundTrip() {
        db.useTransaction(s -> {
            int record = Fixtures.inputRecord(s, Fixtures.user(s));
            SceneMapper m = s.getMapper(SceneMapper.class);
            Scene full = new Scene(
                    null,
                    record,
                    3,
                    1,
                    "INT. 駅 – NIGHT",
                    "駅",
                    "NIGHT",
                    "ミラは走った。\n\"Wait!\"",
                    new BigDecimal("12.345"),
                    null,
                    null);
            int id = m.insert(full);
            Scene found = m.findById(id);
            assertEquals(
                    new Scene(
                            id,
                            record,
                            3,
                            1,
                            full.heading(),
                            full.location(),
                            full.timeOfDay(),
                            full.text(),
                            full.durationSeconds(),
                            found.createdAt(),
                            found.updatedAt()),
                    found);
            Scene nullable = m.findById(m.insert(
                    new Scene(null, record, 4, 2, "Scene 4", null, null, "t", new BigDecimal("2.000"), null, null)));
            assertNull(nullable.location());
            assertNull(nullable.timeOfDay());

            int character = Fixtures.character(s, record, "MIRA");
            SceneCharacterMapper links = s.getMapper(SceneCharacterMapper.class);
            assertEquals(1, links.insert(new SceneCharacter(id, character)));
            assertEquals(0, links.insert(new SceneCharacter(id, character)), "a link is stored once");
            assertEquals(List.of(new SceneCharacter(id, character)), links.listByInputRecord(record));
            assertEquals(List.of(new SceneCharacter(id, character)), links.listByScene(id));
            assertEquals(1, links.delete(new SceneCharacter(id, character)));
        });
    }

    @Test
    void charactersAndImagesRoundTrip() {
        db.useTransaction(s -> {
            int record = Fixtures.inputRecord(s, Fixtures.user(s));
            int scene = Fixtures.scene(s, record, 1);
            CharacterMapper m = s.getMapper(CharacterMapper.class);
            Character full = new Character(
                    null,
                    record,
                    "mira",
                    "ミラ",
                    "A courier; 速い.",
                    "ck-abc",
                    "media://local/sha256/ab/abcd.png",
                    json(),
                    new BigDecimal("0.87"),
                    null,
                    null);
            int id = m.insert(full);
            Character found = m.findById(id);
            assertEquals(
                    new Character(
                            id,
                            record,
                            "mira",
                            "ミラ",
                            full.characterDescription(),
                            "ck-abc",
                            full.imageUrl(),
                            full.generationParams(),
                            full.qualityScore(),
                            found.createdAt(),
                            found.updatedAt()),
                    found);

            CharacterImageMapper images = s.getMapper(CharacterImageMapper.class);
            CharacterImage image = new CharacterImage(
                    null,
                    id,
                    scene,
                    "s3://bucket/k.png",
                    "variation",
                    json(),
                    new BigDecimal("0.50"),
                    123_456_789_012L,
                    null);
            int imageId = images.insert(image);
            CharacterImage readImage = images.findById(imageId);
            assertEquals(
                    new CharacterImage(
                            imageId,
                            id,
                            scene,
                            image.imageUrl(),
                            "variation",
                            image.generationParams(),
                            image.qualityScore(),
                            image.fileSizeBytes(),
                            readImage.createdAt()),
                    readImage);
            CharacterImage defaults = images.findById(
                    images.insert(new CharacterImage(null, id, null, "u", null, null, null, null, null)));
            assertEquals("character", defaults.imageType(), "image_type defaults to 'character'");
            assertNull(defaults.sceneId());
            assertNull(defaults.fileSizeBytes());
            assertEquals(2, images.listByCharacter(id).size());
            assertEquals(2, images.listByInputRecord(record).size());
        });
    }

    @Test
    void keyframesAndImagesRoundTrip() {
        db.useTransaction(s -> {
            int record = Fixtures.inputRecord(s, Fixtures.user(s));
            int scene = Fixtures.scene(s, record, 1);
            KeyframeMapper m = s.getMapper(KeyframeMapper.class);
            Keyframe full = new Keyframe(
                    null,
                    record,
                    scene,
                    "s1-k0",
                    0,
                    "وصف المشهد",
                    "media://x.png",
                    2,
                    json(),
                    new BigDecimal("1.00"),
                    true,
                    null);
            int id = m.insert(full);
            Keyframe found = m.findById(id);
            assertEquals(
                    new Keyframe(
                            id,
                            record,
                            scene,
                            "s1-k0",
                            0,
                            full.keyframeDescription(),
                            full.imageUrl(),
                            2,
                            full.generationParams(),
                            full.qualityScore(),
                            true,
                            found.createdAt()),
                    found);
            Keyframe unlocked = m.findById(
                    m.insert(new Keyframe(null, record, scene, "s1-k1", 1, "d", null, 4, null, null, null, null)));
            assertEquals(false, unlocked.locked(), "locked defaults to FALSE");
            assertEquals(
                    List.of(id, unlocked.id()),
                    m.listByScene(scene).stream().map(Keyframe::id).toList());

            KeyframeImageMapper images = s.getMapper(KeyframeImageMapper.class);
            KeyframeImage image = new KeyframeImage(
                    null, id, "media://y.png", "variation", json(), new BigDecimal("0.00"), 42L, null);
            int imageId = images.insert(image);
            KeyframeImage readImage = images.findById(imageId);
            assertEquals(
                    new KeyframeImage(
                            imageId,
                            id,
                            image.imageUrl(),
                            "variation",
                            image.generationParams(),
                            image.qualityScore(),
                            42L,
                            readImage.createdAt()),
                    readImage);
            assertEquals(
                    "keyframe",
                    images.findById(images.insert(new KeyframeImage(null, id, "u", null, null, null, null, null)))
                            .imageType());
            assertEquals(2, images.listByKeyframe(id).size());
        });
    }

    @Test
    void clipsVoiceoversAndFinalVideosRoundTrip() {
        db.useTransaction(s -> {
            int record = Fixtures.inputRecord(s, Fixtures.user(s));
            int scene = Fixtures.scene(s, record, 1);
            VideoClipMapper clips = s.getMapper(VideoClipMapper.class);
            VideoClip clip = new VideoClip(
                    null,
                    record,
                    scene,
                    "clip-1",
                    "media://c.mp4",
                    9,
                    1_000_000L,
                    new BigDecimal("0.93"),
                    json(),
                    List.of(5, 6, 7),
                    List.of(),
                    null);
            int clipId = clips.insert(clip);
            VideoClip readClip = clips.findById(clipId);
            assertEquals(
                    new VideoClip(
                            clipId,
                            record,
                            scene,
                            "clip-1",
                            clip.videoUrl(),
                            9,
                            1_000_000L,
                            clip.qualityScore(),
                            clip.generationParams(),
                            List.of(5, 6, 7),
                            List.of(),
                            readClip.createdAt()),
                    readClip);
            VideoClip nullArrays = clips.findById(
                    clips.insert(new VideoClip(null, record, scene, "c2", "u", 1, null, null, null, null, null, null)));
            assertNull(nullArrays.keyframeIds(), "NULL array stays NULL, not empty");

            VoiceoverMapper voiceovers = s.getMapper(VoiceoverMapper.class);
            Voiceover vo = new Voiceover(
                    null,
                    record,
                    "media://v.wav",
                    31,
                    2048L,
                    Map.of("voice", "ja", "rate", 160, "pitch", 50),
                    new BigDecimal("0.71"),
                    "ja",
                    null);
            int voId = voiceovers.insert(vo);
            Voiceover readVo = voiceovers.findById(voId);
            assertEquals(
                    new Voiceover(
                            voId,
                            record,
                            vo.audioUrl(),
                            31,
                            2048L,
                            vo.voiceSettings(),
                            vo.qualityScore(),
                            "ja",
                            readVo.createdAt()),
                    readVo);
            // a merge replaces or adds its own entries and keeps the rest
            assertEquals(1, voiceovers.mergeVoiceSettings(voId, Map.of("rate", 170, "mastered", Map.of("key", "k1"))));
            assertEquals(
                    Map.of("voice", "ja", "rate", 170, "pitch", 50, "mastered", Map.of("key", "k1")),
                    voiceovers.findById(voId).voiceSettings());

            FinalVideoMapper finals = s.getMapper(FinalVideoMapper.class);
            List<String> thumbs = new ArrayList<>(Arrays.asList("media://t1.png", "media://t,2 \"q\".png", "媒体"));
            FinalVideo fv = new FinalVideo(
                    null,
                    record,
                    "media://f.mp4",
                    61,
                    9_999_999_999L,
                    new BigDecimal("0.88"),
                    thumbs,
                    json(),
                    List.of(clipId),
                    voId,
                    null,
                    T2);
            int fvId = finals.insert(fv);
            FinalVideo readFv = finals.findById(fvId);
            assertEquals(
                    new FinalVideo(
                            fvId,
                            record,
                            fv.videoUrl(),
                            61,
                            fv.fileSizeBytes(),
                            fv.qualityScore(),
                            thumbs,
                            fv.compositionData(),
                            List.of(clipId),
                            voId,
                            readFv.createdAt(),
                            T2),
                    readFv);
            FinalVideo bare = finals.findById(finals.insert(
                    new FinalVideo(null, record, "u", 1, null, null, null, null, null, null, null, null)));
            assertNull(bare.thumbnailUrls());
            assertNull(bare.voiceoverId());
            assertNull(bare.deliveredAt());
        });
    }
}
