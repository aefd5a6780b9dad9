package ai.cinboard.ui.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.Phase;
import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.service.ConnectionPart;
import ai.cinboard.service.EngineKind;
import ai.cinboard.service.JobInfo;
import ai.cinboard.service.JobPhase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Library, new project, characters, jobs, settings and export view models, without the toolkit. */
class OtherViewModelsTest {
    private final ViewModelFixture f = new ViewModelFixture().open();

    @Test
    void renderChangesGoToTheWorkersWhileTheyAreOnlineUnlessTheCreatorSaysOtherwise() {
        RenderChangesViewModel changes = f.vm.renderChanges();
        changes.check();
        assertFalse(changes.workersAvailableProperty().get(), "a single machine has no workers");
        changes.run();
        assertTrue(f.studio.calls.contains("renderChanges 1"), f.studio.calls.toString());

        f.studio.workers = java.util.Optional.of(List.of("box-a", "box-b"));
        changes.check();
        assertTrue(changes.workersAvailableProperty().get());
        assertTrue(changes.onWorkersProperty().get(), "the default while workers are online");
        assertEquals(
                "Workers online: box-a, box-b", changes.workersOnlineProperty().get());
        changes.run();
        assertTrue(f.studio.calls.contains("renderOnWorkers 1"), f.studio.calls.toString());
        assertEquals(
                "Queued the render for box-a, box-b.",
                f.vm.notifier().latestProperty().get().text());

        f.studio.calls.clear();
        changes.chooseOnWorkers(false);
        f.studio.workers = java.util.Optional.of(List.of());
        changes.check();
        assertFalse(changes.onWorkersProperty().get(), "the creator's choice stays");
        changes.run();
        assertFalse(f.studio.calls.contains("renderOnWorkers 1"), "rendered here: " + f.studio.calls);
        assertTrue(changes.runningProperty().get(), "joined the render running here");
    }

    @Test
    void libraryListsEveryProjectNewestFirstAndOpens() {
        LibraryViewModel lib = f.vm.library();
        assertEquals(4, lib.items().size());
        assertEquals("The Lighthouse Keeper", lib.items().get(0).title());
        lib.selectedProperty().set(lib.items().get(1));
        lib.openSelected();
        assertEquals(2, f.vm.model().projectId());
        assertFalse(f.vm.commands().canUndoProperty().get());
    }

    @Test
    void newProjectShowsLanguageAndVerdictBeforeGenerating() {
        int[] opened = {0};
        NewProjectViewModel np = new NewProjectViewModel(
                f.studio, new ai.cinboard.ui.task.CurrentThreadTaskExecutor(), f.vm.notifier(), id -> opened[0] = id);
        np.textProperty().set("霧の夜、見知らぬ舟が港に入ってくる。\nINT. 灯台 - 夜\nMARA\nこんばんは。");
        assertFalse(np.canCreateProperty().get());
        np.analyze();
        assertTrue(
                np.verdictProperty().get().startsWith("Language: Japanese (ja, 97% confidence)"),
                np.verdictProperty().get());
        assertTrue(np.verdictProperty().get().contains("Content policy: allowed"));
        assertTrue(np.canCreateProperty().get());
        assertFalse(f.studio.calls.contains("createAndRender"));
        np.create();
        assertTrue(opened[0] > 0);
        np.textProperty().set("A forbidden story.");
        np.analyze();
        assertTrue(np.verdictProperty().get().contains("blocked"));
        assertFalse(np.canCreateProperty().get());
    }

    @Test
    void newProjectImportsOnlyStoryFiles(@TempDir Path dir) throws Exception {
        NewProjectViewModel np = f.vm.newProject();
        Path fountain = dir.resolve("pilot.fountain");
        Files.writeString(fountain, "EXT. CLIFF - DAY\n\nMARA\nHello.\n");
        np.importFile(fountain);
        assertEquals("pilot.fountain", np.fileNameProperty().get());
        assertTrue(np.textProperty().get().startsWith("EXT. CLIFF"));
        assertTrue(np.canCreateProperty().get());
        Path pdf = dir.resolve("x.pdf");
        Files.writeString(pdf, "nope");
        np.importFile(pdf);
        assertEquals("Import a .fountain, .fdx (Final Draft), .txt or .md file.", f.lastMessage());
        // a Final Draft screenplay arrives as Fountain text, named so that intake reads it as such
        Path fdx = dir.resolve("ferry.fdx");
        Files.writeString(fdx, ai.cinboard.text.fdx.FinalDraftReaderTestData.FDX);
        np.importFile(fdx);
        assertEquals("ferry.fountain", np.fileNameProperty().get());
        assertTrue(
                np.textProperty().get().startsWith("INT. FERRY DECK - NIGHT #1#"),
                np.textProperty().get());
        assertTrue(np.canCreateProperty().get());
    }

