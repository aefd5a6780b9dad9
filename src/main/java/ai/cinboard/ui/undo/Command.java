package ai.cinboard.ui.undo;

/**
 * An undoable edit (Scene Builder's Job). {@link #execute()} and {@link #undo()} change the view-model
 * state at once and save through the service (in the background); {@link #redo()} defaults to execute.
 */
public interface Command {
    /** Short description for the Edit menu, e.g. "Edit keyframe description". */
    String description();

    void execute();

    void undo();

    default void redo() {
        execute();
    }
}
