package ai.cinboard.ui.undo;

import java.util.ArrayDeque;
import java.util.Deque;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Bounded undo/redo stack with a revision counter (Scene Builder's JobManager). Plain properties: usable
 * without the toolkit; call it on the UI thread only.
 */
public final class CommandStack {
    public static final int DEFAULT_LIMIT = 100;

    private final int limit;
    private final Deque<Command> undo = new ArrayDeque<>();
    private final Deque<Command> redo = new ArrayDeque<>();
    private boolean running;
    private boolean clearAfterStep;
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private final ReadOnlyStringWrapper undoDescription = new ReadOnlyStringWrapper(this, "undoDescription", "");
    private final ReadOnlyStringWrapper redoDescription = new ReadOnlyStringWrapper(this, "redoDescription", "");

    public CommandStack() {
        this(DEFAULT_LIMIT);
    }

    public CommandStack(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.limit = limit;
    }

    /** Executes the command and pushes it; clears the redo stack. */
    public void execute(Command command) {
        running(() -> {
            command.execute();
            undo.push(command);
            while (undo.size() > limit) {
                undo.removeLast();
            }
            redo.clear();
        });
    }

    public void undo() {
        if (undo.isEmpty()) {
            return;
        }
        running(() -> {
            Command c = undo.pop();
            c.undo();
            redo.push(c);
        });
    }

    public void redo() {
        if (redo.isEmpty()) {
            return;
        }
        running(() -> {
            Command c = redo.pop();
            c.redo();
            undo.push(c);
        });
    }

    /** Runs a step; a {@link #clear()} asked for by the command itself (its save failed at once) comes after it. */
    private void running(Runnable step) {
        running = true;
        try {
            step.run();
        } finally {
            running = false;
        }
        if (clearAfterStep) {
            clearAfterStep = false;
            clear();
        } else {
            changed();
        }
    }

    /** Forgets history (e.g. when another project is opened, or a save failed and the view was rolled back). */
    public void clear() {
        if (running) {
            clearAfterStep = true;
            return;
        }
        undo.clear();
        redo.clear();
        changed();
    }

    public int undoSize() {
        return undo.size();
    }

    private void changed() {
        revision.set(revision.get() + 1);
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
        undoDescription.set(undo.isEmpty() ? "" : undo.peek().description());
        redoDescription.set(redo.isEmpty() ? "" : redo.peek().description());
    }

    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty undoDescriptionProperty() {
        return undoDescription.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoDescriptionProperty() {
        return redoDescription.getReadOnlyProperty();
    }
}
