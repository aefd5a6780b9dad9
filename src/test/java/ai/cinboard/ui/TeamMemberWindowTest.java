package ai.cinboard.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.Studio;
import ai.cinboard.pipeline.GenerationJobs;
import ai.cinboard.pipeline.PhaseListener;
import ai.cinboard.pipeline.StoryInput;
import ai.cinboard.service.account.AccountService;
import ai.cinboard.service.account.Session;
import ai.cinboard.testing.TestStudios;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The window as a team member who signed in with an unverified email: they may open and edit their project,
 * but the export path (AccountService.requireVerified) refuses to export it, and nothing is written.
 */
@ExtendWith(ApplicationExtension.class)
class TeamMemberWindowTest {
    private static final String STORY = "The ferry left the harbour at dawn. Mira counted the gulls.";
    private static Path home;
    private static Studio studio;
    private static GenerationJobs jobs;
    private static StudioServices services;
    private static int project;
    private final StudioFixture fx = new StudioFixture(services);

    @BeforeAll
    static void signInUnverified() {
        home = TestStudios.tempHome();
        studio = TestStudios.open(home);
        jobs = studio.jobs();
        AccountService accounts = new AccountService(studio.database(), studio.cache());
        accounts.register("noa@example.com", "Noa", "Ito", "a long enough password".toCharArray());
        Session session = accounts.login("noa@example.com", "a long enough password".toCharArray(), "test");
        assertFalse(session.verified());
        project = studio.intake()
                .run(
                        new StoryInput(
                                STORY.getBytes(StandardCharsets.UTF_8),
                                "harbour.txt",
                                session.userId(),
                                null,
                                null,
                                "test"),
                        PhaseListener.NONE)
                .projectId();
        services = studio.services(jobs, session);
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

    private String notification(FxRobot robot) {
        return robot.lookup("#notification").queryAs(Label.class).getText();
    }

    @Test
    void anUnverifiedMemberCannotExportFromTheWindow(FxRobot robot) throws Exception {
        StudioFixture.await(
                "library",
                () -> fx.window.viewModel().library().items().stream().anyMatch(p -> p.id() == project));
        // Opened through the view model: what this test is about is the export, not the library's clicks.
        StudioFixture.fx(() -> fx.window.viewModel().openProject(project));
        StudioFixture.await(
                "project",
                () -> Integer.valueOf(project)
                                .equals(fx.window.viewModel().model().projectId())
                        || notification(robot).startsWith("Opening"));
        assertTrue(Integer.valueOf(project).equals(fx.window.viewModel().model().projectId()), notification(robot));
        Path target = home.resolve("exported/shots.csv");
        fx.window.setExportTarget(name -> target);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.E);
        robot.release(KeyCode.E, KeyCode.SHIFT, KeyCode.CONTROL);
        StudioFixture.await(
                "export dialog", () -> robot.lookup("#export-start").tryQuery().isPresent());
        // The storyboard CSV: no render needed, so the export goes straight to the gate.
        @SuppressWarnings("unchecked")
        javafx.scene.control.ChoiceBox<ai.cinboard.service.ExportService.Format> format =
                robot.lookup("#export-format").queryAs(javafx.scene.control.ChoiceBox.class);
        StudioFixture.fx(() -> format.getSelectionModel()
                .select(format.getItems().stream()
                        .filter(f -> f.id().equals("csv"))
                        .findFirst()
                        .orElseThrow()));
        robot.clickOn("#export-start");
        StudioFixture.await("refusal", () -> notification(robot).contains("Exporting needs a verified email"));
        assertTrue(notification(robot).contains("verify noa@example.com"), notification(robot));
        assertFalse(Files.exists(target), "nothing was written");
    }

    /** Another studio on the shared database: its own in-process cache, so only the database tells. */
    private static AccountService otherStudio() {
        return new AccountService(studio.database(), new ai.cinboard.cache.InProcessCache());
    }

    private Session memberSignedIn(String email) {
        AccountService accounts = new AccountService(studio.database(), studio.cache());
        accounts.register(email, "Kai", "Sato", "a long enough password".toCharArray());
        Session session = accounts.login(email, "a long enough password".toCharArray(), "test");
        java.util.List<String> ended = new java.util.concurrent.CopyOnWriteArrayList<>();
        // Checked every 50 ms here instead of every 30 s: the test waits on the window, it never sleeps.
        StudioFixture.fx(() -> fx.window.watchSession(
                () -> accounts.ended(session), java.time.Duration.ofMillis(50), fx.executor, ended::add));
        return session;
    }

    @Test
    void signingOutEverywhereFromAnotherStudioEndsTheOpenWindowsSession(FxRobot robot) {
        memberSignedIn("kai@example.com");
        assertFalse(fx.window.sessionEndedProperty().get());
        otherStudio().logoutEverywhere("kai@example.com");
        StudioFixture.await(
                "session ended", () -> fx.window.sessionEndedProperty().get());
        assertTrue(notification(robot).contains("You were signed out everywhere"), notification(robot));
        assertTrue(fx.window.tabs().isDisabled(), "the window takes no more input");
    }

    @Test
    void deactivationEndsTheOpenWindowsSession(FxRobot robot) {
        memberSignedIn("lee@example.com");
        otherStudio().deactivate("lee@example.com");
        StudioFixture.await(
                "session ended", () -> fx.window.sessionEndedProperty().get());
        assertTrue(notification(robot).contains("lee@example.com was deactivated"), notification(robot));
        assertTrue(fx.window.tabs().isDisabled());
    }
}
