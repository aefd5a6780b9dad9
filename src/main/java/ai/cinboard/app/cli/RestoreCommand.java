package ai.cinboard.app.cli;

import ai.cinboard.domain.StudioException;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.DatabaseBackup;
import ai.cinboard.persistence.mapper.SystemMapper;
import ai.cinboard.service.account.AuditLog;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code restore FILE}: replaces the studio database's contents with a backup, all or nothing. */
@Command(name = "restore", description = "Replace the studio database's contents with a backup made by \"backup\".")
public final class RestoreCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "A file written by \"cinboard backup\".")
    Path file;

    @Option(names = "--force", description = "Restore even though the database already holds data (it is replaced).")
    boolean force;

    @picocli.CommandLine.ParentCommand
    StudioCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Database db = Database.open(parent.config().database())) {
            long existing = db.read(s -> s.getMapper(SystemMapper.class).rowCounts()).stream()
                    .mapToLong(r -> ((Number) r.get("row_count")).longValue())
                    .sum();
            if (existing > 0 && !force) {
                throw new StudioException(
                        "The database at " + db.describeUrl() + " already holds " + existing
                                + " rows, and a restore replaces all of them. Back it up first, then run restore again with --force.");
            }
            DatabaseBackup.Summary summary = new DatabaseBackup(db).restore(file);
            new AuditLog(db)
                    .record(
                            null,
                            AuditLog.RESTORE,
                            Map.of("file", file.toAbsolutePath().toString(), "rows", summary.totalRows()),
                            null);
            spec.commandLine()
                    .getOut()
                    .printf(
                            "Restored %d rows into %d tables from %s (schema version %s, now %s)%n",
                            summary.totalRows(),
                            summary.rows().size(),
                            file.toAbsolutePath(),
                            summary.schemaVersion(),
                            db.schemaVersion());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
