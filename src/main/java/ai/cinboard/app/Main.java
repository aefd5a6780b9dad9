package ai.cinboard.app;

import ai.cinboard.app.cli.StudioCommand;

/**
 * Entry point of {@code cinboard.jar}. With no arguments it opens the studio window; with a subcommand
 * it runs headless. Not a JavaFX Application subclass, so the jar starts from the class path.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            DesktopLauncher.launch();
            return;
        }
        System.exit(StudioCommand.run(args));
    }
}
