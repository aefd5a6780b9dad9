package ai.cinboard.app.cli;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.User;
import ai.cinboard.service.account.AccountService;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code users}: account administration. */
@Command(
        name = "users",
        description = "Manage user accounts.",
        subcommands = {
            UsersCommand.Add.class,
            UsersCommand.ListUsers.class,
            UsersCommand.Deactivate.class,
            UsersCommand.Verify.class,
            UsersCommand.SignOutEverywhere.class
        })
public final class UsersCommand implements Runnable {
    @picocli.CommandLine.ParentCommand
    StudioCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code users add EMAIL --first NAME --last NAME}: the password comes from standard input. */
    @Command(name = "add", description = "Create an account. The password is read from standard input (one line).")
    public static final class Add implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;

        @Option(names = "--first", required = true, paramLabel = "NAME", description = "First name.")
        String first;

        @Option(names = "--last", required = true, paramLabel = "NAME", description = "Last name.")
        String last;

        @Option(names = "--verified", description = "Mark the email as verified (verified accounts may export).")
        boolean verified;

        @picocli.CommandLine.ParentCommand
        UsersCommand parent;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            char[] password = readPassword(parent.parent.in());
            try {
                if (password.length == 0) {
                    throw new StudioException("No password on standard input; pipe one line, e.g. "
                            + "`cinboard users add EMAIL --first A --last B < password.txt`.");
                }
                try (Studio studio = Studio.open(parent.parent.config())) {
                    AccountService accounts = new AccountService(studio.database(), studio.cache());
                    int id = accounts.register(email, first, last, password);
                    if (verified) {
                        accounts.markVerified(email);
                    }
                    spec.commandLine()
                            .getOut()
                            .printf("Created user %d <%s>%s%n", id, email.trim(), verified ? " (verified)" : "");
                    spec.commandLine().getOut().flush();
                }
            } finally {
                Arrays.fill(password, '\0');
            }
            return 0;
        }
    }

    /** {@code users list}. */
    @Command(name = "list", description = "List accounts.")
    public static final class ListUsers implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        UsersCommand parent;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Studio studio = Studio.open(parent.parent.config())) {
                PrintWriter out = spec.commandLine().getOut();
                out.printf("%-6s %-40s %-30s %-8s %-8s%n", "id", "email", "name", "active", "verified");
                for (User u : new AccountService(studio.database(), studio.cache()).list()) {
                    // %s only ever receives data as an argument, so stored "%n" or "%x" prints literally.
                    out.printf(
                            "%-6d %-40s %-30s %-8s %-8s%n",
                            u.id(),
                            u.email(),
                            u.firstName() + " " + u.lastName(),
                            yesNo(u.isActive()),
                            yesNo(u.isVerified()));
                }
                out.flush();
            }
            return 0;
        }
    }

    /** {@code users deactivate EMAIL}: soft delete; the data is kept. */
    @Command(
            name = "deactivate",
            description = "Deactivate an account: it can't log in and its sessions end; its data is kept.")
    public static final class Deactivate implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;

        @picocli.CommandLine.ParentCommand
        UsersCommand parent;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return accountAction(parent, spec, accounts -> {
                accounts.deactivate(email);
                return "Deactivated " + email.trim();
            });
        }
    }

    /** {@code users verify EMAIL}: an account made at the sign-in screen may export once verified. */
    @Command(name = "verify", description = "Mark an account verified (verified accounts may export).")
    public static final class Verify implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;

        @picocli.CommandLine.ParentCommand
        UsersCommand parent;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return accountAction(parent, spec, accounts -> {
                accounts.markVerified(email);
                return "Verified " + email.trim();
            });
        }
    }

    /** {@code users sign-out-everywhere EMAIL}: ends every session in the shared cache (a lost laptop). */
    @Command(
            name = "sign-out-everywhere",
            description = "End every session of an account. Sessions live in the"
                    + " cache: with Redis this reaches every studio of the team.")
    public static final class SignOutEverywhere implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;

        @picocli.CommandLine.ParentCommand
        UsersCommand parent;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return accountAction(
                    parent,
                    spec,
                    accounts -> "Ended " + accounts.logoutEverywhere(email) + " session(s) of " + email.trim());
        }
    }

    /** Opens the studio, runs one action on an account and prints the line it returns. */
    private static int accountAction(
            UsersCommand users,
            picocli.CommandLine.Model.CommandSpec spec,
            java.util.function.Function<AccountService, String> action) {
        try (Studio studio = Studio.open(users.parent.config())) {
            spec.commandLine().getOut().println(action.apply(new AccountService(studio.database(), studio.cache())));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private static String yesNo(Boolean b) {
        return Boolean.TRUE.equals(b) ? "yes" : "no";
    }

    /** The first line of the stream, without its line end, as characters (never a String). */
    static char[] readPassword(InputStream in) throws IOException {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        char[] buf = new char[64];
        int n = 0;
        int c;
        while ((c = reader.read()) != -1 && c != '\n') {
            if (n == buf.length) {
                char[] bigger = Arrays.copyOf(buf, buf.length * 2);
                Arrays.fill(buf, '\0');
                buf = bigger;
            }
            buf[n++] = (char) c;
        }
        if (n > 0 && buf[n - 1] == '\r') {
            n--;
        }
        char[] password = Arrays.copyOf(buf, n);
        Arrays.fill(buf, '\0');
        return password;
    }
}
