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

    /** An edit that sets one value: {@code apply} gets {@code after} to do it and {@code before} to undo it. */
    static <T> Command change(String description, T before, T after, java.util.function.Consumer<T> apply) {
        return new Command() {
            @Override
            public String description() {
                return description;
            }

            @Override
            public void execute() {
                apply.accept(after);
            }

            @Override
            public void undo() {
                apply.accept(before);
            }
        };
    }
}
