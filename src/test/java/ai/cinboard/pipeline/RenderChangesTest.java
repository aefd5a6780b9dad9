package ai.cinboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.FinalVideo;
import ai.cinboard.domain.Keyframe;
import ai.cinboard.domain.KeyframeImage;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.Scene;
import ai.cinboard.generation.local.EspeakSpeechEngine;
import ai.cinboard.generation.local.LocalImageEngine;
import ai.cinboard.generation.local.LocalVideoEngine;
import ai.cinboard.persistence.ProjectRepository;
import ai.cinboard.testing.TestStudios;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Render changes on the real stack (embedded PostgreSQL, local media, the offline engines, espeak-ng): each test
 * renders a 4-scene story once, changes something and counts the engine calls of the next render.
 */
class RenderChangesTest {
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

    private static CountingEngines engines(String imageModel, String voice) {
        return new CountingEngines(
                new LocalImageEngine(), new LocalVideoEngine(), new EspeakSpeechEngine(), imageModel, voice);
    }

    private static RenderPipeline pipeline(CountingEngines e) {
        return studio.render(TestStudios.smallRender(home)).withEngines(e.images, e.video, e.speech);
    }

    /** Render changes as the studio does them: the stale units through the job engine, on an in-process worker. */
    private static RenderPipeline.Result render(CountingEngines e, int id) {
        try (LocalRenders local = new LocalRenders(studio.database(), pipeline(e), "test-studio", 1)) {
            return local.renderToResult(id, PhaseListener.NONE);
        }
    }

    private static int renderedStory(CountingEngines e) {
        int id = studio.intake()
                .run(
                        new StoryInput(
                                TestStudios.story("harbour4.fountain"),
                                "harbour4.fountain",
                                studio.localUserId(),
                                null,
                                null,
                                "test"),
                        PhaseListener.NONE)
                .projectId();
        render(e, id);
        return id;
    }

    private static Project project(int id) {
        return new ProjectRepository(studio.database()).load(id).orElseThrow();
    }

    private static StudioProjectService edits() {
        return studio.projectEdits(studio.localUserId());
    }

    @Test
    void editingOneKeyframeRendersExactlyThatKeyframeAndItsClipAndRecomposes() {
        CountingEngines e = engines("model-a", "voice-a");
        int id = renderedStory(e);
        assertEquals(4, project(id).scenes().size());
        assertEquals(0, pipeline(e).staleness(id).count(), "a finished render leaves nothing stale");

        Keyframe target = project(id).keyframes().get(4);
        edits().updateKeyframe(target.id(), "Tomas drops the bag; bread rolls along the pier.", target.timingSeconds());
        Staleness stale = pipeline(e).staleness(id);
        assertEquals(1, stale.staleKeyframes());
        assertEquals(1, stale.staleClips());
        assertFalse(stale.voiceover().stale(), "the narration did not change");
        assertTrue(stale.finalVideoStale());

        e.reset();
        RenderPipeline.Result result = render(e, id);
        assertEquals(1, e.keyframes.get(), "one keyframe image generated");
        assertEquals(0, e.sheets.get(), "no character sheet generated");
        assertEquals(1, e.clips.get(), "one clip encoded");
        assertEquals(0, e.speeches.get(), "the voiceover is reused");
        assertEquals(
                Map.of("characters", 0, "keyframes", 1, "voiceover", 0, "clips", 1, "composition", 1),
                result.rerendered().asMap());
        assertEquals(0, pipeline(e).staleness(id).count());

        e.reset();
        RenderPipeline.Result again = render(e, id);
        assertEquals(
                Map.of("characters", 0, "keyframes", 0, "voiceover", 0, "clips", 0, "composition", 0),
                again.rerendered().asMap(),
                "nothing up to date is made again");
        assertEquals(result.finalVideoId(), again.finalVideoId());
    }

    @Test
    @SuppressWarnings("unchecked")
    void movingASceneRegeneratesNoImageOrClipAndTheVideoAndSubtitlesFollowTheNewOrder() throws Exception {
        CountingEngines e = engines("model-a", "voice-a");
        int id = renderedStory(e);
        List<Integer> order =
                new ArrayList<>(project(id).scenes().stream().map(Scene::id).toList());
        Integer last = order.remove(3);
        order.add(0, last);
        edits().reorderScenes(id, order);

        e.reset();
        RenderPipeline.Result result = render(e, id);
        assertEquals(0, e.keyframes.get() + e.sheets.get(), "no image regenerated");
        assertEquals(0, e.clips.get(), "no clip re-encoded");
        assertEquals(0, e.speeches.get(), "no scene spoken again");
        assertEquals(1, result.rerendered().composition());

        FinalVideo fv = project(id).finalVideos().stream()
                .max(Comparator.comparing(FinalVideo::id))
                .orElseThrow();
        List<Map<String, Object>> edits =
                (List<Map<String, Object>>) fv.compositionData().get("edit_list");
        assertEquals(
                order,
                edits.stream().map(m -> ((Number) m.get("scene_id")).intValue()).toList());
        String srt = new String(java.nio.file.Files.readAllBytes(result.srtFile()), StandardCharsets.UTF_8);
        assertTrue(
                srt.indexOf("The ferry docks") >= 0 && srt.indexOf("The ferry docks") < srt.indexOf("MARA"),
                "the moved scene's lines come first in the SRT:\n" + srt);
    }

