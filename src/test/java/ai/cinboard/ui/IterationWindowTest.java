package ai.cinboard.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.FinalVideo;
import ai.cinboard.domain.Keyframe;
import ai.cinboard.domain.KeyframeImage;
import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.domain.Transition;
import ai.cinboard.persistence.mapper.FinalVideoMapper;
import ai.cinboard.persistence.mapper.KeyframeImageMapper;
import ai.cinboard.persistence.mapper.KeyframeMapper;
import ai.cinboard.persistence.mapper.SceneMapper;
import ai.cinboard.pipeline.PhaseListener;
import ai.cinboard.pipeline.ProjectIteration;
import ai.cinboard.pipeline.RenderPlan;
import ai.cinboard.service.JobInfo;
import ai.cinboard.ui.view.Theme;
import ai.cinboard.ui.viewmodel.KeyframeItem;
import ai.cinboard.ui.viewmodel.SceneRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Iterating in the window (issue 15 §6), with TestFX on the real stack: the take strip (a click makes a take
 * current, undo brings the earlier one back), "Render changes (n)" (the count follows an edit and goes to 0 when
 * the changes are rendered), stale badges, and the offer to render changes before exporting a stale MP4. Every
 * wait is on a property, the database or a job's state; each test leaves the project up to date.
 */
@ExtendWith(ApplicationExtension.class)
class IterationWindowTest {
    static {
        StudioFixture.preferNativeText();
    }

    private static RenderedStudio demo;
    private static int ferry;
    /** The first scene's first keyframe: given a second take before the window opens. */
    private static int twoTakes;
    /** Elena: her reference sheet gets a second take before the window opens. */
    private static int elena;

    private final StudioFixture fx = new StudioFixture(demo.services);

    @BeforeAll
    static void renderWithASecondTake() {
        demo = new RenderedStudio(320, 180);
        ferry = demo.render("ferry.fountain");
        Keyframe first = ProjectIteration.keyframe(demo.studio.iteration().load(ferry), 1, 0);
        twoTakes = first.id();
        demo.studio.render(demo.settings).run(ferry, RenderPlan.keyframe(twoTakes), PhaseListener.NONE);
        elena = ProjectIteration.character(demo.studio.iteration().load(ferry), "Elena")
                .id();
        demo.studio.render(demo.settings).run(ferry, RenderPlan.character(elena, false), PhaseListener.NONE);
    }

    @AfterAll
    static void closeStudio() {
        demo.close();
    }

    @Start
    void start(Stage stage) {
        fx.start(stage, 1280, 800);
    }

    @AfterEach
    void stop() {
        demo.awaitJobs();
        fx.stop();
    }

    private void openFerry() {
        StudioFixture.await(
                "library",
                () -> fx.window.viewModel().library().items().stream().anyMatch(p -> p.id() == ferry));
        StudioFixture.fx(() -> fx.window.viewModel().openProject(ferry));
        StudioFixture.await(
                "project",
                () -> Integer.valueOf(ferry)
                        .equals(fx.window.viewModel().model().projectId()));
        StudioFixture.await("staleness checked once the project is open", () -> stalenessOf(ferry) == count());
        fx.settle();
    }

    private int count() {
        return fx.window.viewModel().renderChanges().countProperty().get();
    }

    private static int stalenessOf(int project) {
        return demo.jobs.staleness(project).count();
    }

    private static Keyframe keyframe(int id) {
        return demo.read(s -> s.getMapper(KeyframeMapper.class).findById(id));
    }

    private static List<KeyframeImage> takes(int keyframeId) {
        return demo.read(s -> s.getMapper(KeyframeImageMapper.class).listByKeyframe(keyframeId));
    }

    private static String takeUrl(int keyframeId, int take) {
        return takes(keyframeId).stream()
                .filter(i -> i.take() == take)
                .reduce((a, b) -> b)
                .orElseThrow()
                .imageUrl();
    }

    private static void shortcut(FxRobot robot, KeyCode... keys) {
        KeyCode[] all = new KeyCode[keys.length + 1];
        all[0] = KeyCode.CONTROL;
        System.arraycopy(keys, 0, all, 1, keys.length);
        robot.press(all);
        for (int i = all.length - 1; i >= 0; i--) robot.release(all[i]);
    }

