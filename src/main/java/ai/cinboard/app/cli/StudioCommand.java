package ai.cinboard.app.cli;

import ai.cinboard.domain.StudioException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless face of the studio: {@code cinboard <command>}. */
@Command(
        name = "cinboard",
        mixinStandardHelpOptions = true,
        // every command takes --help (its errors point there) and --version
        scope = CommandLine.ScopeType.INHERIT,
        version = "CinBoard Studio 0.1.0",
        description = "Turn a story into a storyboard and a video. Run without a command to open the studio window.",
        subcommands = {
            DoctorCommand.class,
            DbCommand.class,
            AnalyzeCommand.class,
            RenderCommand.class,
            ExportCommand.class,
            UsersCommand.class,
            MaintenanceCommand.class,
            BackupCommand.class,
            RestoreCommand.class,
            DeleteCommand.class,
            SecretsCommand.class,
            ConfigCommand.class,
            ProjectCommand.class,
            MediaCommand.class,
            EditCommand.class,
            RegenerateCommand.class,
            TakeCommand.class,
            JobsCommand.class,
            WorkerCommand.class
        })
public final class StudioCommand implements Runnable {
    /** Exit code for refused or blocked input and for settings the user must fix. */
    public static final int EXIT_USER_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final java.util.Map<String, String> environment;
    private final java.io.InputStream in;

    StudioCommand(java.util.Map<String, String> environment, java.io.InputStream in) {
        this.environment = environment;
        this.in = in;
    }

    /** Standard input for this run (passwords are read from here, never from arguments). */
    public java.io.InputStream in() {
        return in;
    }

    /**
     * The configuration for this run, from CINBOARD_HOME's file and the given environment, with every setting
     * checked: a bad value stops the command in one line before it does anything, whether or not it reads that
     * setting, as the README promises.
     */
    public ai.cinboard.app.StudioConfig config() {
        ai.cinboard.app.StudioConfig config = configUnchecked();
        config.requireValid();
        return config;
    }

    /**
     * The configuration without the check of {@link #config()}: for {@code doctor}, which reports every bad setting,
     * and {@code config}, with which the user fixes the file.
     */
    public ai.cinboard.app.StudioConfig configUnchecked() {
        return ai.cinboard.app.StudioConfig.load(environment);
    }

    /** The configuration with {@code more} laid over this run's environment, checked as {@link #config()} is. */
    public ai.cinboard.app.StudioConfig config(java.util.Map<String, String> more) {
        java.util.Map<String, String> env = new java.util.HashMap<>(environment);
        env.putAll(more);
        ai.cinboard.app.StudioConfig config = ai.cinboard.app.StudioConfig.load(env);
        config.requireValid();
        return config;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * A message as one printable line: what it quotes of a file (a name, a manifest's cell) may hold control
     * characters or NULs, which a terminal would act on or show as garbage.
     */
    public static String printable(String message) {
        return message == null ? "" : message.replaceAll("[\\r\\n]+", " ").replaceAll("\\p{Cc}", "?");
    }

    public static int run(String... args) {
        return run(System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(java.util.Map<String, String> environment, PrintWriter out, PrintWriter err, String... args) {
        return run(environment, System.in, out, err, args);
    }

    public static int run(
            java.util.Map<String, String> environment,
            java.io.InputStream in,
            PrintWriter out,
            PrintWriter err,
            String... args) {
        CommandLine cli = new CommandLine(new StudioCommand(environment, in));
        cli.setOut(out);
        cli.setErr(err);
        // numbers in our words: picocli's own message for "NaN" names a Java exception
        cli.registerConverter(java.math.BigDecimal.class, v -> {
            try {
                return ai.cinboard.domain.AsciiNumbers.parseDecimal(v.strip());
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + v + "' is not a number (e.g. 4.5)");
            }
        });
        // Java's own parsers take the digits of any script ("--fps ２４"); a number here is ASCII, as everywhere else
        CommandLine.ITypeConverter<Integer> whole = v -> {
            try {
                return ai.cinboard.domain.AsciiNumbers.parseInt(v.strip());
            } catch (NumberFormatException e) {
                throw notAWholeNumber(v);
            }
        };
        CommandLine.ITypeConverter<Long> wholeLong = v -> {
            try {
                return ai.cinboard.domain.AsciiNumbers.parseLong(v.strip());
            } catch (NumberFormatException e) {
                throw notAWholeNumber(v);
            }
        };
        cli.registerConverter(Integer.class, whole);
        cli.registerConverter(Integer.TYPE, whole);
        cli.registerConverter(Long.class, wholeLong);
        cli.registerConverter(Long.TYPE, wholeLong);
        // logging reads CINBOARD_LOG itself before any setting is: a value it doesn't know is refused here
        String log = environment.get(ai.cinboard.domain.settings.SettingsRegistry.LOG.name());
        if (log != null) {
            try {
                ai.cinboard.domain.settings.SettingsRegistry.LOG.parse(log);
            } catch (StudioException e) {
                err.println("error: " + e.getMessage());
                return EXIT_USER_ERROR;
            }
        }
        // A mistyped option or value: one line naming it and where the help is, not the whole usage text.
        cli.setParameterExceptionHandler((e, args2) -> {
            CommandLine sub = e.getCommandLine();
            // picocli names Java's types ("'1.5' is not an int"); a person reads numbers
            String message = e.getMessage().replaceAll(" is not an? (?:int|long|short)\\b", " is not a whole number");
            err.println("error: " + printable(message) + ". See: "
                    + sub.getCommandSpec().qualifiedName() + " --help");
            return EXIT_USER_ERROR;
        });
        // A StudioException is the user's to fix: print its one line, never a stack trace.
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof StudioException) {
                err.println("error: " + printable(e.getMessage()));
                return EXIT_USER_ERROR;
            }
            if (e instanceof java.util.concurrent.CancellationException) {
                err.println("error: " + e.getMessage()); // a render cancelled from elsewhere: not a bug, not bad input
                return 1;
            }
            err.println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + " (this is a bug in CinBoard Studio; run with CINBOARD_LOG=debug for details)");
            org.slf4j.LoggerFactory.getLogger(StudioCommand.class).debug("Unexpected failure", e);
            return 1;
        });
        return cli.execute(args);
    }

    /** Digits alone that don't fit are too large a number, not a malformed one. */
    private static CommandLine.TypeConversionException notAWholeNumber(String v) {
        return new CommandLine.TypeConversionException(
                v.strip().matches("[+-]?[0-9]+")
                        ? "'" + v + "' is far too large a number"
                        : "'" + v + "' is not a whole number");
    }
}
