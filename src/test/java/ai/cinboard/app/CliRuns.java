package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.cli.StudioCommand;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** The command line run in-process, as a CLI test runs it, and the house rule's check of a refusal. */
final class CliRuns {
    record Result(int exit, String out, String err) {}

    private CliRuns() {}

    /** Runs {@code args} with {@code env} and nothing on standard input. */
    static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = StudioCommand.run(
                env,
                new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** Bad input: exit 2, one line on stderr that starts "error: ", and no stack trace. */
    static void assertOneLineRefusal(Result r) {
        assertEquals(StudioCommand.EXIT_USER_ERROR, r.exit(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    /** {@link #assertOneLineRefusal(Result)}, and the line says {@code mentions}. */
    static void assertOneLineRefusal(Result r, String mentions) {
        assertOneLineRefusal(r);
        assertTrue(r.err().contains(mentions), r.err());
    }
}