    private String notification(FxRobot robot) {
        return robot.lookup("#notification").queryAs(Label.class).getText();
    }

    /** Clicks the {@code index}-th keyframe thumbnail of the storyboard and returns the keyframe it selected. */
    private KeyframeItem clickThumbnail(FxRobot robot, int index) {
        Region thumb = robot.from(fx.window.storyboard().list())
                .lookup("." + Theme.THUMB)
                .nth(index)
                .queryAs(Region.class);
        robot.clickOn(thumb);
        StudioFixture.await(
                "thumbnail selected",
                () -> fx.window.viewModel().storyboard().selectedProperty().get() != null);
        return fx.window.viewModel().storyboard().selectedProperty().get();
    }

    /** Edits the selected keyframe's description in the window and waits until it is stored. */
    private void editDescription(FxRobot robot, KeyframeItem k, String text) {
        robot.clickOn("#keyframe-description");
        shortcut(robot, KeyCode.A);
        robot.write(text);
        robot.clickOn("#apply-edit");
        StudioFixture.await("edit saved", () -> text.equals(keyframe(k.id()).keyframeDescription()));
    }

    @Test
    void aScenesTransitionIsChosenInTheStoryboardShownInItsRowAndUndone(FxRobot robot) {
        openFerry();
        assertEquals(0, count(), "the project starts up to date");
        clickThumbnail(robot, 3); // scene 2's first keyframe: scene 1 has no scene before it
        SceneRow scene = fx.window.viewModel().storyboard().selectedScene();
        assertEquals(2, scene.sceneNumber());
        assertTrue(sceneRowText(robot, 2).contains("crossfade 0.5 s"), sceneRowText(robot, 2));

        robot.clickOn("#scene-transition");
        robot.clickOn("dip to black");
        StudioFixture.await("dip stored", () -> storedTransition(scene.id()).kind() == Transition.Kind.DIP);
        StudioFixture.await(
                "the scene's row shows it", () -> sceneRowText(robot, 2).contains("dip 0.5 s"));
        StudioFixture.await("only the final video is stale", () -> count() == 1);
        assertFalse(scene.clipStaleProperty().get(), "a transition does not touch the clip");

        shortcut(robot, KeyCode.Z);
        StudioFixture.await(
                "undo stored the crossfade again",
                () -> storedTransition(scene.id()).equals(Transition.DEFAULT));
        StudioFixture.await(
                "the row shows the crossfade again",
                () -> sceneRowText(robot, 2).contains("crossfade 0.5 s"));
        StudioFixture.await("up to date again", () -> count() == 0);
    }

    private static Transition storedTransition(int sceneId) {
        return demo.read(s -> s.getMapper(SceneMapper.class).findById(sceneId)).transition();
    }

    /** The texts of the storyboard row of scene {@code number}, joined. */
    private String sceneRowText(FxRobot robot, int number) {
        StringBuilder text = new StringBuilder();
        StudioFixture.fx(() -> {
            for (Node cell : robot.from(fx.window.storyboard().list())
                    .lookup(".list-cell")
                    .queryAll()) {
                if (((ListCell<?>) cell).getItem() instanceof SceneRow r && r.sceneNumber() == number) {
                    for (Node label : robot.from(cell).lookup(".label").queryAll()) {
                        text.append(((Label) label).getText()).append(" | ");
                    }
                }
            }
        });
        return text.toString();
    }

