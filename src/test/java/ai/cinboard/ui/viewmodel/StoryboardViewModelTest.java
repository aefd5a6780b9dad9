package ai.cinboard.ui.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.Transition;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoryboardViewModelTest {
    private final ViewModelFixture f = new ViewModelFixture().open();
    private final StoryboardViewModel sb = f.vm.storyboard();

    @Test
    void loadsScenesInPositionOrderWithThreeKeyframesEach() {
        assertEquals(8, sb.scenes().size());
        assertEquals(1, sb.scenes().get(0).sceneNumber());
        sb.scenes().forEach(r -> assertEquals(3, r.keyframes().size()));
        assertEquals(List.of("Mara", "Tomas"), sb.scenes().get(0).characterNames());
    }

    @Test
    void editIsSavedAndUndoable() {
        KeyframeItem k = sb.scenes().get(1).keyframes().get(1);
        String before = k.descriptionProperty().get();
        sb.selectedProperty().set(k);
        assertEquals(before, sb.editDescriptionProperty().get());
        sb.editDescriptionProperty().set("  Tomas stares at the lamp.  ");
        sb.editTimingProperty().set(3);
        sb.applyEdit();
        assertEquals("Tomas stares at the lamp.", k.descriptionProperty().get());
        assertEquals(3, k.timingProperty().get());
        assertTrue(f.studio.calls.contains("updateKeyframe " + k.id() + " 3 Tomas stares at the lamp."));
        f.vm.commands().undo();
        assertEquals(before, k.descriptionProperty().get());
        assertEquals(before, sb.editDescriptionProperty().get());
        assertTrue(f.studio.calls.get(f.studio.calls.size() - 1).endsWith(before));
        f.vm.commands().redo();
        assertEquals("Tomas stares at the lamp.", k.descriptionProperty().get());
    }

    @Test
    void aScenesTransitionIsSavedAndUndoable() {
        SceneRow row = sb.scenes().get(2);
        assertEquals(Transition.DEFAULT, row.transitionProperty().get());
        sb.setTransition(row, Transition.Kind.DIP, 1.2);
        Transition dip = new Transition(Transition.Kind.DIP, new java.math.BigDecimal("1.2"));
        assertEquals(dip, row.transitionProperty().get());
        assertTrue(f.studio.calls.contains("setSceneTransition " + row.id() + " dip 1.2 s"), f.studio.calls.toString());
        sb.setTransition(row, Transition.Kind.CUT, 1.2);
        assertEquals(Transition.CUT, row.transitionProperty().get());
        f.vm.commands().undo();
        assertEquals(dip, row.transitionProperty().get());
        assertTrue(f.studio.calls.get(f.studio.calls.size() - 1).endsWith("dip 1.2 s"));
        f.vm.commands().undo();
        assertEquals(Transition.DEFAULT, row.transitionProperty().get());
        sb.setTransition(row, Transition.Kind.WIPE, 9);
        assertEquals(Transition.DEFAULT, row.transitionProperty().get(), "a length out of range changes nothing");
        assertTrue(f.lastMessage().contains("at most 5 seconds"), f.lastMessage());
    }

    @Test
    void timingIsClampedToTheScene() {
        KeyframeItem k = sb.scenes().get(0).keyframes().get(0);
        sb.selectedProperty().set(k);
        sb.editTimingProperty().set(99);
        sb.applyEdit();
        assertEquals(4, k.timingProperty().get()); // scene 1 lasts 4.0 s
    }

    @Test
    void emptyDescriptionIsRefusedWithAMessage() {
        sb.selectedProperty().set(sb.scenes().get(0).keyframes().get(1));
        sb.editDescriptionProperty().set("   ");
        sb.applyEdit();
        assertFalse(f.vm.commands().canUndoProperty().get());
        assertEquals("A keyframe needs a description.", f.lastMessage());
    }

    @Test
    void approvingLocksAndLockedKeyframesAreNotRegenerated() {
        KeyframeItem k = sb.scenes().get(2).keyframes().get(0);
        sb.selectedProperty().set(k);
        sb.toggleLock();
        assertTrue(k.lockedProperty().get());
        assertTrue(f.studio.calls.contains("setKeyframeLocked " + k.id() + " true"));
        sb.regenerateSelectedKeyframe();
        assertFalse(f.studio.calls.contains("regenerateKeyframe " + k.id()));
        assertTrue(f.lastMessage().contains("locked"));
        f.vm.commands().undo();
        assertFalse(k.lockedProperty().get());
        sb.regenerateSelectedKeyframe();
        assertTrue(f.studio.calls.contains("regenerateKeyframe " + k.id()));
    }

    @Test
    void regenerateSceneStartsAJob() {
        sb.regenerateScene(sb.scenes().get(3));
        assertTrue(
                f.studio.calls.contains("regenerateScene " + sb.scenes().get(3).id()));
        assertTrue(f.lastMessage().startsWith("Regenerating scene 4"));
    }

    @Test
    void moveSceneReordersSavesAndUndoes() {
        int first = sb.scenes().get(0).id();
        int third = sb.scenes().get(2).id();
        sb.moveScene(0, 2);
        assertEquals(first, sb.scenes().get(2).id());
        assertEquals(third, sb.scenes().get(1).id());
        assertTrue(f.studio.calls.stream()
                .anyMatch(
                        c -> c.startsWith("reorderScenes [" + sb.scenes().get(0).id())));
        f.vm.commands().undo();
        assertEquals(first, sb.scenes().get(0).id());
        // the saved order survives a reload
        sb.moveScene(7, 0);
        int moved = sb.scenes().get(0).id();
        f.vm.openProject(1);
        assertEquals(moved, f.vm.storyboard().scenes().get(0).id());
    }

    @Test
    void aFailedSaveRollsTheViewBackAndSaysWhyNotAStackTrace() {
        KeyframeItem k = sb.scenes().get(0).keyframes().get(2);
        assertFalse(k.lockedProperty().get());
        f.studio.failNextSaveWith = "The database is read-only; check the disk space in CINBOARD_HOME.";
        sb.selectedProperty().set(k);
        sb.toggleLock();
        assertEquals(
                "Approve keyframe: not saved (The database is read-only; check the disk space in CINBOARD_HOME.);"
                        + " the window shows the stored value again.",
                f.lastMessage());
        assertEquals(
                Notifier.Level.ERROR, f.vm.notifier().latestProperty().get().level());
        assertFalse(k.lockedProperty().get(), "rolled back to the stored value");
        assertFalse(f.vm.commands().canUndoProperty().get(), "no history of an edit the database never took");
    }

    @Test
    void unexpectedFailuresAreDescribedWithoutDetails() {
        String text = Notifier.describe("Saving", new IllegalStateException("NullPointer at com.foo.Bar:12"));
        assertFalse(text.contains("com.foo"));
        assertTrue(text.startsWith("Saving failed unexpectedly"));
    }
}
