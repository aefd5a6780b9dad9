package ai.cinboard.ui.view;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * Exporting an MP4 of a project with unrendered changes: the MP4 is the last render, so it would not show them.
 * Offers to render the changes first, to export the last render as it is, or to cancel. Not modal-blocking: the
 * choice arrives through the callbacks.
 */
public final class RenderChangesOffer {
    public static final ButtonType RENDER_FIRST =
            new ButtonType("Render changes, then export", ButtonBar.ButtonData.OK_DONE);
    public static final ButtonType EXPORT_AS_IS = new ButtonType("Export the last render", ButtonBar.ButtonData.OTHER);

    private final Alert alert = new Alert(Alert.AlertType.CONFIRMATION);

    /** {@code what} names the export ("MP4", "EDL", "PDF"...): every format is made from the last render. */
    public RenderChangesOffer(
            int changes, String what, Window owner, boolean dark, Runnable renderFirst, Runnable exportAsIs) {
        if (owner != null) alert.initOwner(owner);
        alert.setTitle("Export " + what);
        alert.setHeaderText((changes == 1 ? "1 change is" : changes + " changes are") + " not rendered yet");
        alert.setContentText("The " + what + " is made from the last render, so it would not show "
                + (changes == 1 ? "it" : "them") + ". Render the changes first (progress and Cancel as for any"
                + " job), then export?");
        alert.getButtonTypes().setAll(RENDER_FIRST, EXPORT_AS_IS, ButtonType.CANCEL);
        alert.getDialogPane().setId("render-changes-offer");
        alert.getDialogPane().getStylesheets().add(Theme.STYLESHEET);
        if (dark) alert.getDialogPane().getStyleClass().add(Theme.DARK);
        ((Button) alert.getDialogPane().lookupButton(RENDER_FIRST)).setId("offer-render-first");
        ((Button) alert.getDialogPane().lookupButton(EXPORT_AS_IS)).setId("offer-export-as-is");
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setId("offer-cancel");
        alert.setOnHidden(e -> {
            ButtonType chosen = alert.getResult();
            if (chosen == RENDER_FIRST) renderFirst.run();
            else if (chosen == EXPORT_AS_IS) exportAsIs.run();
        });
    }

    public void show() {
        alert.show();
    }

    public Alert alert() {
        return alert;
    }
}
