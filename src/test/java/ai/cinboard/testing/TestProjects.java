package ai.cinboard.testing;

import ai.cinboard.domain.CharacterImage;
import ai.cinboard.domain.FinalVideo;
import ai.cinboard.domain.Keyframe;
import ai.cinboard.domain.KeyframeImage;
import ai.cinboard.domain.Phase;
import ai.cinboard.domain.ProcessingStatus;
import ai.cinboard.domain.SceneCharacter;
import ai.cinboard.domain.VideoClip;
import ai.cinboard.domain.Voiceover;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.mapper.CharacterImageMapper;
import ai.cinboard.persistence.mapper.FinalVideoMapper;
import ai.cinboard.persistence.mapper.KeyframeImageMapper;
import ai.cinboard.persistence.mapper.KeyframeMapper;
import ai.cinboard.persistence.mapper.ProcessingStatusMapper;
import ai.cinboard.persistence.mapper.SceneCharacterMapper;
import ai.cinboard.persistence.mapper.VideoClipMapper;
import ai.cinboard.persistence.mapper.VoiceoverMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a project of a given size straight through the mappers (no media), for load tests and benchmarks. */
public final class TestProjects {
    private TestProjects() {}

    public static int insert(
            Database db,
            int scenes,
            int keyframesPerScene,
            int imagesPerKeyframe,
            int characters,
            int imagesPerCharacter) {
        return insert(
                db,
                scenes,
                keyframesPerScene,
                imagesPerKeyframe,
                characters,
                imagesPerCharacter,
                (scene, keyframe) -> "media://local/k.png");
    }

    /** Where a keyframe's image is: {@code (scene number from 1, keyframe index from 0) -> media URL}. */
    public interface KeyframeImages {
        String url(int scene, int keyframe);

        /** The keyframe's generation parameters (a render also names the stored thumbnail there). */
        default Map<String, Object> params(int scene, int keyframe) {
            return Map.of("shot", keyframe);
        }
    }

    /** The same, with each keyframe's image URL given (real stored media for benchmarks that show them). */
    public static int insert(
            Database db,
            int scenes,
            int keyframesPerScene,
            int imagesPerKeyframe,
            int characters,
            int imagesPerCharacter,
            KeyframeImages keyframeImages) {
        return db.inTransaction(s -> {
            int record = Fixtures.inputRecord(s, Fixtures.user(s));
            s.getMapper(ProcessingStatusMapper.class).insert(ProcessingStatus.started(record, Phase.VALIDATION, null));
            List<Integer> characterIds = new ArrayList<>();
            for (int c = 0; c < characters; c++) {
                int id = Fixtures.character(s, record, "CHAR" + c);
                characterIds.add(id);
                for (int i = 0; i < imagesPerCharacter; i++) {
                    s.getMapper(CharacterImageMapper.class)
                            .insert(new CharacterImage(
                                    null,
                                    id,
                                    null,
                                    "media://local/c" + c + "-" + i + ".png",
                                    i == 0 ? "reference" : "variation",
                                    Map.of("seed", i),
                                    new BigDecimal("0.80"),
                                    1000L,
                                    null));
                }
            }
            List<Integer> clipIds = new ArrayList<>();
            for (int n = 1; n <= scenes; n++) {
                int scene = Fixtures.scene(s, record, n);
                for (int c = 0; c < Math.min(2, characterIds.size()); c++) {
                    s.getMapper(SceneCharacterMapper.class)
                            .insert(new SceneCharacter(scene, characterIds.get((n + c) % characterIds.size())));
                }
                List<Integer> keyframeIds = new ArrayList<>();
                for (int k = 0; k < keyframesPerScene; k++) {
                    int keyframe = s.getMapper(KeyframeMapper.class)
                            .insert(new Keyframe(
                                    null,
                                    record,
                                    scene,
                                    "s" + n + "-k" + k,
                                    k,
                                    "Keyframe " + k + " of scene " + n,
                                    keyframeImages.url(n, k),
                                    k,
                                    keyframeImages.params(n, k),
                                    new BigDecimal("0.70"),
                                    false,
                                    null));
                    keyframeIds.add(keyframe);
                    for (int i = 0; i < imagesPerKeyframe; i++) {
                        s.getMapper(KeyframeImageMapper.class)
                                .insert(new KeyframeImage(
                                        null,
                                        keyframe,
                                        "media://local/k" + i + ".png",
                                        "keyframe",
                                        null,
                                        null,
                                        500L,
                                        null));
                    }
                }
                clipIds.add(s.getMapper(VideoClipMapper.class)
                        .insert(new VideoClip(
                                null,
                                record,
                                scene,
                                "clip-" + n,
                                "media://local/c.mp4",
                                4,
                                100L,
                                new BigDecimal("0.90"),
                                null,
                                keyframeIds,
                                characterIds,
                                null)));
            }
            int voiceover = s.getMapper(VoiceoverMapper.class)
                    .insert(new Voiceover(
                            null,
                            record,
                            "media://local/v.wav",
                            scenes * 4,
                            10L,
                            Map.of("voice", "en"),
                            null,
                            "en",
                            null));
            s.getMapper(FinalVideoMapper.class)
                    .insert(new FinalVideo(
                            null,
                            record,
                            "media://local/f.mp4",
                            scenes * 4,
                            10L,
                            null,
                            List.of("t1", "t2", "t3"),
                            Map.of("clips", clipIds.size()),
                            clipIds,
                            voiceover,
                            null,
                            null));
            return record;
        });
    }
}
