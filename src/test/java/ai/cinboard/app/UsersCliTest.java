package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.cli.StudioCommand;
import ai.cinboard.testing.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** users add / list / deactivate and maintenance through the real command line, on a real database. */
class UsersCliTest {
    record Result(int exit, String out, String err) {}

    static Result run(Map<String, String> env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = StudioCommand.run(
                env,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void addListAndDeactivateUsers(@TempDir Path home) {
        Map<String, String> env = Map.of(
                "CINBOARD_HOME",
                home.toString(),
                "CINBOARD_DB_URL",
                TestDatabases.createEmptyDatabase(),
                "CINBOARD_DB_USER",
                "postgres");

        Result added = run(
                env,
                "a long enough password\n",
                "users",
                "add",
                "Mira@Example.com",
                "--first",
                "Mira",
                "--last",
                "Chen");
        assertEquals(0, added.exit(), added.err());
        assertTrue(added.out().startsWith("Created user "), added.out());

        Result injected = run(
                env,
                "another long password\r\n",
                "users",
                "add",
                "robert%s%n@example.com",
                "--first",
                "Robert'); DROP TABLE users;--",
                "--last",
                "%s%n%x",
                "--verified");
        assertEquals(0, injected.exit(), injected.err());

        Result duplicate =
                run(env, "a long enough password\n", "users", "add", "mira@example.COM", "--first", "M", "--last", "C");
        assertEquals(StudioCommand.EXIT_USER_ERROR, duplicate.exit());
        assertTrue(duplicate.err().startsWith("error: An account with the email"), duplicate.err());
        assertEquals(1, duplicate.err().lines().count(), duplicate.err());

        Result empty = run(env, "", "users", "add", "nobody@example.com", "--first", "N", "--last", "B");
        assertEquals(StudioCommand.EXIT_USER_ERROR, empty.exit());
        assertTrue(empty.err().startsWith("error: No password on standard input"), empty.err());

        Result list = run(env, "", "users", "list");
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains("Mira@Example.com"), list.out());
        assertTrue(list.out().contains("robert%s%n@example.com"), "format strings print literally: " + list.out());
        assertTrue(list.out().contains("Robert'); DROP TABLE users;-- %s%n%x"), list.out());
        assertFalse(list.out().contains("nobody@example.com"), list.out());

        Result deactivated = run(env, "", "users", "deactivate", "MIRA@example.com");
        assertEquals(0, deactivated.exit(), deactivated.err());
        Result after = run(env, "", "users", "list");
        assertTrue(
                after.out().lines().anyMatch(l -> l.contains("Mira@Example.com") && l.contains(" no ")), after.out());

        Result unknown = run(env, "", "users", "deactivate", "ghost@example.com");
        assertEquals(StudioCommand.EXIT_USER_ERROR, unknown.exit());
        assertTrue(unknown.err().startsWith("error: There is no account"), unknown.err());

        Result verified = run(env, "", "users", "verify", "mira@EXAMPLE.com");
        assertEquals(0, verified.exit(), verified.err());
        Result signedOut = run(env, "", "users", "sign-out-everywhere", "Mira@Example.com");
        assertEquals(0, signedOut.exit(), signedOut.err());
        assertTrue(signedOut.out().startsWith("Ended 0 session(s) of Mira@Example.com"), signedOut.out());
        Result nobody = run(env, "", "users", "sign-out-everywhere", "ghost@example.com");
        assertEquals(StudioCommand.EXIT_USER_ERROR, nobody.exit());

        Result maintenance = run(env, "", "maintenance");
        assertEquals(0, maintenance.exit(), maintenance.err());
        assertTrue(
                maintenance.out().startsWith("Purged 0 processing status(es) older than 90 days and 0 audit-log"),
                maintenance.out());
        assertTrue(
                maintenance.out().contains("Media: 0 stored, 0 in use; removed 0 unused for over 30 days"),
                maintenance.out());
        Result forever = run(env, "", "maintenance", "--media-days", "0", "--dry-run");
        assertEquals(0, forever.exit(), forever.err());
        assertTrue(
                forever.out().startsWith("Dry run: nothing is removed.")
                        && forever.out().contains("kept for ever"),
                forever.out());
        Result negative = run(env, "", "maintenance", "--media-days", "-3");
        assertEquals(StudioCommand.EXIT_USER_ERROR, negative.exit());
        assertTrue(negative.err().contains("must be from 0 (keep for ever) to 36500"), negative.err());
    }
}
