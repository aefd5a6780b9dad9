package ai.cinboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.Character;
import ai.cinboard.domain.Keyframe;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.Scene;
import ai.cinboard.domain.StudioException;
import ai.cinboard.persistence.ProjectRepository;
import ai.cinboard.testing.TestStudios;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A render as units, run one by one as workers would (embedded PostgreSQL, offline engines): the dependency order
 * comes from the fingerprints, a unit run twice makes nothing and writes no row the second time, and a locked
 * keyframe is never queued.
 */
class RenderUnitsTest {
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

    private static RenderPipeline pipeline() {
        return studio.render(TestStudios.smallRender(home));
    }

    private static Project project(int id) {
        return new ProjectRepository(studio.database()).load(id).orElseThrow();
    }

    private static int newProject() {
        return TestStudios.intake(studio, "harbour4.fountain");
    }

    private static Set<RenderUnit.Kind> kinds(List<RenderUnit> units) {
        return units.stream().map(RenderUnit::kind).collect(Collectors.toSet());
    }

    private static RenderPipeline.Rerendered run(RenderUnit unit) {
        return pipeline()
                .runUnit(unit, Map.of("unit", unit.key(), "worker", "test", "attempt", 1), PhaseListener.NONE)
                .made();
    }

    /** Rows that a second run of a unit would add if it were not idempotent. */
    private static List<Integer> rowCounts(int id) {
        Project p = project(id);
        return List.of(
                p.characterImages().size(),
                p.keyframes().size(),
                p.keyframeImages().size(),
                p.clips().size(),
                p.voiceovers().size(),
                p.finalVideos().size());
    }

