package ai.cinboard.ui;

import ai.cinboard.service.account.AccountService;
import ai.cinboard.service.account.Session;
import ai.cinboard.ui.task.FxTaskExecutor;
import ai.cinboard.ui.view.LoginView;
import ai.cinboard.ui.viewmodel.LoginViewModel;
import ai.cinboard.ui.viewmodel.SessionWatch;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

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
    private static volatile Runnable onExit = () -> {};
    private static volatile Login login;

    /** Team mode: who may sign in, and the services for the user who did (built off the FX thread). */
    public record Login(AccountService accounts, java.util.function.Function<Session, StudioServices> servicesFor) {}

    private FxTaskExecutor executor;
    private StudioWindow window;

    public static void setServices(StudioServices s) {
        services = s;
    }

    /** Team mode: ask for email and password first (single-user mode never calls this: no prompt). */
    public static void setLogin(Login l) {
        login = l;
    }

    public static void setOnExit(Runnable r) {
        onExit = r == null ? () -> {} : r;
    }

    @Override
    public void start(Stage stage) {
        executor = new FxTaskExecutor(3);
        Login l = login;
        if (l != null) {
            showLogin(stage, l, "");
            return;
        }
        StudioServices s = services;
        if (s == null) {
            throw new IllegalStateException(
                    "StudioApplication.setServices(...) must be called before Application.launch");
        }
        showWindow(stage, s);
    }

    /**
     * Team mode: the sign-in screen, then the window as the member who signed in. The window checks the
     * session (sign-out-everywhere, deactivation) and comes back here when it has ended.
     */
    private void showLogin(Stage stage, Login l, String notice) {
        LoginViewModel vm = new LoginViewModel(
                l.accounts(),
                executor,
                session -> executor.submit(
                        () -> l.servicesFor().apply(session),
                        signedIn -> {
                            showWindow(stage, signedIn);
                            window.watchSession(
                                    () -> l.accounts().ended(session),
                                    SessionWatch.DEFAULT_INTERVAL,
                                    executor,
                                    reason -> {
                                        window.close();
                                        window = null;
                                        showLogin(stage, l, "Signed out: " + reason);
                                    });
                        },
                        e -> {
                            new javafx.scene.control.Alert(
                                            javafx.scene.control.Alert.AlertType.ERROR,
                                            "The studio could not open: " + e.getMessage())
                                    .showAndWait();
                            stage.close();
                        }));
        vm.explain(notice);
        stage.setTitle("Sign in — CinBoard Studio");
        stage.setScene(new LoginView(vm, false).scene());
        stage.show();
    }

    private void showWindow(Stage stage, StudioServices s) {
        window = new StudioWindow(
                s,
                executor,
                Preferences.userNodeForPackage(StudioApplication.class).node("window"));
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
