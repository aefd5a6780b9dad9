package ai.cinboard.app.cli;

import ai.cinboard.app.Studio;
import ai.cinboard.app.StudioConfig;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.settings.SettingsRegistry;
import ai.cinboard.service.maintenance.MaintenanceTask;
import ai.cinboard.service.maintenance.MediaRetention;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code maintenance}: data retention, run on demand (e.g. from cron); the studio does not run it by itself. */
@Command(
        name = "maintenance",
        description = "Purge old processing statuses and audit-log entries, and media no" + " project uses any more.")
public final class MaintenanceCommand implements Callable<Integer> {
    /** The user's setting: days to keep media that no row refers to any more; 0 keeps it for ever. */
    public static final String MEDIA_RETENTION_SETTING = SettingsRegistry.MEDIA_RETENTION_DAYS.name();

    @Option(
            names = "--status-days",
            defaultValue = "90",
            description = "Keep processing statuses this many days (default ${DEFAULT-VALUE}).")
    int statusDays;

    @Option(
            names = "--audit-days",
            defaultValue = "365",
            description = "Keep audit-log entries this many days (default ${DEFAULT-VALUE}).")
    int auditDays;

    @Option(
            names = "--media-days",
            paramLabel = "N",
            description = "Keep media that no project uses any more this many"
                    + " days after its last use; 0 keeps it for ever. Default: the CINBOARD_MEDIA_RETENTION_DAYS"
                    + " setting, else 30.")
    Integer mediaDays;

    @Option(names = "--dry-run", description = "Report what would be removed; remove nothing.")
    boolean dryRun;

    @picocli.CommandLine.ParentCommand
    StudioCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (statusDays < 1 || auditDays < 1) {
            throw new StudioException("--status-days and --audit-days must be at least 1.");
        }
        StudioConfig config = parent.config();
        int keepMedia = mediaDays != null ? mediaDays : config.value(SettingsRegistry.MEDIA_RETENTION_DAYS);
        if (keepMedia < 0 || keepMedia > 36_500) {
            throw new StudioException("--media-days (or " + MEDIA_RETENTION_SETTING + ") must be from 0 (keep for"
                    + " ever) to 36500 (a hundred years).");
        }
        if (statusDays > 36_500 || auditDays > 36_500) {
            throw new StudioException("--status-days and --audit-days must be at most 36500 (a hundred years).");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Studio studio = Studio.open(config)) {
            if (dryRun) {
                out.println("Dry run: nothing is removed.");
            } else {
                MaintenanceTask.Result r = new MaintenanceTask(
                                studio.database(),
                                Clock.systemUTC(),
                                Duration.ofDays(statusDays),
                                Duration.ofDays(auditDays))
                        .run();
                out.printf(
                        "Purged %d processing status(es) older than %d days and %d audit-log entr%s older than %d"
                                + " days.%n",
                        r.processingStatuses(), statusDays, r.auditLog(), r.auditLog() == 1 ? "y" : "ies", auditDays);
            }
            if (keepMedia == 0) {
                out.println("Media is kept for ever (" + MEDIA_RETENTION_SETTING + "=0).");
            } else {
                MediaRetention.Result m = new MediaRetention(studio.database(), studio.media(), Clock.systemUTC())
                        .run(Duration.ofDays(keepMedia), dryRun);
                out.printf(
                        "Media: %d stored, %d in use; %s %d unused for over %d days (%.1f MB).%n",
                        m.stored(),
                        m.referenced(),
                        dryRun ? "would remove" : "removed",
                        m.removed(),
                        keepMedia,
                        m.bytesRemoved() / 1e6);
            }
            out.flush();
        }
        return 0;
    }
}
