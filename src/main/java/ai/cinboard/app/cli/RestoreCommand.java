package ai.cinboard.app.cli;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.StudioException;
import ai.cinboard.media.MediaStores;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.DatabaseBackup;
import ai.cinboard.persistence.mapper.SystemMapper;
import ai.cinboard.service.account.AuditLog;
import ai.cinboard.service.archive.MediaBackup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    public Integer call() throws Exception {
        List<AutoCloseable> closeables = new ArrayList<>();
        try (Database db = Database.open(parent.config().database())) {
            // a file that is no backup is named as such before --force is asked for
            new DatabaseBackup(db).requireRestorable(file);
            long existing = db.read(s -> s.getMapper(SystemMapper.class).rowCounts()).stream()
                    .mapToLong(r -> ((Number) r.get("row_count")).longValue())
                    .sum();
            if (existing > 0 && !force) {
                throw new StudioException(
                        "The database at " + db.describeUrl() + " already holds " + existing
                                + " rows, and a restore replaces all of them. Back it up first, then run restore again with --force.");
            }
            // A backup made with --with-media brings its media files back into the configured store.
            MediaStores stores = Studio.openMedia(parent.config(), closeables);
            MediaBackup media = new MediaBackup(
                    stores,
                    stores.writer(),
                    ProjectCommand.progress(spec.commandLine().getErr(), "media"));
            DatabaseBackup.Summary summary = new DatabaseBackup(db).restore(file, media);
            new AuditLog(db)
                    .record(
                            null,
                            AuditLog.RESTORE,
                            Map.of("file", file.toAbsolutePath().toString(), "rows", summary.totalRows()),
                            null);
            spec.commandLine()
                    .getOut()
                    .printf(
                            "Restored %d rows into %d tables%s from %s (schema version %s, now %s)%n",
                            summary.totalRows(),
                            summary.rows().size(),
                            media.files() == 0 ? "" : " and " + media.files() + " media files",
                            file.toAbsolutePath(),
                            summary.schemaVersion(),
                            db.schemaVersion());
            spec.commandLine().getOut().flush();
        } finally {
            for (AutoCloseable c : closeables) {
                c.close();
            }
        }
        return 0;
    }
}