    @Test
    void clickingATakeMakesItCurrentAndUndoBringsTheEarlierOneBack(FxRobot robot) throws Exception {
        openFerry();
        assertEquals(0, count(), "the project starts up to date");
        assertEquals(2, keyframe(twoTakes).take(), "the regeneration's take is current");
        KeyframeItem k = clickThumbnail(robot, 0);
        assertEquals(twoTakes, k.id());
        HBox strip = robot.lookup("#take-strip").queryAs(HBox.class);
        StudioFixture.await("two takes side by side", () -> strip.getChildren().size() == 2);
        Node take1 = robot.lookup("#take-1").query(),
                take2 = robot.lookup("#take-2").query();
        assertTrue(take2.getStyleClass().contains(Theme.SELECTED), "the current take is marked");
        assertFalse(take1.getStyleClass().contains(Theme.SELECTED));
        fx.settle();
        StudioFixture.screenshot(fx.stage.getScene(), "storyboard-takes.png");

        robot.clickOn(take1);
        StudioFixture.await("take 1 stored as current", () -> keyframe(twoTakes).take() == 1);
        assertEquals(takeUrl(twoTakes, 1), keyframe(twoTakes).imageUrl(), "its image is take 1's");
        assertEquals(1, k.takeProperty().get());
        assertEquals(takeUrl(twoTakes, 1), k.imageUrlProperty().get(), "the large preview shows take 1");
        assertTrue(robot.lookup("#take-1").query().getStyleClass().contains(Theme.SELECTED));
        assertFalse(robot.lookup("#take-2").query().getStyleClass().contains(Theme.SELECTED));
        // Another take changes what the scene's clip is made of: it and the final video are stale now.
        StudioFixture.await("the clip is stale", () -> count() > 0);
        assertEquals(stalenessOf(ferry), count());
        SceneRow scene = fx.window.viewModel().storyboard().selectedScene();
        assertTrue(scene.clipStaleProperty().get(), "the scene's clip is marked stale");
        assertTrue(fx.window.viewModel().model().stalenessProperty().get().finalVideo());

        shortcut(robot, KeyCode.Z);
        StudioFixture.await("undo stored take 2 again", () -> keyframe(twoTakes).take() == 2);
        assertEquals(takeUrl(twoTakes, 2), keyframe(twoTakes).imageUrl());
        assertEquals(2, k.takeProperty().get());
        assertTrue(robot.lookup("#take-2").query().getStyleClass().contains(Theme.SELECTED));
        StudioFixture.await("up to date again: the rendered take is back", () -> count() == 0);
        assertFalse(scene.clipStaleProperty().get());
    }

    @Test
    void aCharactersTakeIsChosenInItsStripAndUndone(FxRobot robot) {
        openFerry();
        assertEquals(2, character(elena).take());
        StudioFixture.fx(() -> fx.window.selectView(2));
        robot.clickOn("#character-card-" + elena);
        StudioFixture.await(
                "Elena selected",
                () -> fx.window.viewModel().characters().selectedProperty().get() != null
                        && fx.window
                                        .viewModel()
                                        .characters()
                                        .selectedProperty()
                                        .get()
                                        .id()
                                == elena);
        HBox strip = robot.lookup("#character-take-strip").queryAs(HBox.class);
        StudioFixture.await("her two takes", () -> strip.getChildren().size() == 2);
        assertTrue(robot.lookup("#character-take-2").query().getStyleClass().contains(Theme.SELECTED));

        robot.clickOn("#character-take-1");
        StudioFixture.await("take 1 stored as current", () -> character(elena).take() == 1);
        assertTrue(robot.lookup("#character-take-1").query().getStyleClass().contains(Theme.SELECTED));
        // The offline engine draws keyframes from her look, not from her sheet: her other take leaves them, their
        // clips and the final video as they are (an engine drawing from reference images would find them stale).
        assertEquals(0, stalenessOf(ferry), "nothing else to render for another take of her sheet");

        shortcut(robot, KeyCode.Z);
        StudioFixture.await("undo stored take 2 again", () -> character(elena).take() == 2);
        assertTrue(robot.lookup("#character-take-2").query().getStyleClass().contains(Theme.SELECTED));
        assertEquals(0, stalenessOf(ferry));
    }

    private static ai.cinboard.domain.Character character(int id) {
        return demo.read(s -> s.getMapper(ai.cinboard.persistence.mapper.CharacterMapper.class)
                .findById(id));
    }

