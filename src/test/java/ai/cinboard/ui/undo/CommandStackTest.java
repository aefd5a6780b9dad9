package ai.cinboard.ui.undo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandStackTest {
    private final List<String> log = new ArrayList<>();

    private Command cmd(String name) {
        return new Command() {
            @Override
            public String description() {
                return name;
            }

            @Override
            public void execute() {
                log.add("do " + name);
            }

            @Override
            public void undo() {
                log.add("undo " + name);
            }
        };
    }

    @Test
    void undoRedoInOrderAndRevisionCounts() {
        CommandStack s = new CommandStack();
        s.execute(cmd("a"));
        s.execute(cmd("b"));
        assertEquals("b", s.undoDescriptionProperty().get());
        s.undo();
        s.undo();
        s.undo(); // nothing left: no-op
        assertFalse(s.canUndoProperty().get());
        assertTrue(s.canRedoProperty().get());
        s.redo();
        assertEquals(List.of("do a", "do b", "undo b", "undo a", "do a"), log);
        assertEquals(5, s.revisionProperty().get());
        assertEquals("b", s.redoDescriptionProperty().get());
    }

    @Test
    void newCommandClearsRedo() {
        CommandStack s = new CommandStack();
        s.execute(cmd("a"));
        s.undo();
        s.execute(cmd("c"));
        assertFalse(s.canRedoProperty().get());
        s.redo();
        assertEquals(List.of("do a", "undo a", "do c"), log);
    }

    @Test
    void isBounded() {
        CommandStack s = new CommandStack(3);
        for (int i = 0; i < 10; i++) s.execute(cmd("c" + i));
        assertEquals(3, s.undoSize());
        for (int i = 0; i < 10; i++) s.undo();
        assertEquals(List.of("undo c9", "undo c8", "undo c7"), log.subList(10, 13));
        assertEquals(13, log.size());
    }

    @Test
    void clearForgetsHistory() {
        CommandStack s = new CommandStack();
        s.execute(cmd("a"));
        s.clear();
        assertFalse(s.canUndoProperty().get());
        assertEquals("", s.undoDescriptionProperty().get());
    }
}
