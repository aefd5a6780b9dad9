package ai.cinboard.ui.view;

import ai.cinboard.ui.viewmodel.LoginViewModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Team mode's sign-in screen, shown in the main stage before the studio window. */
public final class LoginView {
    private final Scene scene;

    public LoginView(LoginViewModel vm, boolean dark) {
        Label title = Theme.styled(new Label("Sign in to CinBoard Studio"), Theme.TITLE);
        Label hint = Theme.styled(new Label("This studio uses a shared team database."), Theme.MUTED);
        TextField email = new TextField();
        email.setId("login-email");
        email.setPromptText("name@example.com");
        email.textProperty().bindBidirectional(vm.emailProperty());
        PasswordField password = new PasswordField();
        password.setId("login-password");
        password.textProperty().bindBidirectional(vm.passwordProperty());
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label("Email"), email);
        form.addRow(1, new Label("Password"), password);
        Label error = Theme.styled(new Label(), Theme.ERROR_TEXT);
        error.setId("login-error");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(22, 22);
        busy.visibleProperty().bind(vm.busyProperty());
        Button signIn = new Button("Sign in");
        signIn.setId("login-sign-in");
        signIn.setDefaultButton(true);
        signIn.disableProperty().bind(vm.busyProperty());
        signIn.setOnAction(e -> vm.signIn());
        HBox actions = new HBox(8, signIn, busy);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox box = Theme.styled(new VBox(12, title, hint, form, actions, error), Theme.PANEL);
        box.setPadding(new Insets(24));
        box.setMaxWidth(420);
        VBox root = new VBox(box);
        root.setAlignment(Pos.CENTER);
        scene = new Scene(root, 520, 340);
        Theme.apply(scene, dark);
    }

    public Scene scene() { return scene; }
}
