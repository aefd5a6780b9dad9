package ai.cinboard.ui;

import ai.cinboard.ui.task.FxTaskExecutor;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.util.prefs.Preferences;

/**
 * JavaFX entry point. The app layer builds the services, then:
 * <pre>
 *   StudioApplication.setServices(new StudioServices(projects, generation, media, settings, export));
 *   Application.launch(StudioApplication.class, args);
 * </pre>
 * {@link #setServices} must be called before {@code launch}; {@link #setOnExit} optionally registers shutdown
 * work (closing pools, the database) that runs after the window closes.
 */
public class StudioApplication extends Application {
    private static volatile StudioServices services;
    private static volatile Runnable onExit = () -> { };

    private FxTaskExecutor executor;
    private StudioWindow window;

    public static void setServices(StudioServices s) {
        services = s;
    }

    public static void setOnExit(Runnable r) {
        onExit = r == null ? () -> { } : r;
    }

    @Override
    public void start(Stage stage) {
        StudioServices s = services;
        if (s == null) {
            throw new IllegalStateException("StudioApplication.setServices(...) must be called before Application.launch");
        }
        executor = new FxTaskExecutor(3);
        window = new StudioWindow(s, executor, Preferences.userNodeForPackage(StudioApplication.class).node("window"));
        window.show(stage);
    }

    @Override
    public void stop() {
        if (window != null) window.close();
        if (executor != null) executor.close();
        onExit.run();
        Platform.exit();
    }
}
