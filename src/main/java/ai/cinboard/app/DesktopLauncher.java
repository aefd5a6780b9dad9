package ai.cinboard.app;

import ai.cinboard.app.cli.StudioCommand;
import ai.cinboard.domain.StudioException;
import ai.cinboard.pipeline.GenerationJobs;
import ai.cinboard.service.account.AccountService;
import ai.cinboard.service.account.Session;
import ai.cinboard.text.LanguageDetector;
import ai.cinboard.ui.StudioApplication;
import javafx.application.Application;

/**
 * Opens the studio window: builds the studio (database first), hands its services to the UI, and closes
 * everything when the window closes. Start-up work runs before the toolkit starts, never on the FX thread.
 */
final class DesktopLauncher {
    private DesktopLauncher() {}

    static void launch() {
        java.util.Optional<String> cannotStart =
                DesktopPreflight.ofThisMachine().problem();
        if (cannotStart.isPresent()) {
            System.err.println(cannotStart.get());
            System.exit(StudioCommand.EXIT_USER_ERROR);
            return;
        }
        System.out.println("Starting CinBoard Studio…");
        LanguageDetector.warmUpInBackground(); // ready before the first New project, not during it
        Studio studio;
        try {
            studio = Studio.open(StudioConfig.fromEnvironment());
        } catch (StudioException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        GenerationJobs jobs = studio.jobs();
        // Team mode (a shared database): each member signs in. Single-user mode: the local profile, no prompt.
        java.util.concurrent.atomic.AtomicReference<Session> signedIn =
                new java.util.concurrent.atomic.AtomicReference<>();
        AccountService accounts = new AccountService(studio.database(), studio.cache());
        if (studio.database().isEmbedded()) {
            StudioApplication.setServices(studio.services(jobs));
        } else {
            StudioApplication.setLogin(new StudioApplication.Login(accounts, session -> {
                signedIn.set(session);
                return studio.services(jobs, session);
            }));
        }
        StudioApplication.setOnExit(() -> {
            if (signedIn.get() != null) {
                accounts.logout(signedIn.get().id());
            }
            jobs.close();
            studio.close();
        });
        Application.launch(StudioApplication.class);
    }
}
