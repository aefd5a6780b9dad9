package ai.cinboard.app;

import ai.cinboard.domain.StudioException;
import ai.cinboard.persistence.Database;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * Opens the studio window. The database starts on a background thread so the window appears at once
 * and shows what it is waiting for.
 */
public final class DesktopLauncher extends Application {
    private Database database;

    static void launch() {
        Application.launch(DesktopLauncher.class);
    }

    @Override
    public void start(Stage stage) {
        Label status = new Label("Starting the database…");
        ProgressIndicator progress = new ProgressIndicator();
        VBox root = new VBox(16, new Label("CinBoard Studio"), progress, status);
        root.setStyle("-fx-padding: 32; -fx-alignment: center; -fx-font-size: 15px;");
        stage.setTitle("CinBoard Studio");
        stage.setScene(new Scene(root, 960, 640));
        stage.show();

        Task<Database> open = new Task<>() {
            @Override
            protected Database call() {
                return Database.open(StudioConfig.fromEnvironment().database());
            }
        };
        open.setOnSucceeded(e -> {
            database = open.getValue();
            progress.setVisible(false);
            status.setText("Ready. Database schema version " + database.schemaVersion() + ".");
        });
        open.setOnFailed(e -> {
            progress.setVisible(false);
            Throwable error = open.getException();
            status.setText(error instanceof StudioException ? error.getMessage()
                    : "The studio could not start: " + error.getMessage());
        });
        Thread starter = new Thread(open, "studio-start");
        starter.setDaemon(true);
        starter.start();
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
        Platform.exit();
    }
}
