package ai.cinboard.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.Studio;
import ai.cinboard.cache.InProcessCache;
import ai.cinboard.pipeline.GenerationJobs;
import ai.cinboard.service.account.AccountService;
import ai.cinboard.testing.TestStudios;
import ai.cinboard.ui.task.CurrentThreadTaskExecutor;
import ai.cinboard.ui.view.LoginView;
import ai.cinboard.ui.viewmodel.LoginViewModel;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The health line in the status bar and the System status view on a real studio, and the team sign-in
 * screen; writes PNGs of them to target/screenshots.
 */
@ExtendWith(ApplicationExtension.class)
class SystemStatusWindowTest {
    private static Studio studio;
    private static GenerationJobs jobs;
    private static StudioServices services;
    private final StudioFixture fx = new StudioFixture(services);

    @BeforeAll
    static void openStudio() {
        studio = TestStudios.open(TestStudios.tempHome());
        jobs = studio.jobs();
        services = studio.services(jobs);
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

    private static void write(Scene scene, String name) throws Exception {
        Path dir = Path.of(System.getProperty("cinboard.test.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        AtomicReference<WritableImage> img = new AtomicReference<>();
        WaitForAsyncUtils.waitForAsyncFx(StudioFixture.EVENT_BOUND_MS, () -> img.set(scene.snapshot(null)));
        ImageIO.write(
                SwingFXUtils.fromFXImage(img.get(), null),
                "png",
                new File(dir.resolve(name).toString()));
    }

    @Test
    void healthInTheStatusBarAndTheSystemStatusView() throws Exception {
        Label health = (Label) fx.window.root().lookup("#status-health");
        StudioFixture.await("health checked", () -> health.getText().contains("database ok"));
        assertEquals("database ok · cache ok · media ok · disk ok", health.getText());
        write(fx.window.root().getScene(), "window-health.png");

        StudioFixture.fx(() -> fx.window.showSystemStatus());
        AtomicReference<Stage> dialog = new AtomicReference<>();
        StudioFixture.await("system status dialog", () -> {
            for (Window w : Window.getWindows()) {
                if (w instanceof Stage s && "System status".equals(s.getTitle())) dialog.set(s);
            }
            return dialog.get() != null
                    && !((TableView<?>) dialog.get().getScene().lookup("#system-status-table"))
                            .getItems()
                            .isEmpty();
        });
        TableView<?> table = (TableView<?>) dialog.get().getScene().lookup("#system-status-table");
        String text = table.getItems().toString();
        assertTrue(text.contains("section=Connection pool, name=in use"), text);
        assertTrue(text.contains("section=Rows, name=users, value=1"), text);
        write(dialog.get().getScene(), "system-status.png");
        StudioFixture.fx(() -> dialog.get().close());
    }

    @Test
    void theSignInScreenShowsARefusal() throws Exception {
        AccountService accounts = new AccountService(studio.database(), new InProcessCache());
        accounts.register("lee@example.com", "Lee", "Park", "a long enough password".toCharArray());
        LoginViewModel vm = new LoginViewModel(accounts, new CurrentThreadTaskExecutor(), s -> {});
        AtomicReference<Scene> scene = new AtomicReference<>();
        StudioFixture.fx(() -> {
            scene.set(new LoginView(vm, false).scene());
            Stage stage = new Stage();
            stage.setScene(scene.get());
            stage.show();
            vm.emailProperty().set("lee@example.com");
            vm.passwordProperty().set("not the password");
            vm.signIn();
        });
        Label error = (Label) scene.get().lookup("#login-error");
        assertEquals(AccountService.BAD_CREDENTIALS, error.getText());
        write(scene.get(), "sign-in.png");
        StudioFixture.fx(() -> scene.get().getWindow().hide());
    }
}