    @Test
    void renderChangesCountsTheEditAndGoesToZeroWhenRun(FxRobot robot) throws Exception {
        openFerry();
        assertEquals(0, count());
        Button render = robot.lookup("#render-changes").queryButton();
        assertEquals("Render changes (0)", render.getText());
        assertTrue(render.isDisabled(), "nothing to render");

        KeyframeItem k = clickThumbnail(robot, 1);
        String imageBefore = keyframe(k.id()).imageUrl();
        int finalsBefore = finalVideos().size();
        editDescription(robot, k, "Close on the ferry's bell, swinging.");
        StudioFixture.await("the edit is counted", () -> count() > 0);
        // The edited keyframe, its scene's clip and the final video; the voiceover reads the script, not this.
        assertEquals(3, count());
        assertEquals(stalenessOf(ferry), count(), "the count is the service's");
        assertEquals("Render changes (3)", render.getText());
        assertFalse(render.isDisabled());
        assertTrue(k.staleProperty().get(), "the keyframe is marked stale");
        Node badge = robot.from(cellOf(robot, fx.window.viewModel().storyboard().selectedScene()))
                .lookup("." + Theme.STALE)
                .match(Node::isVisible)
                .query();
        assertNotNull(badge, "a stale badge on the storyboard");
        StudioFixture.fx(() -> fx.window.selectView(3));
        assertTrue(robot.lookup("#final-video-state")
                .queryAs(Label.class)
                .getText()
                .startsWith("Final video stale"));
        fx.settle();
        StudioFixture.screenshot(fx.stage.getScene(), "timeline-stale.png");
        StudioFixture.fx(() -> fx.window.selectView(1));
        fx.settle();
        StudioFixture.screenshot(fx.stage.getScene(), "storyboard-stale.png");

        List<JobInfo> earlier = demo.jobs.listJobs();
        robot.clickOn(render);
        assertTrue(fx.window.viewModel().renderChanges().runningProperty().get(), "the click starts the job");
        awaitJobDone(earlier); // a render takes long on a loaded machine: the job's own state first
        StudioFixture.await(
                "rendered",
                () -> !fx.window.viewModel().renderChanges().runningProperty().get());
        StudioFixture.await("nothing left to render", () -> count() == 0);
        JobInfo job = demo.jobs.listJobs().stream()
                .filter(j -> j.title().equals("Render changes"))
                .findFirst()
                .orElseThrow();
        assertEquals(PhaseStatus.COMPLETED, job.status());
        assertEquals("Render changes (0)", render.getText());
        assertTrue(render.isDisabled());
        assertFalse(k.staleProperty().get());
        assertNotEquals(imageBefore, keyframe(k.id()).imageUrl(), "the edited keyframe was drawn again");
        assertEquals(finalsBefore + 1, finalVideos().size(), "the final video was recomposed");
        assertEquals(0, stalenessOf(ferry));
        StudioFixture.fx(() -> fx.window.selectView(3));
        assertEquals(
                "Final video up to date: Play shows it",
                robot.lookup("#final-video-state").queryAs(Label.class).getText());
    }

    @Test
    void exportingAStaleMp4OffersToRenderTheChangesFirst(FxRobot robot) throws Exception {
        openFerry();
        KeyframeItem k = clickThumbnail(robot, 2);
        editDescription(robot, k, "The harbour lights go out one by one.");
        StudioFixture.await("stale", () -> count() > 0);
        Path target = demo.home.resolve("exported/stale.mp4");
        Files.createDirectories(target.getParent());
        fx.window.setExportTarget(name -> target);
        int finalsBefore = finalVideos().size();

        shortcut(robot, KeyCode.E);
        StudioFixture.await(
                "the offer",
                () -> fx.window.renderChangesOffer() != null
                        && fx.window.renderChangesOffer().alert().isShowing());
        assertEquals(
                count() + " changes are not rendered yet",
                fx.window.renderChangesOffer().alert().getHeaderText());
        assertFalse(Files.exists(target), "nothing is exported before the answer");
        fx.settle();
        StudioFixture.screenshot(
                fx.window.renderChangesOffer().alert().getDialogPane().getScene(), "export-offer.png");

        List<JobInfo> earlier = demo.jobs.listJobs();
        robot.clickOn("#offer-render-first");
        awaitJobDone(earlier); // the render changes job
        StudioFixture.await("exported", () -> notification(robot).startsWith("Exported stale.mp4"));
        assertEquals(0, stalenessOf(ferry), "the changes were rendered first");
        StudioFixture.await("the count follows", () -> count() == 0);
        List<FinalVideo> finals = finalVideos();
        assertEquals(finalsBefore + 1, finals.size(), "a new final video with the edit");
        FinalVideo latest =
                finals.stream().max(Comparator.comparing(FinalVideo::id)).orElseThrow();
        assertNotNull(latest.deliveredAt(), "the exported MP4 is the new final video");
        assertTrue(Files.size(target) > 10_000);
    }