    @Test
    void characterEditAsksThenRegeneratesAndUndoes() {
        CharactersViewModel cv = f.vm.characters();
        assertEquals(3, cv.characters().size());
        CharacterCard mara = cv.characters().get(0);
        assertEquals(4, mara.galleryUrls().size());
        assertEquals(6, mara.sceneHeadings().size());
        String before = mara.descriptionProperty().get();
        cv.editDescription(mara, "Mara, now in a green coat.", true);
        assertEquals("Mara, now in a green coat.", mara.descriptionProperty().get());
        assertTrue(f.studio.calls.contains("regenerateCharacter " + mara.id() + " true"));
        cv.editDescription(cv.characters().get(1), "Tomas, shaved.", false);
        assertTrue(f.studio.calls.contains(
                "regenerateCharacter " + cv.characters().get(1).id() + " false"));
        f.vm.commands().undo();
        f.vm.commands().undo();
        assertEquals(before, mara.descriptionProperty().get());
        assertTrue(f.studio.calls.contains("updateCharacterDescription " + mara.id() + " " + before));
    }

    @Test
    void newTakesOfACharacterAsCandidates() {
        CharactersViewModel cv = f.vm.characters();
        CharacterCard tomas = cv.characters().get(1);
        cv.selectedProperty().set(tomas);
        cv.newTakesOfSelected(3);
        assertTrue(
                f.studio.calls.contains("regenerateCharacter " + tomas.id() + " false x3"), f.studio.calls.toString());
        assertTrue(
                f.vm.notifier().latestProperty().get().text().startsWith("Making 3 takes of " + tomas.name()),
                f.vm.notifier().latestProperty().get().text());
        cv.newTakesOfSelected(1);
        assertTrue(f.studio.calls.contains("regenerateCharacter " + tomas.id() + " false"), f.studio.calls.toString());
    }

    @Test
    void jobsFollowEventsAndOfferRetryAndCancel() {
        JobsViewModel jobs = f.vm.jobs();
        assertEquals(4, jobs.jobs().size());
        assertEquals(1, jobs.runningProperty().get());
        JobInfo running = jobs.jobs().stream()
                .filter(j -> j.status() == PhaseStatus.RUNNING)
                .findFirst()
                .orElseThrow();
        assertTrue(
                jobs.summaryProperty().get().contains("65%"),
                jobs.summaryProperty().get());
        assertTrue(JobsViewModel.canCancel(running));
        assertFalse(JobsViewModel.canRetry(running));
        jobs.cancel(running);
        assertEquals(0, jobs.runningProperty().get());
        JobInfo failed = jobs.jobs().stream()
                .filter(j -> j.status() == PhaseStatus.FAILED)
                .findFirst()
                .orElseThrow();
        jobs.retry(failed);
        assertEquals(5, jobs.jobs().size());
        assertEquals(1, jobs.runningProperty().get());
        // an event from the pipeline updates the row in place
        JobInfo retried = jobs.jobs().get(0);
        f.studio.publish(new JobInfo(
                retried.jobId(),
                retried.projectId(),
                retried.title(),
                PhaseStatus.COMPLETED,
                List.of(new JobPhase(Phase.KEYFRAMES, PhaseStatus.COMPLETED, 100, Duration.ofSeconds(3), null))));
        assertEquals(5, jobs.jobs().size());
        assertEquals(0, jobs.runningProperty().get());
        assertTrue(jobs.summaryProperty().get().startsWith("No jobs running"));
    }

    @Test
    void settingsLoadTestAndSave() {
        SettingsViewModel s = f.vm.settings();
        assertEquals(
                EngineKind.COMFYUI, s.engine(ConnectionPart.IMAGE_ENGINE).kind.get());
        s.test(ConnectionPart.IMAGE_ENGINE);
        assertTrue(s.resultProperty(ConnectionPart.IMAGE_ENGINE).get().startsWith("✖ No answer"));
        s.engine(ConnectionPart.IMAGE_ENGINE).endpoint.set("http://localhost:8188");
        s.test(ConnectionPart.IMAGE_ENGINE);
        assertTrue(s.resultProperty(ConnectionPart.IMAGE_ENGINE).get().startsWith("✔"));
        assertFalse(s.testingProperty(ConnectionPart.IMAGE_ENGINE).get());
        s.dbEmbedded.set(false);
        s.dbUrl.set("postgres://wrong");
        s.save();
        assertEquals("Saving settings: The JDBC URL must start with jdbc:postgresql:", f.lastMessage());
        s.dbUrl.set("jdbc:postgresql://db:5432/cinboard");
        s.save();
        assertFalse(f.studio.load().database().embedded());
    }

    @Test
    void exportWritesTheFileAndReportsMissingVideo(@TempDir Path dir) throws Exception {
        assertTrue(f.vm.canExport());
        Path out = dir.resolve("lighthouse.mp4");
        f.vm.exportTo(out);
        assertTrue(Files.size(out) > 0);
        assertTrue(f.lastMessage().startsWith("Exported lighthouse.mp4"));
        f.vm.openProject(2);
        assertFalse(f.vm.canExport());
        f.vm.exportTo(dir.resolve("x.mp4"));
        assertEquals("Exporting the video: This project has no final video yet.", f.lastMessage());
        assertFalse(f.vm.exportingProperty().get());
    }

    @Test
    void openingAMissingProjectIsAClearError() {
        f.vm.openProject(999);
        assertEquals("Opening the project: Project 999 no longer exists.", f.lastMessage());
        assertEquals(1, f.vm.model().projectId());
        f.vm.notifier().clear();
        assertNull(f.vm.notifier().latestProperty().get());
    }
}