    @Test
    void unitsBecomeReadyInDependencyOrderAndARunTwiceMakesNothing() {
        int id = newProject();
        Staleness fresh = pipeline().staleness(id);
        List<RenderUnit> stale = fresh.staleUnits(id);
        Project p = project(id);
        List<Scene> scenes = p.scenes();
        assertEquals(4, scenes.size());
        List<Character> characters = p.characters();
        assertEquals(2, characters.size());
        assertEquals(
                characters.size() + 1 + 3 * scenes.size() + scenes.size() + 1,
                stale.size(),
                "a unit per character, the voiceover, a unit per keyframe (3 a scene), a clip per scene, the"
                        + " composition; the mastering once the voiceover is made");
        assertEquals(Set.of(RenderUnit.Kind.CHARACTER, RenderUnit.Kind.VOICEOVER), kinds(fresh.readyUnits(id)));

        Character first = characters.get(0);
        Character second = characters.get(1);
        run(RenderUnit.character(id, first.id()));
        assertEquals(
                List.of(RenderUnit.character(id, second.id()), RenderUnit.voiceover(id)),
                pipeline().staleness(id).readyUnits(id),
                "keyframes wait for the voiceover, which fits their scene's length");
        run(RenderUnit.voiceover(id));
        Set<Integer> showingSecond = p.sceneCharacters().stream()
                .filter(sc -> sc.characterId().equals(second.id()))
                .map(sc -> sc.sceneId())
                .collect(Collectors.toSet());
        assertTrue(showingSecond.size() < scenes.size(), "the story has a scene without " + second.characterName());
        List<RenderUnit> withoutSecond =
                new java.util.ArrayList<>(List.of(RenderUnit.character(id, second.id()), RenderUnit.mastering(id)));
        scenes.stream()
                .filter(s -> !showingSecond.contains(s.id()))
                .forEach(s -> withoutSecond.addAll(keyframeUnits(id, s)));
        assertEquals(
                withoutSecond,
                pipeline().staleness(id).readyUnits(id),
                "a keyframe waits only for the sheets of the characters its scene shows; the mastering for the voiceover");
        Staleness voiced = pipeline().staleness(id);
        assertTrue(voiced.staleUnits(id).contains(RenderUnit.mastering(id)));
        assertEquals(voiced.staleUnits(id).size() - 1, voiced.count(), "the mastering is no artefact");
        run(RenderUnit.mastering(id));
        assertTrue(
                pipeline().staleness(id).staleUnits(id).stream().noneMatch(u -> u.kind() == RenderUnit.Kind.MASTERING),
                "the mix is mastered ahead once");
        Object mastered = project(id).voiceovers().get(0).voiceSettings().get("mastered");
        assertTrue(mastered instanceof Map<?, ?> m && m.get("url") != null, "noted on the voiceover: " + mastered);
        run(RenderUnit.character(id, second.id()));
        List<RenderUnit> ready = pipeline().staleness(id).readyUnits(id);
        assertEquals(
                scenes.stream().flatMap(s -> keyframeUnits(id, s).stream()).toList(), ready, "every keyframe at once");

        // Scenes and keyframes in any order; a scene's clip once its keyframes are made, the composition once the
        // last clip is.
        for (int i = scenes.size() - 1; i >= 0; i--) {
            Scene scene = scenes.get(i);
            for (int seq = 2; seq >= 0; seq--) {
                assertTrue(
                        pipeline().staleness(id).readyUnits(id).stream()
                                .noneMatch(u -> u.kind() == RenderUnit.Kind.CLIP),
                        "the clip waits for its scene's keyframes");
                run(RenderUnit.keyframe(id, scene.id(), seq));
            }
            List<RenderUnit> expected = new java.util.ArrayList<>(ready.subList(0, 3 * i));
            expected.add(RenderUnit.clip(id, scene.id()));
            assertEquals(expected, pipeline().staleness(id).readyUnits(id), "after scene " + scene.sceneNumber());
            run(RenderUnit.clip(id, scene.id()));
            Project now = project(id);
            assertEquals(
                    3,
                    now.keyframes().stream()
                            .filter(k -> k.sceneId().equals(scene.id()) && k.imageUrl() != null)
                            .count(),
                    scene.heading());
            assertEquals(
                    1,
                    now.clips().stream()
                            .filter(c -> c.sceneId().equals(scene.id()))
                            .count(),
                    scene.heading());
            assertEquals(
                    i == 0 ? List.of(RenderUnit.composition(id)) : ready.subList(0, 3 * i),
                    pipeline().staleness(id).readyUnits(id),
                    "after the clip of scene " + scene.sceneNumber());
        }
        run(RenderUnit.composition(id));
        assertEquals(List.of(), pipeline().staleness(id).staleUnits(id), "the render is done");
        assertEquals("completed", project(id).record().status().dbValue());
        Map<?, ?> loudness =
                (Map<?, ?>) project(id).finalVideos().get(0).compositionData().get("loudness");
        assertEquals(
                true,
                loudness.get("mastered_ahead"),
                "the composition mixed the same sound, sample for sample, and took the mix mastered ahead: "
                        + loudness);
        assertEquals(-14.0, ((Number) loudness.get("integrated_lufs")).doubleValue(), 1.0, loudness.toString());
        assertTrue(((Number) loudness.get("true_peak_dbtp")).doubleValue() <= -1.0, loudness.toString());

        // A unit that runs again (its worker died after it finished) makes nothing and writes no row.
        List<Integer> before = rowCounts(id);
        for (RenderUnit again : List.of(
                ready.get(0),
                RenderUnit.clip(id, scenes.get(0).id()),
                RenderUnit.voiceover(id),
                RenderUnit.mastering(id),
                RenderUnit.composition(id))) {
            assertEquals(new RenderPipeline.Rerendered(0, 0, 0, 0, 0), run(again), again.key());
        }
        assertEquals(before, rowCounts(id));
        assertEquals(
                mastered,
                project(id).voiceovers().get(0).voiceSettings().get("mastered"),
                "the mastering, run again, masters nothing");
        assertEquals(
                "completed",
                project(id).record().status().dbValue(),
                "units run again after the composition leave the project completed");
    }

