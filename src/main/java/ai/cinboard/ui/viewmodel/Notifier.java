package ai.cinboard.ui.viewmodel;

import ai.cinboard.domain.StudioException;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The one place messages for the user go. Views show {@link #latestProperty()} as a notification bar.
 * Never shows a stack trace: a {@link StudioException} message is shown as is, anything else as a short
 * generic sentence naming the action.
 */
public final class Notifier {
    public enum Level {
        INFO,
        ERROR
    }

    public record Message(Level level, String text) {}

    private final ReadOnlyObjectWrapper<Message> latest = new ReadOnlyObjectWrapper<>(this, "latest");

    public void info(String text) {
        latest.set(new Message(Level.INFO, text));
    }

    public void error(String action, Throwable failure) {
        latest.set(new Message(Level.ERROR, describe(action, failure)));
    }

    public void clear() {
        latest.set(null);
    }

    public ReadOnlyObjectProperty<Message> latestProperty() {
        return latest.getReadOnlyProperty();
    }

    /** User-facing text for a failure; package-visible for tests. */
    static String describe(String action, Throwable failure) {
        Throwable t = failure;
        while (t != null) {
            if (t instanceof StudioException) {
                return action + ": " + t.getMessage();
            }
            t = t.getCause();
        }
        if (failure instanceof InterruptedException) {
            return action + ": cancelled.";
        }
        return action + " failed unexpectedly. The details are in the log; try again, or check Settings.";
    }
}
