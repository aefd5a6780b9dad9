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
 * keyframe's scene is never queued for it.
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
        List<Scene> scenes = project(id).scenes();
        assertEquals(4, scenes.size());
        List<Character> characters = project(id).characters();
        assertEquals(2, characters.size());
        assertEquals(
                characters.size() + 1 + scenes.size() + 1,
                stale.size(),
                "a unit per character, the voiceover, a unit per scene, the composition");
        assertEquals(Set.of(RenderUnit.Kind.CHARACTER, RenderUnit.Kind.VOICEOVER), kinds(fresh.readyUnits(id)));

        run(RenderUnit.character(id, characters.get(0).id()));
        assertEquals(
                List.of(RenderUnit.character(id, characters.get(1).id()), RenderUnit.voiceover(id)),
                pipeline().staleness(id).readyUnits(id),
                "scenes wait for every character sheet");
        run(RenderUnit.character(id, characters.get(1).id()));
        assertEquals(
                List.of(RenderUnit.voiceover(id)),
                pipeline().staleness(id).readyUnits(id),
                "scenes wait for the voiceover, which fits their length");
        run(RenderUnit.voiceover(id));
        List<RenderUnit> ready = pipeline().staleness(id).readyUnits(id);
        assertEquals(scenes.stream().map(s -> RenderUnit.scene(id, s.id())).toList(), ready, "every scene at once");

        // Scenes in any order; the composition only once the last is done.
        for (int i = ready.size() - 1; i >= 0; i--) {
            RenderUnit unit = ready.get(i);
            run(unit);
            Project now = project(id);
            assertEquals(
                    3,
                    now.keyframes().stream()
                            .filter(k -> k.sceneId().equals(unit.id()) && k.imageUrl() != null)
                            .count(),
                    unit.key());
            assertEquals(
                    1,
                    now.clips().stream()
                            .filter(c -> c.sceneId().equals(unit.id()))
                            .count(),
                    unit.key());
            assertEquals(
                    i == 0 ? List.of(RenderUnit.composition(id)) : ready.subList(0, i),
                    pipeline().staleness(id).readyUnits(id),
                    "after " + ready.get(i).key());
        }
        run(RenderUnit.composition(id));
        assertEquals(List.of(), pipeline().staleness(id).staleUnits(id), "the render is done");
        assertEquals("completed", project(id).record().status().dbValue());

        // A unit that runs again (its worker died after it finished) makes nothing and writes no row.
        List<Integer> before = rowCounts(id);
        for (RenderUnit again : List.of(ready.get(0), RenderUnit.voiceover(id), RenderUnit.composition(id))) {
            assertEquals(new RenderPipeline.Rerendered(0, 0, 0, 0, 0), run(again), again.key());
        }
        assertEquals(before, rowCounts(id));
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
        edits.setKeyframeLocked(locked.id(), true);
        edits.updateKeyframe(locked.id(), "A different morning, the kitchen in sunlight.", locked.timingSeconds());
        Keyframe edited = p.keyframes().stream()
                .filter(k -> k.sceneId().equals(second.id()))
                .findFirst()
                .orElseThrow();
        edits.updateKeyframe(edited.id(), "Tomas at the end of the pier, the ferry leaving.", edited.timingSeconds());

        Staleness plan = pipeline().staleness(id);
        assertEquals(
                List.of(RenderUnit.scene(id, second.id()), RenderUnit.composition(id)),
                plan.staleUnits(id),
                "the locked keyframe's scene is not queued; the edited one is");
        assertEquals(List.of(RenderUnit.scene(id, second.id())), plan.readyUnits(id));
        assertTrue(run(RenderUnit.scene(id, second.id())).keyframes() == 1, "only the edited keyframe is made");
    }

    @Test
    void aUnitKeyIsReadBackAndAnythingElseIsRefused() {
        for (RenderUnit u : List.of(
                RenderUnit.character(7, 3),
                RenderUnit.voiceover(7),
                RenderUnit.scene(7, 42),
                RenderUnit.composition(7))) {
            assertEquals(u, RenderUnit.parse(u.key()));
        }
        for (String bad : List.of(
                "", "7", "7/scene", "7/character", "7/voiceover/3", "x/voiceover", "7/opening", "7/scene/1/2")) {
            assertThrows(StudioException.class, () -> RenderUnit.parse(bad), bad);
        }
    }
}