    @Test
    void changingTheImageModelMakesEveryImageStaleAndTheVoiceOnlyTheVoiceover() {
        CountingEngines e = engines("model-a", "voice-a");
        int id = renderedStory(e);
        Project p = project(id);

        Staleness otherModel = pipeline(engines("model-b", "voice-a")).staleness(id);
        assertEquals(p.characters().size(), otherModel.staleCharacters());
        assertEquals(p.keyframes().size(), otherModel.staleKeyframes());
        assertEquals(p.scenes().size(), otherModel.staleClips());

        Staleness otherVoice = pipeline(engines("model-a", "voice-b")).staleness(id);
        assertEquals(0, otherVoice.staleCharacters());
        assertEquals(0, otherVoice.staleKeyframes());
        assertEquals(0, otherVoice.staleClips());
        assertTrue(otherVoice.voiceover().stale());
        assertTrue(otherVoice.finalVideoStale());
    }

    /**
     * A character's new take is a new sheet. The offline engine draws keyframes from looks, not reference images,
     * so none of them is made again for it; an engine that draws from references finds the character's keyframes
     * stale.
     */
    @Test
    void aCharactersNewTakeRemakesKeyframesOnlyWhereTheEngineDrawsFromReferences() {
        CountingEngines e = engines("model-a", "voice-a");
        int id = renderedStory(e);
        ai.cinboard.domain.Character mara = project(id).characters().get(0);
        e.reset();
        pipeline(e).run(id, RenderPlan.character(mara.id(), false), PhaseListener.NONE);
        assertTrue(e.sheets.get() > 0, "a new sheet, its views drawn");
        assertEquals(0, e.keyframes.get(), "no keyframe drawn again: offline keyframes don't use the sheet");
        assertEquals(0, pipeline(e).staleness(id).staleKeyframes());

        CountingEngines referencing = new CountingEngines(
                ai.cinboard.testing.ImageEngines.drawingFromReferences(),
                new LocalVideoEngine(),
                new EspeakSpeechEngine(),
                "model-a",
                "voice-a");
        long inScenes = project(id).sceneCharacters().stream()
                .filter(sc -> sc.characterId().equals(mara.id()))
                .count();
        assertTrue(inScenes > 0);
        assertEquals(
                inScenes * TestStudios.smallRender(home).keyframesPerScene(),
                pipeline(referencing).staleness(id).staleKeyframes(),
                "every keyframe of a scene Mara is in");
    }

    @Test
    void regenerateMakesANewTakeAndAnyTakeCanBeMadeCurrentAgain() throws Exception {
        CountingEngines e = engines("model-a", "voice-a");
        int id = renderedStory(e);
        Keyframe first = project(id).keyframes().get(1);
        byte[] original = bytes(first.imageUrl());

        pipeline(e).run(id, RenderPlan.keyframe(first.id()), PhaseListener.NONE);
        Keyframe second = keyframe(id, first.id());
        assertEquals(2, second.take());
        assertFalse(java.util.Arrays.equals(original, bytes(second.imageUrl())), "a new take is a new picture");
        assertEquals(
                List.of(1, 2),
                takes(id, first.id()).stream().map(KeyframeImage::take).toList(),
                "the old take is kept");

        int sceneNumber = sceneNumber(id, first.sceneId());
        new ProjectIteration(studio.database(), pipeline(e)).useKeyframeTake(id, sceneNumber, first.sequence(), 1);
        assertArrayEquals(original, bytes(keyframe(id, first.id()).imageUrl()), "take 1 is back, byte for byte");

        e.reset();
        pipeline(e).run(id, RenderPlan.keyframe(first.id()).withCandidates(3), PhaseListener.NONE);
        assertEquals(3, e.keyframes.get(), "three candidates drawn");
        List<KeyframeImage> candidates =
                takes(id, first.id()).stream().filter(i -> i.take() >= 3).toList();
        assertEquals(
                List.of(3, 4, 5), candidates.stream().map(KeyframeImage::take).toList());
        BigDecimal best = candidates.stream()
                .map(KeyframeImage::qualityScore)
                .max(BigDecimal::compareTo)
                .orElseThrow();
        Keyframe current = keyframe(id, first.id());
        assertEquals(0, best.compareTo(current.qualityScore()), "the best scoring take is current");
        assertTrue(current.take() >= 3);
        assertNotEquals(original.length, 0);
    }

    @Test
    void aLockedKeyframeIsNeverReplaced() {
        CountingEngines e = engines("model-a", "voice-a");
        int id = renderedStory(e);
        Keyframe k = project(id).keyframes().get(0);
        // edited, then approved as it is: the picture is what was approved, and its description can't change after
        edits().updateKeyframe(k.id(), "A different morning altogether.", k.timingSeconds());
        edits().setKeyframeLocked(k.id(), true);
        assertFalse(pipeline(e).staleness(id).keyframe(k.id()).stale(), "an approved image stays as approved");
        pipeline(e).run(id, RenderPlan.scene(k.sceneId()), PhaseListener.NONE);
        assertEquals(k.imageUrl(), keyframe(id, k.id()).imageUrl());
    }

    private static int sceneNumber(int id, int sceneId) {
        List<Scene> scenes = project(id).scenes();
        for (int i = 0; i < scenes.size(); i++) {
            if (scenes.get(i).id() == sceneId) {
                return i + 1;
            }
        }
        throw new AssertionError("no scene " + sceneId);
    }

    private static Keyframe keyframe(int id, int keyframeId) {
        return project(id).keyframes().stream()
                .filter(k -> k.id() == keyframeId)
                .findFirst()
                .orElseThrow();
    }

    private static List<KeyframeImage> takes(int id, int keyframeId) {
        return project(id).keyframeImages().stream()
                .filter(i -> Objects.equals(i.keyframeId(), keyframeId))
                .toList();
    }

    private static byte[] bytes(String url) throws Exception {
        try (InputStream in = studio.media().open(url)) {
            return in.readAllBytes();
        }
    }
}