    @Test
    void theExportDialogOffersToRenderTheChangesBeforeAnEdl(FxRobot robot) throws Exception {
        openFerry();
        KeyframeItem k = clickThumbnail(robot, 1);
        editDescription(robot, k, "The gulls rise over the ferry's wake.");
        StudioFixture.await("stale", () -> count() > 0);
        Path target = demo.home.resolve("exported/stale.edl");
        Files.createDirectories(target.getParent());
        fx.window.setExportTarget(name -> target);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.E);
        robot.release(KeyCode.E, KeyCode.SHIFT, KeyCode.CONTROL);
        StudioFixture.await(
                "export dialog", () -> robot.lookup("#export-start").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        javafx.scene.control.ChoiceBox<ai.cinboard.service.ExportService.Format> format =
                robot.lookup("#export-format").queryAs(javafx.scene.control.ChoiceBox.class);
        StudioFixture.fx(() -> format.getSelectionModel()
                .select(format.getItems().stream()
                        .filter(f -> f.id().equals("edl"))
                        .findFirst()
                        .orElseThrow()));
        robot.clickOn("#export-start");
        // an EDL cuts at the last render's lengths: the same offer as the MP4's, not a silent stale export
        StudioFixture.await(
                "the offer",
                () -> fx.window.renderChangesOffer() != null
                        && fx.window.renderChangesOffer().alert().isShowing());
        assertEquals("Export EDL", fx.window.renderChangesOffer().alert().getTitle());
        assertFalse(Files.exists(target), "nothing is exported before the answer");

        List<JobInfo> earlier = demo.jobs.listJobs();
        robot.clickOn("#offer-render-first");
        awaitJobDone(earlier); // the render changes job
        StudioFixture.await("exported", () -> Files.exists(target));
        assertEquals(0, stalenessOf(ferry), "the changes were rendered first");
        StudioFixture.await("the count follows", () -> count() == 0);
    }

    @Test
    void cancellingTheOfferExportsNothing(FxRobot robot) throws Exception {
        openFerry();
        KeyframeItem k = clickThumbnail(robot, 3);
        editDescription(robot, k, "Elena's hand on the cold rail.");
        StudioFixture.await("stale", () -> count() > 0);
        int stale = count();
        Path target = demo.home.resolve("exported/cancelled.mp4");
        Files.createDirectories(target.getParent());
        fx.window.setExportTarget(name -> target);
        shortcut(robot, KeyCode.E);
        StudioFixture.await(
                "the offer",
                () -> fx.window.renderChangesOffer() != null
                        && fx.window.renderChangesOffer().alert().isShowing());
        robot.clickOn("#offer-cancel");
        StudioFixture.await(
                "closed", () -> !fx.window.renderChangesOffer().alert().isShowing());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(Files.exists(target));
        assertEquals(stale, count(), "nothing was rendered");
        // Leave the project up to date for the next test.
        List<JobInfo> earlier = demo.jobs.listJobs();
        robot.clickOn("#render-changes");
        awaitJobDone(earlier);
        StudioFixture.await(
                "rendered",
                () -> count() == 0
                        && !fx.window
                                .viewModel()
                                .renderChanges()
                                .runningProperty()
                                .get());
    }

    /**
     * Waits until the job the window submitted is listed, then until it completed. Listed means a job id not in
     * {@code earlier}: the list's size says nothing, because a project's "earlier session" entry leaves the list
     * when its first live job arrives.
     */
    private static void awaitJobDone(List<JobInfo> earlier) {
        java.util.Set<String> known = earlier.stream().map(JobInfo::jobId).collect(java.util.stream.Collectors.toSet());
        StudioFixture.await(
                "job submitted", () -> demo.jobs.listJobs().stream().anyMatch(j -> !known.contains(j.jobId())));
        demo.awaitJobsCompleted(earlier);
    }

    private Node cellOf(FxRobot robot, SceneRow row) {
        return robot.from(fx.window.storyboard().list())
                .lookup(".list-cell")
                .match(n -> ((ListCell<?>) n).getItem() == row)
                .query();
    }

    private static List<FinalVideo> finalVideos() {
        return demo.read(s -> s.getMapper(FinalVideoMapper.class).listByInputRecord(ferry));
    }
}
