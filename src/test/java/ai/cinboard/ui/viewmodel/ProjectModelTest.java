package ai.cinboard.ui.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.Keyframe;
import ai.cinboard.domain.Project;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Refreshing the open project after a job: rows kept in place when the shape is the same, replaced otherwise. */
class ProjectModelTest {
    private final ViewModelFixture f = new ViewModelFixture().open();
    private final ProjectModel model = f.vm.model();
    private final Project stored = f.studio.loadProject(1);

    @Test
    void aRegeneratedKeyframeUpdatesTheSameRowAndKeepsTheSelection() {
        KeyframeItem k = model.scenes().get(2).keyframes().get(1);
        f.vm.storyboard().selectedProperty().set(k);
        f.vm.storyboard().toggleLock();
        int revision = model.revisionProperty().get();
        Project regenerated = with(
                stored,
                stored.keyframes().stream()
                        .map(x -> x.id().equals(k.id())
                                ? new Keyframe(
                                        x.id(),
                                        x.inputRecordId(),
                                        x.sceneId(),
                                        x.keyframeId(),
                                        x.sequence(),
                                        x.keyframeDescription(),
                                        "media://local/new.png",
                                        x.timingSeconds(),
                                        x.generationParams(),
                                        x.qualityScore(),
                                        true,
                                        x.createdAt())
                                : x)
                        .toList());

        assertTrue(model.refresh(regenerated));
        assertSame(k, model.scenes().get(2).keyframes().get(1));
        assertEquals("media://local/new.png", k.imageUrlProperty().get());
        assertSame(k, f.vm.storyboard().selectedProperty().get());
        assertTrue(f.vm.commands().canUndoProperty().get(), "the undo history stays valid");
        assertEquals(revision + 1, model.revisionProperty().get());
    }

    @Test
    void aProjectWithOtherKeyframesIsLoadedAfresh() {
        KeyframeItem first = model.scenes().get(0).keyframes().get(0);
        Project fewer = with(
                stored,
                stored.keyframes().stream()
                        .filter(x -> !x.id().equals(first.id()))
                        .toList());
        assertFalse(model.refresh(fewer));
        assertNotSame(first, model.scenes().get(0).keyframes().get(0));
        assertEquals(2, model.scenes().get(0).keyframes().size());
    }

    private static Project with(Project p, List<Keyframe> keyframes) {
        return new Project(
                p.record(),
                p.statuses(),
                p.scenes(),
                p.sceneCharacters(),
                p.characters(),
                p.characterImages(),
                keyframes,
                p.keyframeImages(),
                p.clips(),
                p.voiceovers(),
                p.finalVideos());
    }
}
