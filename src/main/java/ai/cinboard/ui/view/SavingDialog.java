package ai.cinboard.ui.view;

import java.util.List;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * Shown when the window is closed while edits are still being written: "Saving 3 changes…" until the write
 * queue is empty, then it closes the window. After {@code limit} it lists what is not saved yet and offers to
 * wait longer or to quit anyway. Built and driven on the FX thread.
 */
public final class SavingDialog {
    private final Stage stage = new Stage();
    private final ReadOnlyIntegerProperty pending;
    private final PauseTransition limitTimer;
    private final Label unsaved = new Label();
    private final HBox choices;
    private final Runnable closeWindow;
    private final javafx.beans.value.ChangeListener<Number> whenSaved;

    /**
     * @param pending writes not stored yet (changes on the FX thread)
     * @param unsavedEdits what they are, oldest first
     * @param closeWindow closes the main window (when everything is saved, or the user quits anyway)
     */
    public SavingDialog(
            ReadOnlyIntegerProperty pending,
            Supplier<List<String>> unsavedEdits,
            Duration limit,
            Window owner,
            boolean dark,
            Runnable closeWindow) {
        FxThread.require("SavingDialog");
        this.pending = pending;
        this.closeWindow = closeWindow;
        stage.setTitle("Saving — CinBoard Studio");
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setResizable(false);
        stage.setOnCloseRequest(e -> e.consume()); // choose "Wait" or "Quit anyway"
        Label saving = Theme.styled(new Label(), Theme.TITLE);
        saving.setId("saving-progress");
        saving.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> "Saving " + pending.get() + (pending.get() == 1 ? " change…" : " changes…"), pending));
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(24, 24);
        HBox top = new HBox(10, busy, saving);
        top.setAlignment(Pos.CENTER_LEFT);
        unsaved.setId("saving-unsaved");
        unsaved.setWrapText(true);
        unsaved.setMaxWidth(420);
        Button wait = new Button("Wait");
        wait.setId("saving-wait");
        wait.setDefaultButton(true);
        wait.setOnAction(e -> waitMore());
        Button quit = new Button("Quit anyway");
        quit.setId("saving-quit");
        quit.setOnAction(e -> finish());
        choices = new HBox(8, wait, quit);
        choices.setAlignment(Pos.CENTER_RIGHT);
        showChoices(false);
        VBox box = Theme.styled(new VBox(12, top, unsaved, choices), Theme.PANEL);
        box.setPadding(new Insets(16));
        box.setPrefWidth(460);
        Scene scene = new Scene(box);
        Theme.apply(scene, dark);
        stage.setScene(scene);
        limitTimer = new PauseTransition(limit);
        limitTimer.setOnFinished(e -> {
            List<String> edits = unsavedEdits.get();
            unsaved.setText(edits.size() + (edits.size() == 1 ? " change is" : " changes are")
                    + " not saved yet: " + String.join("; ", edits)
                    + ". Wait for them, or quit and lose them.");
            showChoices(true);
        });
        whenSaved = (o, a, n) -> {
            if (n.intValue() == 0) finish();
        };
    }

    /** Shows the dialog and closes the window as soon as everything is saved. */
    public void show() {
        pending.addListener(whenSaved);
        stage.show();
        if (pending.get() == 0) finish();
        else limitTimer.playFromStart();
    }

    public Stage stage() {
        return stage;
    }

    private void waitMore() {
        showChoices(false);
        unsaved.setText("");
        limitTimer.playFromStart();
    }

    private void showChoices(boolean on) {
        choices.setVisible(on);
        choices.setManaged(on);
        unsaved.setVisible(on);
        unsaved.setManaged(on);
        stage.sizeToScene();
    }

    private void finish() {
        pending.removeListener(whenSaved);
        limitTimer.stop();
        stage.close();
        closeWindow.run();
    }
}
