package ai.cinboard.ui.view;

import ai.cinboard.ui.viewmodel.LoginViewModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
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
        TextField first = new TextField();
        first.setId("login-first-name");
        first.textProperty().bindBidirectional(vm.firstNameProperty());
        TextField last = new TextField();
        last.setId("login-last-name");
        last.textProperty().bindBidirectional(vm.lastNameProperty());
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label("Email"), email);
        form.addRow(1, new Label("Password"), password);
        // New members give their name too; the rows appear only when they choose to create an account.
        CheckBox newAccount = new CheckBox("I'm new: create my account");
        newAccount.setId("login-new-account");
        Label firstLabel = new Label("First name");
        Label lastLabel = new Label("Last name");
        form.addRow(2, firstLabel, first);
        form.addRow(3, lastLabel, last);
        for (javafx.scene.Node n : new javafx.scene.Node[] {firstLabel, first, lastLabel, last}) {
            n.visibleProperty().bind(newAccount.selectedProperty());
            n.managedProperty().bind(newAccount.selectedProperty());
        }
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
        signIn.textProperty()
                .bind(javafx.beans.binding.Bindings.when(newAccount.selectedProperty())
                        .then("Create account and sign in")
                        .otherwise("Sign in"));
        signIn.setOnAction(e -> {
            if (newAccount.isSelected()) {
                vm.register();
            } else {
                vm.signIn();
            }
        });
        HBox actions = new HBox(8, signIn, busy);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox box = Theme.styled(new VBox(12, title, hint, form, newAccount, actions, error), Theme.PANEL);
        box.setPadding(new Insets(24));
        box.setMaxWidth(420);
        VBox root = new VBox(box);
        root.setAlignment(Pos.CENTER);
        scene = new Scene(root, 520, 420);
        Theme.apply(scene, dark);
    }

    public Scene scene() {
        return scene;
    }
}
