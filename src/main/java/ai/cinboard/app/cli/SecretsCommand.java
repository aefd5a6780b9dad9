package ai.cinboard.app.cli;

import ai.cinboard.app.secrets.SecretNames;
import ai.cinboard.app.secrets.SecretStore;
import ai.cinboard.domain.StudioException;
import ai.cinboard.generation.remote.Secrets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code secrets}: API keys and passwords in the desktop keychain or an encrypted file, never in cinboard.properties
 * or the database. The studio reads a secret from the environment first, then from here.
 */
@Command(
        name = "secrets",
        description = "Store API keys and passwords in the desktop keychain or an encrypted file.",
        subcommands = {SecretsCommand.Set.class, SecretsCommand.ListSecrets.class, SecretsCommand.Remove.class})
public final class SecretsCommand implements Runnable {
    @picocli.CommandLine.ParentCommand
    StudioCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private SecretStore store() {
        return parent.config().secrets();
    }

    /** {@code secrets set NAME}: the value is the first line of standard input, so it never shows in the process list. */
    @Command(name = "set", description = "Store a secret; its value is read from standard input (one line).")
    public static final class Set implements Callable<Integer> {
        /** Longer than any API key, token or password; more is a wrong file piped in. */
        static final int MAX_SECRET_CHARS = 4096;

        @Parameters(index = "0", paramLabel = "NAME", description = "e.g. CINBOARD_OPENAI_API_KEY")
        String name;

        @picocli.CommandLine.ParentCommand
        SecretsCommand parent;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            SecretNames.require(name);
            // read no more than a secret can be: a key, a token or a password is far below this
            byte[] head = parent.parent.in().readNBytes(MAX_SECRET_CHARS * 4 + 2);
            String value = firstLine(head);
            if (value.isBlank()) {
                throw new StudioException("No value on standard input; pipe one line, e.g. " + "`cinboard secrets set "
                        + name + " < key.txt`.");
            }
            if (value.codePointCount(0, value.length()) > MAX_SECRET_CHARS) {
                throw new StudioException("The value for " + name + " is longer than " + MAX_SECRET_CHARS
                        + " characters: no API key or password is. Check what is piped in.");
            }
            if (value.chars().anyMatch(c -> Character.isISOControl(c) || c == '\uFFFD')) {
                throw new StudioException("The value for " + name + " holds control characters or bytes that are not"
                        + " UTF-8 text: it is not a key or password. Check what is piped in.");
            }
            SecretStore store = parent.store();
            store.put(name, value);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Stored %s (%s) in %s.%n", name, Secrets.mask(value), store.describe());
            out.flush();
            // stored all the same: a team may keep its own tokens here; a typo of a real key would go unnoticed
            SecretNames.unknownNameWarning(name).ifPresent(w -> {
                spec.commandLine().getErr().println("warning: " + w);
                spec.commandLine().getErr().flush();
            });
            return 0;
        }

        private static String firstLine(byte[] bytes) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            return (end < 0 ? text : text.substring(0, end)).replace("\r", "").strip();
        }
    }

    /** {@code secrets list}: names with masked values. */
    @Command(name = "list", description = "List the stored secrets, masked.")
    public static final class ListSecrets implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        SecretsCommand parent;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            SecretStore store = parent.store();
            PrintWriter out = spec.commandLine().getOut();
            var names = store.names();
            if (names.isEmpty()) {
                out.println("No secrets stored in " + store.describe() + ".");
            }
            for (String name : names) {
                out.printf("%-36s %s%n", name, Secrets.mask(store.get(name).orElse("")));
            }
            out.flush();
            return 0;
        }
    }

    /** {@code secrets remove NAME}. */
    @Command(name = "remove", description = "Delete a stored secret.")
    public static final class Remove implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @picocli.CommandLine.ParentCommand
        SecretsCommand parent;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            SecretStore store = parent.store();
            if (!store.remove(name)) {
                throw new StudioException("No secret named " + name + " is stored in " + store.describe()
                        + ". `cinboard secrets list` shows what is.");
            }
            spec.commandLine().getOut().printf("Removed %s from %s.%n", name, store.describe());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
