package ai.cinboard.ui.viewmodel;

import ai.cinboard.domain.StudioException;
import ai.cinboard.service.account.AccountService;
import ai.cinboard.service.account.Session;
import ai.cinboard.ui.task.TaskExecutor;
import java.util.Arrays;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Team mode's sign-in: email and password, checked by {@link AccountService} in the background (bcrypt takes
 * a quarter of a second, lockout back-off longer). The password field is cleared as soon as it is sent.
 */
public final class LoginViewModel {
    private final AccountService accounts;
    private final TaskExecutor executor;
    private final Consumer<Session> onSignedIn;
    private final StringProperty email = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty firstName = new SimpleStringProperty("");
    private final StringProperty lastName = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

    public LoginViewModel(AccountService accounts, TaskExecutor executor, Consumer<Session> onSignedIn) {
        this.accounts = accounts;
        this.executor = executor;
        this.onSignedIn = onSignedIn;
    }

    public void signIn() {
        submit(false);
    }

    /**
     * Creates an account with the name, email and password given, then signs in with it. The account starts
     * unverified: it can edit but not export until an administrator runs {@code users verify}.
     */
    public void register() {
        if (!busy.get() && (firstName.get().isBlank() || lastName.get().isBlank())) {
            error.set("Enter your first and last name to create an account.");
            return;
        }
        submit(true);
    }

    private void submit(boolean register) {
        if (busy.get()) {
            return;
        }
        if (email.get().isBlank() || password.get().isEmpty()) {
            error.set("Enter your email and password.");
            return;
        }
        char[] secret = password.get().toCharArray();
        password.set("");
        String who = email.get().strip();
        String first = firstName.get().strip();
        String last = lastName.get().strip();
        busy.set(true);
        error.set("");
        executor.submit(
                () -> {
                    try {
                        if (register) {
                            accounts.register(who, first, last, secret);
                        }
                        return accounts.login(who, secret, null);
                    } finally {
                        Arrays.fill(secret, '\0');
                    }
                },
                session -> {
                    busy.set(false);
                    onSignedIn.accept(session);
                },
                e -> {
                    busy.set(false);
                    error.set(
                            e instanceof StudioException
                                    ? e.getMessage()
                                    : "Sign-in failed: "
                                            + (e.getMessage() == null
                                                    ? e.getClass().getSimpleName()
                                                    : e.getMessage()));
                });
    }

    public StringProperty emailProperty() {
        return email;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty firstNameProperty() {
        return firstName;
    }

    public StringProperty lastNameProperty() {
        return lastName;
    }

    /** Shows why the sign-in screen is back (the member's session ended in the window). */
    public void explain(String why) {
        error.set(why);
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
