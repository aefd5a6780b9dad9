package ai.cinboard.ui;

import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.ui.demo.InMemoryStudio;
import ai.cinboard.ui.view.Theme;
import ai.cinboard.ui.viewmodel.KeyframeItem;
import ai.cinboard.ui.viewmodel.SceneRow;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeItem;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.math.BigDecimal;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives each view through its main actions with TestFX (headless Monocle) on the demo services. */
@ExtendWith(ApplicationExtension.class)
class StudioWindowTest {
    static {
        StudioFixture.preferNativeText();
    }

    private final InMemoryStudio studio = new InMemoryStudio();
    private final StudioFixture fx = new StudioFixture(studio.services());

    @Start
    void start(Stage stage) {
        fx.start(stage, 1280, 800);
    }

    @AfterEach
    void stop() {
        fx.stop();
    }

    private void openDemo(FxRobot robot) {
        StudioFixture.await("library", () -> fx.window.viewModel().library().items().size() == 4);
        robot.doubleClickOn("The Lighthouse Keeper");
        StudioFixture.await("project", () -> fx.window.viewModel().model().scenes().size() == 8);
        assertEquals(1, fx.window.tabs().getSelectionModel().getSelectedIndex(), "opening switches to the storyboard");
    }

    @Test
    void storyboardEditLockUndoRedoWithShortcuts(FxRobot robot) {
        openDemo(robot);
        fx.settle();
        robot.clickOn(robot.from(fx.window.storyboard().list()).lookup("." + Theme.THUMB).nth(1).queryAs(Region.class));
        KeyframeItem k = fx.window.viewModel().storyboard().selectedProperty().get();
        assertNotNull(k);
        String before = k.descriptionProperty().get();
        TextArea description = robot.lookup("#keyframe-description").queryAs(TextArea.class);
        robot.clickOn(description).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("Tight on the compass.");
        robot.clickOn("#apply-edit");
        assertEquals("Tight on the compass.", k.descriptionProperty().get());
        assertTrue(studio.calls.stream().anyMatch(c -> c.startsWith("updateKeyframe " + k.id())));
        robot.clickOn("#toggle-lock");
        assertTrue(k.lockedProperty().get());
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        StudioFixture.await("unlock undone", () -> !k.lockedProperty().get());
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        StudioFixture.await("edit undone", () -> k.descriptionProperty().get().equals(before));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        StudioFixture.await("edit redone", () -> k.descriptionProperty().get().equals("Tight on the compass."));
        robot.clickOn("#regenerate-scene");
        StudioFixture.await("job", () -> studio.calls.stream().anyMatch(c -> c.startsWith("regenerateScene")));
        StudioFixture.await("notification", () -> robot.lookup("#notification").queryAs(Label.class).getText().startsWith("Regenerating scene"));
    }

    @Test
    void charactersEditAsksAboutKeyframes(FxRobot robot) {
        openDemo(robot);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        StudioFixture.await("characters tab", () -> fx.window.tabs().getSelectionModel().getSelectedIndex() == 2);
        var tomas = fx.window.viewModel().characters().characters().get(1);
        robot.clickOn("#character-card-" + tomas.id());
        assertEquals(tomas, fx.window.viewModel().characters().selectedProperty().get());
        robot.clickOn("#character-description").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .write("The old keeper, now with a red scarf.");
        robot.clickOn("#save-character");
        robot.clickOn("Also regenerate keyframes");
        StudioFixture.await("regenerated", () -> studio.calls.contains("regenerateCharacter " + tomas.id() + " true"));
        assertEquals("The old keeper, now with a red scarf.", tomas.descriptionProperty().get());
        fx.window.characters().setAsker(c -> Optional.empty()); // cancel: nothing happens
        robot.clickOn("#character-description").write(" Tall.");
        robot.clickOn("#save-character");
        assertEquals("The old keeper, now with a red scarf.", tomas.descriptionProperty().get());
    }

