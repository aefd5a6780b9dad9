package ai.cinboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.Keyframe;
import ai.cinboard.domain.Phase;
import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.RecordStatus;
import ai.cinboard.domain.VideoClip;
import ai.cinboard.media.ffmpeg.MediaInfo;
import ai.cinboard.media.ffmpeg.MediaProbe;
import ai.cinboard.persistence.ProjectRepository;
import ai.cinboard.persistence.mapper.KeyframeMapper;
import ai.cinboard.testing.TestStudios;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whole renders on the real stack (PostgreSQL, local media, offline engine, espeak-ng), probed afterwards. */
class RenderEndToEndTest {
    private static Path home;
    private static Studio studio;

    @BeforeAll
    static void open() {
        home = TestStudios.tempHome();
        studio = TestStudios.open(home);
    }

    @AfterAll
    static void close() {
        studio.close();
    }

    private RenderPipeline.Result render(int recordId, RenderPlan plan) {
        return studio.render(TestStudios.smallRender(home)).run(recordId, plan, PhaseListener.NONE);
    }

    private int intake(String story, String fileName) {
        return studio.intake()
                .run(
                        new StoryInput(TestStudios.story(story), fileName, studio.localUserId(), null, null, "test"),
                        PhaseListener.NONE)
                .projectId();
    }

    private Project project(int id) {
        return new ProjectRepository(studio.database()).load(id).orElseThrow();
    }

    private MediaInfo probeFinal(Project p) throws Exception {
        String url = p.finalVideos().get(p.finalVideos().size() - 1).videoUrl();
        Path local = Files.createTempFile("final", ".mp4");
        try (InputStream in = studio.media().open(url)) {
            Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
        }
        return MediaProbe.probeAndDecode(local);
    }

    private void assertEveryUrlResolves(Project p) {
        List<String> urls = new ArrayList<>();
        p.characters().forEach(c -> urls.add(c.imageUrl()));
        p.characterImages().forEach(i -> urls.add(i.imageUrl()));
        p.keyframes().forEach(k -> urls.add(k.imageUrl()));
        p.keyframeImages().forEach(i -> urls.add(i.imageUrl()));
        p.clips().forEach(c -> urls.add(c.videoUrl()));
        p.voiceovers().forEach(v -> urls.add(v.audioUrl()));
        p.finalVideos().forEach(f -> {
            urls.add(f.videoUrl());
            urls.addAll(f.thumbnailUrls());
        });
        for (String url : urls) {
            assertTrue(url != null && url.length() <= 500 && studio.media().exists(url), "does not resolve: " + url);
        }
    }

    @Test
    void fountainScriptRendersToAProbedH264AacVideoWithEveryArtefactStored() throws Exception {
        int id = intake("ferry.fountain", "ferry.fountain");
        RenderPipeline.Result result = render(id, RenderPlan.MISSING_ONLY);
        Project p = project(id);

        assertEquals(RecordStatus.COMPLETED, p.record().status());
        assertEquals(2, p.scenes().size());
        assertEquals(
                Set.of("Jonas", "Elena"),
                p.characters().stream().map(c -> c.characterName()).collect(Collectors.toSet()));
        assertEquals(6, p.keyframes().size(), "3 keyframes per scene");
        assertEquals(
                List.of(0, 1, 2, 0, 1, 2),
                p.keyframes().stream().map(Keyframe::sequence).toList());
        assertEquals(2 * 3, p.characterImages().size(), "a sheet of 3 per character");
        assertEquals(2, p.clips().size());
        assertEquals(1, p.voiceovers().size());
        assertEquals("en", p.voiceovers().get(0).language());
        assertEquals(1, p.finalVideos().size());
        assertEquals(3, p.finalVideos().get(0).thumbnailUrls().size());
        assertTrue(p.finalVideos().get(0).compositionData().get("edit_list") instanceof List<?> l && l.size() == 2);
        assertEveryUrlResolves(p);

        MediaInfo info = probeFinal(p);
        assertTrue(info.decodedFrames() > 0 && info.decodeErrors() == 0, info.toString());
        assertEquals("h264", info.videoCodec());
        assertEquals("aac", info.audioCodec());
        assertTrue(info.hasAudio());
        double scenesSum = p.scenes().stream()
                .map(s -> s.durationSeconds())
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .doubleValue();
        assertEquals(scenesSum, info.durationSeconds(), 0.5, "final duration vs the scenes' sum");
        assertTrue(Files.size(result.srtFile()) > 0);

        var live = studio.statusBoard().current(id).orElseThrow();
        assertEquals("composition", live.phase(), "the status board carries live progress");
        assertEquals("completed", live.status());

        Set<Phase> completed = EnumSet.noneOf(Phase.class);
        p.statuses().stream()
                .filter(s -> s.status() == PhaseStatus.COMPLETED || s.status() == PhaseStatus.SKIPPED)
                .forEach(s -> completed.add(s.phase()));
        assertEquals(EnumSet.allOf(Phase.class), completed, "every phase has a finished status row");
    }

