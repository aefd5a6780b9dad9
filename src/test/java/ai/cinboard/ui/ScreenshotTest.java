package ai.cinboard.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.service.ConnectionPart;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Writes a PNG of every main view, populated with the demo project, to target/screenshots. */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTest {
    static {
        StudioFixture.preferNativeText();
    }

    static final String[] NAMES = {"library", "storyboard", "characters", "timeline", "jobs", "settings"};
    /** The real stack: PostgreSQL, local media, the offline engine; two projects rendered before the window opens. */
    private static RenderedStudio demo;

    private static int ferry;
    private final StudioFixture fx = new StudioFixture(demo.services);

    @BeforeAll
    static void renderDemoProjects() {
        demo = new RenderedStudio(640, 360);
        demo.render("tsuki.txt");
        ferry = demo.render("ferry.fountain");
        // Two finished jobs for the jobs view: a keyframe and a scene regenerated through the real executor.
        var project = demo.services.projects().loadProject(ferry);
        demo.jobs.regenerateKeyframe(project.keyframes().get(0).id());
        demo.jobs.regenerateScene(project.scenes().get(1).id());
        demo.awaitJobsCompleted(List.of());
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
        fx.stop();
    }

    @Test
    void writesAScreenshotOfEveryView() throws Exception {
        Path dir = Path.of(System.getProperty("cinboard.test.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        StudioFixture.await(
                "library", () -> fx.window.viewModel().library().items().size() == 2);
        fx.settle();
        shoot(0, dir);

        StudioFixture.fx(() -> fx.window.viewModel().openProject(ferry));
        StudioFixture.await(
                "project", () -> fx.window.viewModel().model().scenes().size() == 2);
        StudioFixture.fx(() -> {
            var sb = fx.window.viewModel().storyboard();
            sb.selectedProperty()
                    .set(fx.window
                            .viewModel()
                            .model()
                            .scenes()
                            .get(1)
                            .keyframes()
                            .get(1));
        });
        fx.settle();
        shoot(1, dir);

        StudioFixture.fx(() -> fx.window
                .viewModel()
                .characters()
                .selectedProperty()
                .set(fx.window.viewModel().model().characters().get(0)));
        fx.settle();
        shoot(2, dir);

        StudioFixture.fx(() -> {
            fx.window.selectView(3);
            fx.window.viewModel().timeline().seek(5.5);
        });
        StudioFixture.await(
                "frame", () -> fx.window.viewModel().timeline().frameProperty().get() != null);
        fx.settle();
        shoot(3, dir);

        StudioFixture.fx(() -> fx.window
                .jobs()
                .table()
                .getSelectionModel()
                .select(fx.window.jobs().table().getRoot().getChildren().get(1)));
        shoot(4, dir);

        StudioFixture.fx(() -> {
            fx.window.viewModel().settings().test(ConnectionPart.TEXT_ENGINE);
            fx.window.viewModel().settings().test(ConnectionPart.IMAGE_ENGINE);
            fx.window.viewModel().settings().test(ConnectionPart.DATABASE);
        });
        StudioFixture.await(
                "test results",
                () -> !fx.window
                                .viewModel()
                                .settings()
                                .testingProperty(ConnectionPart.DATABASE)
                                .get()
                        && !fx.window
                                .viewModel()
                                .settings()
                                .testingProperty(ConnectionPart.IMAGE_ENGINE)
                                .get());
        shoot(5, dir);

        StudioFixture.fx(() -> fx.window.setDark(true));
        for (int tab : new int[] {1, 2, 5}) { // the dark theme, on the views with the most kinds of controls
            StudioFixture.fx(() -> fx.window.selectView(tab));
            fx.settle();
            write(dir.resolve(NAMES[tab] + "-dark.png"));
        }
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
        WaitForAsyncUtils.waitForAsyncFx(
                StudioFixture.EVENT_BOUND_MS,
                () -> img.set(fx.window.root().getScene().snapshot(null)));
        BufferedImage b = SwingFXUtils.fromFXImage(img.get(), null);
        ImageIO.write(b, "png", new File(file.toString()));
    }
}
