package ai.cinboard.app.cli;

import ai.cinboard.persistence.Database;
import ai.cinboard.service.maintenance.MaintenanceTask;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code maintenance}: data retention, run on demand (e.g. from cron); the studio does not run it by itself. */
@Command(name = "maintenance", description = "Purge old processing statuses and audit-log entries.")
public final class MaintenanceCommand implements Callable<Integer> {
    @Option(names = "--status-days", defaultValue = "90", description = "Keep processing statuses this many days (default ${DEFAULT-VALUE}).")
    int statusDays;

    @Option(names = "--audit-days", defaultValue = "365", description = "Keep audit-log entries this many days (default ${DEFAULT-VALUE}).")
    int auditDays;

    @picocli.CommandLine.ParentCommand
    StudioCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (statusDays < 1 || auditDays < 1) {
            throw new ai.cinboard.domain.StudioException("--status-days and --audit-days must be at least 1.");
        }
        try (Database db = Database.open(parent.config().database())) {
            MaintenanceTask.Result r = new MaintenanceTask(db, Clock.systemUTC(), Duration.ofDays(statusDays),
                    Duration.ofDays(auditDays)).run();
            spec.commandLine().getOut().printf("Purged %d processing status(es) older than %d days and %d audit-log "
                    + "entr%s older than %d days.%n", r.processingStatuses(), statusDays, r.auditLog(),
                    r.auditLog() == 1 ? "y" : "ies", auditDays);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
