package ai.cinboard.ui.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.ui.demo.InMemoryStudio;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The view models' edits go through one ordered write queue. A manual executor holds the queue so the test
 * sees what is pending and in which order it is written.
 */
class OrderedWritesTest {
    private final InMemoryStudio studio = new InMemoryStudio();
    private final ManualTaskExecutor executor = new ManualTaskExecutor();
    private final StudioViewModel vm = new StudioViewModel(studio, studio, studio, studio, studio, executor);

    OrderedWritesTest() {
        vm.openProject(1);
        executor.runAll();
        studio.calls.clear();
    }

    private List<String> calls(String prefix) {
        return studio.calls.stream().filter(c -> c.startsWith(prefix)).toList();
    }

    @Test
    void editUndoAndRedoAreWrittenInTheOrderMadeAndListedWhilePending() {
        StoryboardViewModel sb = vm.storyboard();
        KeyframeItem k = sb.scenes().get(1).keyframes().get(1);
        String before = k.descriptionProperty().get();
        int timing = k.timingProperty().get();
        sb.selectedProperty().set(k);
        sb.editDescriptionProperty().set("Tomas stares at the lamp.");
        sb.applyEdit();
        vm.commands().undo();
        vm.commands().redo();
        assertEquals(3, vm.writes().pendingProperty().get());
        assertEquals(
                List.of("Edit keyframe 2", "Edit keyframe 2", "Edit keyframe 2"),
                vm.writes().unsavedDescriptions());
        assertEquals(List.of(), calls("updateKeyframe"), "nothing written before the queue runs");
        executor.runAll();
        assertEquals(
                List.of(
                        "updateKeyframe " + k.id() + " " + timing + " Tomas stares at the lamp.",
                        "updateKeyframe " + k.id() + " " + timing + " " + before,
                        "updateKeyframe " + k.id() + " " + timing + " Tomas stares at the lamp."),
                calls("updateKeyframe"));
        assertEquals(0, vm.writes().pendingProperty().get());
        assertEquals(List.of(), vm.writes().unsavedDescriptions());
    }

    @Test
    void aCharacterDescriptionIsSavedBeforeTheRegenerationThatReadsIt() {
        CharacterCard mara = vm.characters().characters().get(0);
        vm.characters().editDescription(mara, "Mara, now in a green coat.", true);
        assertEquals(List.of(), studio.calls, "both wait in the write queue");
        executor.runAll();
        assertEquals(
                List.of(
                        "updateCharacterDescription " + mara.id() + " Mara, now in a green coat.",
                        "regenerateCharacter " + mara.id() + " true"),
                studio.calls.subList(0, 2));
    }

    @Test
    void aFailedDescriptionSaveRegeneratesNothingAndRollsTheTextBack() {
        CharacterCard mara = vm.characters().characters().get(0);
        String before = mara.descriptionProperty().get();
        studio.failNextSaveWith = "The database is read-only; check the disk space in CINBOARD_HOME.";
        vm.characters().editDescription(mara, "Mara, now in a green coat.", true);
        assertEquals("Mara, now in a green coat.", mara.descriptionProperty().get(), "shown at once");
        executor.runAll();
        assertEquals(List.of(), calls("regenerateCharacter"), "no regeneration from a description never stored");
        assertEquals(before, mara.descriptionProperty().get(), "the stored description again");
        Notifier.Message m = vm.notifier().latestProperty().get();
        assertEquals(Notifier.Level.ERROR, m.level());
        assertTrue(
                m.text().startsWith("Edit " + mara.name() + "'s description: not saved (The database is read-only"),
                m.text());
    }
}
