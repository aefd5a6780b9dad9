package ai.cinboard.app.cli;

import ai.cinboard.app.Studio;
import ai.cinboard.media.MediaStores;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.DatabaseBackup;
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

/** {@code backup FILE [--with-media]}: every studio table from one consistent snapshot (and its media), into one file. */
@Command(
        name = "backup",
        description = "Back up the studio database (every table, one consistent snapshot) to FILE;"
                + " --with-media adds every media file a row refers to.")
public final class BackupCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The backup file to write (replaced if it exists).")
    Path file;

    @Option(
            names = "--with-media",
            description = "Also carry every media file the rows refer to (checked against its SHA-256 on the way).")
    boolean withMedia;

    @picocli.CommandLine.ParentCommand
    StudioCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<AutoCloseable> closeables = new ArrayList<>();
        try (Database db = Database.open(parent.config().database())) {
            MediaBackup media = null;
            if (withMedia) {
                MediaStores stores = Studio.openMedia(parent.config(), closeables);
                media = new MediaBackup(
                        stores,
                        stores.writer(),
                        ProjectCommand.progress(spec.commandLine().getErr(), "media"));
            }
            DatabaseBackup.Summary summary = new DatabaseBackup(db).backup(file, media);
            new AuditLog(db)
                    .record(
                            null,
                            AuditLog.BACKUP,
                            Map.of(
                                    "file",
                                    file.toAbsolutePath().toString(),
                                    "rows",
                                    summary.totalRows(),
                                    "mediaFiles",
                                    media == null ? 0 : media.files()),
                            null);
            spec.commandLine()
                    .getOut()
                    .printf(
                            "Backed up %d rows from %d tables (schema version %s)%s to %s%n",
                            summary.totalRows(),
                            summary.rows().size(),
                            summary.schemaVersion(),
                            media == null
                                    ? ""
                                    : String.format(
                                            " and %d media files (%.1f MB)", media.files(), media.bytes() / 1e6),
                            file.toAbsolutePath());
            spec.commandLine().getOut().flush();
        } finally {
            for (AutoCloseable c : closeables) {
                c.close();
            }
        }
        return 0;
    }
}