    private static List<RenderUnit> keyframeUnits(int id, Scene scene) {
        return List.of(
                RenderUnit.keyframe(id, scene.id(), 0),
                RenderUnit.keyframe(id, scene.id(), 1),
                RenderUnit.keyframe(id, scene.id(), 2));
    }

    @Test
    void aLockedKeyframeKeepsItsSceneOutOfTheQueueAndAnEditQueuesOnlyItsScene() {
        int id = newProject();
        pipeline().run(id, RenderPlan.MISSING_ONLY, PhaseListener.NONE);
        Project p = project(id);
        Scene first = p.scenes().get(0);
        Scene second = p.scenes().get(1);
        Keyframe locked = p.keyframes().stream()
                .filter(k -> k.sceneId().equals(first.id()))
                .findFirst()
                .orElseThrow();
        StudioProjectService edits = studio.projectEdits(studio.localUserId());
        // edited, then approved as it stands: its picture is kept though its description changed
        edits.updateKeyframe(locked.id(), "A different morning, the kitchen in sunlight.", locked.timingSeconds());
        edits.setKeyframeLocked(locked.id(), true);
        StudioException refused = assertThrows(
                StudioException.class,
                () -> edits.updateKeyframe(locked.id(), "Another morning again.", locked.timingSeconds()));
        assertTrue(refused.getMessage().contains("unlock"), refused.getMessage());
        Keyframe edited = p.keyframes().stream()
                .filter(k -> k.sceneId().equals(second.id()))
                .findFirst()
                .orElseThrow();
        edits.updateKeyframe(edited.id(), "Tomas at the end of the pier, the ferry leaving.", edited.timingSeconds());

        Staleness plan = pipeline().staleness(id);
        RenderUnit editedUnit = RenderUnit.keyframe(id, second.id(), edited.sequence());
        assertEquals(
                List.of(
                        RenderUnit.mastering(id),
                        editedUnit,
                        RenderUnit.clip(id, second.id()),
                        RenderUnit.composition(id)),
                plan.staleUnits(id),
                "the locked keyframe and its scene's clip are not queued; the edited keyframe and its clip are, and"
                        + " the mix is mastered ahead (the render before composed in one process)");
        assertEquals(List.of(RenderUnit.mastering(id), editedUnit), plan.readyUnits(id));
        assertEquals(1, run(editedUnit).keyframes(), "only the edited keyframe is made");
        assertEquals(
                List.of(RenderUnit.mastering(id), RenderUnit.clip(id, second.id())),
                pipeline().staleness(id).readyUnits(id));
        run(RenderUnit.clip(id, second.id()));
        assertEquals(
                List.of(RenderUnit.mastering(id), RenderUnit.composition(id)),
                pipeline().staleness(id).readyUnits(id),
                "the composition does not wait for the mastering");
        run(RenderUnit.composition(id));
        assertEquals(List.of(), pipeline().staleness(id).staleUnits(id), "nor is it left to do afterwards");
        Map<?, ?> loudness = (Map<?, ?>) project(id).finalVideos().stream()
                .max(java.util.Comparator.comparing(ai.cinboard.domain.FinalVideo::id))
                .orElseThrow()
                .compositionData()
                .get("loudness");
        assertEquals(false, loudness.get("mastered_ahead"), "the composition mastered its own mix: " + loudness);
    }

    @Test
    void aUnitKeyIsReadBackAndAnythingElseIsRefused() {
        for (RenderUnit u : List.of(
                RenderUnit.character(7, 3),
                RenderUnit.voiceover(7),
                RenderUnit.keyframe(7, 42, 2),
                RenderUnit.clip(7, 42),
                RenderUnit.composition(7))) {
            assertEquals(u, RenderUnit.parse(u.key()));
        }
        for (String bad : List.of(
                "",
                "7",
                "7/scene/1",
                "7/character",
                "7/keyframe/1",
                "7/clip/1/2",
                "7/voiceover/3",
                "x/voiceover",
                "7/opening",
                "7/keyframe/1/2/3")) {
            assertThrows(StudioException.class, () -> RenderUnit.parse(bad), bad);
        }
    }
}
