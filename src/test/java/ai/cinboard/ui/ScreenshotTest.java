package ai.cinboard.ui;

import ai.cinboard.service.ConnectionPart;
import ai.cinboard.app.Studio;
import ai.cinboard.pipeline.GenerationJobs;
import ai.cinboard.pipeline.PhaseListener;
import ai.cinboard.pipeline.RenderPlan;
import ai.cinboard.pipeline.RenderSettings;
import ai.cinboard.pipeline.StoryInput;
import ai.cinboard.testing.TestStudios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writes a PNG of every main view, populated with the demo project, to target/screenshots. */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTest {
    static {
        StudioFixture.preferNativeText();
    }
    static final String[] NAMES = {"library", "storyboard", "characters", "timeline", "jobs", "settings"};
    /** The real stack: PostgreSQL, local media, the offline engine; two projects rendered before the window opens. */
    private static Studio studio;
    private static GenerationJobs jobs;
    private static StudioServices services;
    private static int ferry;
    private final StudioFixture fx = new StudioFixture(services);

    @BeforeAll
    static void renderDemoProjects() throws Exception {
        Path home = TestStudios.tempHome();
        studio = TestStudios.open(home);
        RenderSettings settings = new RenderSettings(640, 360, 12, 3, home.resolve("work"), 2);
        int tsuki = studio.intake().run(new StoryInput(TestStudios.story("tsuki.txt"), "tsuki.txt",
                studio.localUserId(), null, null, "test"), PhaseListener.NONE).inputRecordId();
        studio.render(settings).run(tsuki, RenderPlan.MISSING_ONLY, PhaseListener.NONE);
        ferry = studio.intake().run(new StoryInput(TestStudios.story("ferry.fountain"), "ferry.fountain",
                studio.localUserId(), null, null, "test"), PhaseListener.NONE).inputRecordId();
        studio.render(settings).run(ferry, RenderPlan.MISSING_ONLY, PhaseListener.NONE);
        jobs = new GenerationJobs(studio.database(), () -> studio.render(settings), 1);
        services = studio.services(jobs);
        // Two finished jobs for the jobs view: a keyframe and a scene regenerated through the real executor.
        var project = services.projects().loadProject(ferry);
        String first = jobs.regenerateKeyframe(project.keyframes().get(0).id());
        String second = jobs.regenerateScene(project.scenes().get(1).id());
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(3);
        while (jobs.listJobs().stream().anyMatch(j -> !j.status().isFinished()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(jobs.listJobs().stream().allMatch(j -> j.status() == ai.cinboard.domain.PhaseStatus.COMPLETED),
                jobs.listJobs().toString() + first + second);
    }

    @AfterAll
    static void closeStudio() {
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
    void writesAScreenshotOfEveryView() throws Exception {
        Path dir = Path.of(System.getProperty("cinboard.test.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        StudioFixture.await("library", () -> fx.window.viewModel().library().items().size() == 2);
        fx.settle();
        shoot(0, dir);

        StudioFixture.fx(() -> fx.window.viewModel().openProject(ferry));
        StudioFixture.await("project", () -> fx.window.viewModel().model().scenes().size() == 2);
        StudioFixture.fx(() -> {
            var sb = fx.window.viewModel().storyboard();
            sb.selectedProperty().set(fx.window.viewModel().model().scenes().get(1).keyframes().get(1));
        });
        fx.settle();
        shoot(1, dir);

        StudioFixture.fx(() -> fx.window.viewModel().characters().selectedProperty()
                .set(fx.window.viewModel().model().characters().get(0)));
        fx.settle();
        shoot(2, dir);

        StudioFixture.fx(() -> { fx.window.selectView(3); fx.window.viewModel().timeline().seek(5.5); });
        StudioFixture.await("frame", () -> fx.window.viewModel().timeline().frameProperty().get() != null);
        fx.settle();
        shoot(3, dir);

        StudioFixture.fx(() -> fx.window.jobs().table().getSelectionModel().select(
                fx.window.jobs().table().getRoot().getChildren().get(1)));
        shoot(4, dir);

        StudioFixture.fx(() -> {
            fx.window.viewModel().settings().test(ConnectionPart.TEXT_ENGINE);
            fx.window.viewModel().settings().test(ConnectionPart.IMAGE_ENGINE);
            fx.window.viewModel().settings().test(ConnectionPart.DATABASE);
        });
        StudioFixture.await("test results", () -> !fx.window.viewModel().settings().testingProperty(ConnectionPart.DATABASE).get()
                && !fx.window.viewModel().settings().testingProperty(ConnectionPart.IMAGE_ENGINE).get());
        shoot(5, dir);

        StudioFixture.fx(() -> { fx.window.setDark(true); fx.window.selectView(1); });
        fx.settle();
        write(dir.resolve("storyboard-dark.png"));
        for (String n : NAMES) {
            assertTrue(Files.size(dir.resolve(n + ".png")) > 10_000, n + ".png is too small to be a populated view");
        }
    }

    private void shoot(int tab, Path dir) throws Exception {
        StudioFixture.fx(() -> fx.window.selectView(tab));
        fx.settle();
        write(dir.resolve(NAMES[tab] + ".png"));
    }

    private void write(Path file) throws Exception {
        AtomicReference<WritableImage> img = new AtomicReference<>();
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> img.set(fx.window.root().getScene().snapshot(null)));
        BufferedImage b = SwingFXUtils.fromFXImage(img.get(), null);
        ImageIO.write(b, "png", new File(file.toString()));
    }
}
