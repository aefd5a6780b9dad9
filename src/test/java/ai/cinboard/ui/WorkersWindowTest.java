package ai.cinboard.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.Keyframe;
import ai.cinboard.domain.Phase;
import ai.cinboard.pipeline.GenerationJobs;
import ai.cinboard.pipeline.PhaseListener;
import ai.cinboard.pipeline.RenderPipeline;
import ai.cinboard.pipeline.RenderQueue;
import ai.cinboard.pipeline.RenderSettings;
import ai.cinboard.service.JobInfo;
import ai.cinboard.service.JobPhase;
import ai.cinboard.testing.TestStudios;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * "Render on workers" in the window, on the real stack: a studio whose generation service has the team's render
 * queue (PostgreSQL as a team's server would be; media on this disk, which the studio and its in-process worker
 * share) and one worker online. With the worker online the choice is on by default; Render changes queues the
 * edit's units, the worker renders them, and the Jobs view names the worker on each phase.
 */
@ExtendWith(ApplicationExtension.class)
class WorkersWindowTest {
    static {
        StudioFixture.preferNativeText();
    }

    private static Path home;
    private static Studio studio;
    private static RenderQueue queue;
    private static RenderQueue.Worker worker;
    private static GenerationJobs jobs;
    private static StudioServices services;
    private static int project;
    private final StudioFixture fx = new StudioFixture(services);

    @BeforeAll
    static void aStudioWithAWorker() {
        home = TestStudios.tempHome();
        studio = TestStudios.open(home);
        RenderSettings settings = new RenderSettings(320, 180, 12, 3, home.resolve("work"), 2);
        RenderPipeline pipeline = studio.render(settings);
        project = TestStudios.intake(studio, "harbour4.fountain");
        studio.renderHere(settings, project, PhaseListener.NONE);
        queue = new RenderQueue(studio.database(), pipeline);
        jobs = new GenerationJobs(
                studio.database(), () -> pipeline, 1, studio.renderWatch(), true, queue, studio.localRenders(settings));
        services = studio.services(jobs);
        worker = queue.startWorker(
                new RenderQueue.WorkerSettings("render-box", 1, Duration.ofMillis(500), Duration.ofMillis(200)),
                PhaseListener.NONE,
                line -> System.out.println("render-box: " + line)); // in the test log, for when it fails
    }

    @AfterAll
    static void close() throws Exception {
        worker.close();
        jobs.close();
        studio.close();
    }

    @Start
    void start(Stage stage) {
        fx.start(stage, 1280, 800);
    }

    @AfterEach
    void stop() {
        fx.stop();
    }

    @Test
    void renderChangesGoToTheOnlineWorkerAndTheJobsViewNamesIt(FxRobot robot) throws Exception {
        Keyframe edited = new ai.cinboard.persistence.ProjectRepository(studio.database())
                .load(project)
                .orElseThrow()
                .keyframes()
                .get(4);
        studio.projectEdits(studio.localUserId())
                .updateKeyframe(edited.id(), "Tomas waves the paper bag at the ferry.", edited.timingSeconds());

        StudioFixture.await(
                "library",
                () -> fx.window.viewModel().library().items().stream().anyMatch(p -> p.id() == project));
        robot.clickOn("Four Short Scenes");
        StudioFixture.await(
                "selected",
                () -> fx.window.viewModel().library().selectedProperty().get() != null);
        robot.type(KeyCode.ENTER);
        StudioFixture.await(
                "project open",
                () -> Integer.valueOf(project)
                        .equals(fx.window.viewModel().model().projectId()));

        CheckBox onWorkers = robot.lookup("#render-on-workers").queryAs(CheckBox.class);
        StudioFixture.await("team mode, worker online", () -> onWorkers.isVisible() && onWorkers.isSelected());
        assertEquals("Workers online: render-box", onWorkers.getTooltip().getText());
        Button render = robot.lookup("#render-changes").queryAs(Button.class);
        StudioFixture.await("the edit is stale", () -> !render.isDisabled());
        StudioFixture.screenshot(fx.stage.getScene(), "render-on-workers.png");

        robot.clickOn(render);
        Label notification = robot.lookup("#notification").queryAs(Label.class);
        StudioFixture.await("queued", () -> notification.getText().startsWith("Queued "));
        assertTrue(notification.getText().contains("render-box is online"), notification.getText());

        var jobsVm = fx.window.viewModel().jobs();
        StudioFixture.await(
                "the worker's render in the jobs",
                () -> jobsVm.jobs().stream()
                        .filter(j -> j.projectId() == project)
                        .flatMap(j -> j.phases().stream())
                        .anyMatch(p -> p.phase() == Phase.COMPOSITION
                                && p.status() == ai.cinboard.domain.PhaseStatus.COMPLETED
                                && "render-box".equals(p.worker())
                                && !p.elapsed().isZero()));
        JobInfo render2 = jobsVm.jobs().stream()
                .filter(j -> j.projectId() == project)
                .findFirst()
                .orElseThrow();
        JobPhase keyframes = render2.phases().stream()
                .filter(p -> p.phase() == Phase.KEYFRAMES)
                .findFirst()
                .orElseThrow();
        assertEquals("render-box", keyframes.worker(), render2.toString());
        StudioFixture.fx(() -> fx.window.selectView(4));
        robot.clickOn("Render Four Short Scenes");
        robot.type(KeyCode.RIGHT); // expands the render to its phases
        StudioFixture.await(
                "the phases name the worker",
                () -> robot.lookup(".tree-table-cell").queryAll().stream()
                        .anyMatch(n -> n instanceof javafx.scene.control.TreeTableCell<?, ?> c
                                && "Keyframes · on render-box".equals(c.getItem())));
        StudioFixture.screenshot(fx.stage.getScene(), "jobs-on-workers.png");
        StudioFixture.await("nothing stale", () -> render.isDisabled());
    }
}
