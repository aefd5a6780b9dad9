package ai.cinboard.app;

import ai.cinboard.domain.StudioException;
import ai.cinboard.pipeline.GenerationJobs;
import ai.cinboard.ui.StudioApplication;
import javafx.application.Application;

/**
 * Opens the studio window: builds the studio (database first), hands its services to the UI, and closes
 * everything when the window closes. Start-up work runs before the toolkit starts, never on the FX thread.
 */
final class DesktopLauncher {
    private DesktopLauncher() {
    }

    static void launch() {
        System.out.println("Starting CinBoard Studio…");
        Studio studio;
        try {
            studio = Studio.open(StudioConfig.fromEnvironment());
        } catch (StudioException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        GenerationJobs jobs = studio.jobs();
        StudioApplication.setServices(studio.services(jobs));
        StudioApplication.setOnExit(() -> {
            jobs.close();
            studio.close();
        });
        Application.launch(StudioApplication.class);
    }
}