    @Test
    void japaneseProseRendersWithAJapaneseVoiceover() throws Exception {
        int id = intake("tsuki.txt", "tsuki.txt");
        render(id, RenderPlan.MISSING_ONLY);
        Project p = project(id);
        assertEquals("ja", p.record().detectedLanguage());
        assertEquals(2, p.scenes().size());
        assertEquals("ja", p.voiceovers().get(0).language());
        assertTrue(
                String.valueOf(p.voiceovers().get(0).voiceSettings().get("voice"))
                        .startsWith("ja"),
                p.voiceovers().get(0).voiceSettings().toString());
        MediaInfo info = probeFinal(p);
        assertEquals("h264", info.videoCodec());
        assertTrue(info.hasAudio());
        assertEveryUrlResolves(p);
    }

    @Test
    void regeneratingAKeyframeRedoesOnlyItsSceneAndNeverALockedKeyframe() {
        int id = intake("ferry.fountain", "ferry-regen.fountain");
        render(id, RenderPlan.MISSING_ONLY);
        Project before = project(id);
        Keyframe target = before.keyframes().get(1);
        Keyframe locked = before.keyframes().get(2);
        studio.database().useTransaction(s -> {
            KeyframeMapper m = s.getMapper(KeyframeMapper.class);
            m.update(new Keyframe(
                    target.id(),
                    id,
                    target.sceneId(),
                    target.keyframeId(),
                    target.sequence(),
                    "Jonas leaps the gap between pier and deck, coat flying.",
                    target.imageUrl(),
                    target.timingSeconds(),
                    target.generationParams(),
                    target.qualityScore(),
                    false,
                    null));
            m.update(new Keyframe(
                    locked.id(),
                    id,
                    locked.sceneId(),
                    locked.keyframeId(),
                    locked.sequence(),
                    locked.keyframeDescription(),
                    locked.imageUrl(),
                    locked.timingSeconds(),
                    locked.generationParams(),
                    locked.qualityScore(),
                    true,
                    null));
        });
        render(id, RenderPlan.keyframe(target.id()));
        render(id, RenderPlan.scene(locked.sceneId()));
        Project after = project(id);

        Keyframe regenerated = after.keyframes().stream()
                .filter(k -> k.id().equals(target.id()))
                .findFirst()
                .orElseThrow();
        assertNotEquals(target.imageUrl(), regenerated.imageUrl(), "the edited keyframe has a new image");
        Keyframe stillLocked = after.keyframes().stream()
                .filter(k -> k.id().equals(locked.id()))
                .findFirst()
                .orElseThrow();
        assertEquals(locked.imageUrl(), stillLocked.imageUrl(), "a locked keyframe is never regenerated");

        Map<Integer, VideoClip> clipsBefore =
                before.clips().stream().collect(Collectors.toMap(VideoClip::sceneId, c -> c));
        Map<Integer, VideoClip> clipsAfter =
                after.clips().stream().collect(Collectors.toMap(VideoClip::sceneId, c -> c));
        int otherScene = before.scenes().stream()
                .map(s -> s.id())
                .filter(sid -> !sid.equals(target.sceneId()))
                .findFirst()
                .orElseThrow();
        assertEquals(
                clipsBefore.get(otherScene).id(), clipsAfter.get(otherScene).id(), "the other scene's clip is kept");
        assertNotEquals(
                clipsBefore.get(target.sceneId()).videoUrl(),
                clipsAfter.get(target.sceneId()).videoUrl());
        assertEquals(3, after.finalVideos().size(), "each render composes a new final video");
        assertEquals(before.characterImages().size(), after.characterImages().size(), "characters were not redone");
    }

    @Test
    void theSameStoryGivesTheSameConsistencyKeysAndCharacterImages() {
        int first = intake("ferry.fountain", "a.fountain");
        int second = intake("ferry.fountain", "b.fountain");
        render(first, RenderPlan.MISSING_ONLY);
        render(second, RenderPlan.MISSING_ONLY);
        Project a = project(first);
        Project b = project(second);
        assertEquals(keys(a), keys(b));
        // Media is content-addressed: equal URLs mean byte-identical images.
        assertEquals(
                a.characters().stream()
                        .map(c -> c.characterName() + "=" + c.imageUrl())
                        .sorted()
                        .toList(),
                b.characters().stream()
                        .map(c -> c.characterName() + "=" + c.imageUrl())
                        .sorted()
                        .toList());
        assertFalse(
                a.characters().get(0).imageUrl().equals(a.characters().get(1).imageUrl()),
                "different characters look different");
    }

    private static List<String> keys(Project p) {
        return p.characters().stream()
                .map(c -> c.characterName() + "=" + c.consistencyKey())
                .sorted()
                .toList();
    }

    @Test
    void refusedInputIsNotStored() {
        int before = studio.database()
                .read(s -> s.getMapper(ai.cinboard.persistence.mapper.InputRecordMapper.class)
                        .listByUser(studio.localUserId())
                        .size());
        ai.cinboard.domain.StudioException refused = assertThrows(
                ai.cinboard.domain.StudioException.class,
                () -> studio.intake().run(StoryInput.pasted("   \n\t  ", studio.localUserId()), PhaseListener.NONE));
        assertTrue(refused.getMessage().startsWith("The story is empty"), refused.getMessage());
        int after = studio.database()
                .read(s -> s.getMapper(ai.cinboard.persistence.mapper.InputRecordMapper.class)
                        .listByUser(studio.localUserId())
                        .size());
        assertEquals(before, after, "nothing stored");
    }
}
