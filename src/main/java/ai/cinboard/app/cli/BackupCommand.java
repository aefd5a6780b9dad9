package ai.cinboard.app.cli;

import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.DatabaseBackup;
import ai.cinboard.service.account.AuditLog;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code backup FILE}: every studio table from one consistent snapshot, into one file. */
@Command(name = "backup", description = "Back up the studio database (every table, one consistent snapshot) to FILE.")
public final class BackupCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The backup file to write (replaced if it exists).")
    Path file;

    @picocli.CommandLine.ParentCommand
    StudioCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Database db = Database.open(parent.config().database())) {
            DatabaseBackup.Summary summary = new DatabaseBackup(db).backup(file);
            new AuditLog(db)
                    .record(
                            null,
                            AuditLog.BACKUP,
                            Map.of("file", file.toAbsolutePath().toString(), "rows", summary.totalRows()),
                            null);
            spec.commandLine()
                    .getOut()
                    .printf(
                            "Backed up %d rows from %d tables (schema version %s) to %s%n",
                            summary.totalRows(), summary.rows().size(), summary.schemaVersion(), file.toAbsolutePath());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