    @Test
    void timelineScrubPlayZoomAndTrim(FxRobot robot) {
        openDemo(robot);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        var tl = fx.window.viewModel().timeline();
        Region tracks = robot.lookup("#timeline-tracks").queryAs(Region.class);
        robot.moveTo(tracks).moveBy(-tracks.getWidth() / 2 + 300, 0).clickOn();
        StudioFixture.await("scrub", () -> Math.abs(tl.playheadProperty().get() - 300 / tl.zoomProperty().get()) < 0.2);
        StudioFixture.await("frame", () -> tl.frameProperty().get() != null);
        double zoom = tl.zoomProperty().get();
        robot.clickOn("#zoom-in");
        assertTrue(tl.zoomProperty().get() > zoom);
        robot.clickOn("#zoom-out");
        assertEquals(zoom, tl.zoomProperty().get(), 1e-9);
        SceneRow first = fx.window.viewModel().model().scenes().get(0);
        BigDecimal before = first.durationProperty().get();
        robot.drag("#trim-handle-0").dropBy(40, 0);
        StudioFixture.await("trimmed", () -> first.durationProperty().get().compareTo(before) > 0);
        assertTrue(studio.calls.stream().anyMatch(c -> c.startsWith("setSceneDuration " + first.id())));
        double at = tl.playheadProperty().get();
        robot.clickOn("#play-pause");
        StudioFixture.await("playing", () -> tl.playheadProperty().get() > at + 0.1);
        robot.clickOn("#play-pause");
        assertFalse(tl.playingProperty().get());
    }

    @Test
    void jobsRetryAndCancel(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT5).release(KeyCode.DIGIT5, KeyCode.CONTROL);
        StudioFixture.await("jobs", () -> fx.window.viewModel().jobs().jobs().size() == 4);
        var table = fx.window.jobs().table();
        TreeItem<?> failed = table.getRoot().getChildren().stream()
                .filter(t -> ((ai.cinboard.ui.view.JobsView.Row) t.getValue()).job().status() == PhaseStatus.FAILED).findFirst().orElseThrow();
        StudioFixture.fx(() -> table.getSelectionModel().select((TreeItem) failed));
        robot.clickOn("#retry-job");
        StudioFixture.await("retried", () -> fx.window.viewModel().jobs().jobs().size() == 5);
        TreeItem<?> running = table.getRoot().getChildren().get(0);
        StudioFixture.fx(() -> table.getSelectionModel().select((TreeItem) running));
        robot.clickOn("#cancel-job");
        StudioFixture.await("cancelled", () -> fx.window.viewModel().jobs().jobs().get(0).status() == PhaseStatus.CANCELLED);
    }

    @Test
    void settingsTestConnectionRunsInTheBackground(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT6).release(KeyCode.DIGIT6, KeyCode.CONTROL);
        StudioFixture.await("settings loaded", () -> !fx.window.viewModel().settings().engine(ai.cinboard.service.ConnectionPart.TEXT_ENGINE).endpoint.get().isEmpty());
        robot.clickOn("#test-database");
        StudioFixture.await("db result", () -> robot.lookup("#result-database").queryAs(Label.class).getText().startsWith("✔ Embedded"));
        robot.clickOn("#test-image-engine");
        StudioFixture.await("image result", () -> robot.lookup("#result-image-engine").queryAs(Label.class).getText().startsWith("✖"));
        StudioFixture.fx(() -> robot.lookup("#settings").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1));
        robot.clickOn("#save-settings");
        StudioFixture.await("saved", () -> studio.calls.contains("saveSettings"));
    }

    @Test
    void newProjectDialogShowsVerdictThenCreates(FxRobot robot) {
        StudioFixture.await("library", () -> fx.window.viewModel().library().items().size() == 4);
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        robot.clickOn("#new-project-text").write("INT. KITCHEN - DAY\n\nMARA\nWho left the lamp on?\n");
        assertTrue(robot.lookup("#create-project").queryButton().isDisabled(), "nothing is generated before the verdict");
        robot.clickOn("#analyze");
        StudioFixture.await("verdict", () -> robot.lookup("#verdict").queryAs(Label.class).getText().contains("Content policy: allowed"));
        assertTrue(robot.lookup("#verdict").queryAs(Label.class).getText().startsWith("Language: English"));
        robot.clickOn("#create-project");
        StudioFixture.await("created project opened", () -> "INT. KITCHEN - DAY".equals(fx.window.viewModel().model().titleProperty().get()));
        StudioFixture.await("library refreshed", () -> fx.window.viewModel().library().items().size() == 5);
    }

    @Test
    void themeSwitchExportShortcutAndLayoutIsRemembered(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
        assertTrue(fx.window.root().getStyleClass().contains(Theme.DARK));
        robot.press(KeyCode.CONTROL, KeyCode.E).release(KeyCode.E, KeyCode.CONTROL);
        StudioFixture.await("export message", () -> robot.lookup("#notification").queryAs(Label.class).getText().startsWith("Open a project"));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT5).release(KeyCode.DIGIT5, KeyCode.CONTROL);
        StudioFixture.fx(() -> fx.window.saveLayout());
        assertTrue(fx.prefs.getBoolean("dark", false));
        assertEquals(4, fx.prefs.getInt("tab", -1));
        assertNotEquals(0, fx.prefs.getDouble("width", 0));
    }
}
