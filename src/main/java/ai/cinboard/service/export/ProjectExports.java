package ai.cinboard.service.export;

import ai.cinboard.domain.OutPaths;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.StudioException;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.ProjectRepository;
import ai.cinboard.persistence.RenderRepository;
import ai.cinboard.service.ExportService;
import ai.cinboard.service.account.AuditLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * The one export path: loads the project, builds the edit with the user's choices and runs the format's
 * {@link Exporter}. A file is written beside the target and moved into place when complete, so a failed or
 * cancelled export never leaves half a file under the chosen name.
 */
public final class ProjectExports implements ExportService {
    private final Database database;
    private final MediaReader media;
    private final Exporters exporters;
    private final FinalVideoDelivery delivery;
    private final AuditLog audit;
    private final Runnable permission;

    /**
     * {@code permission} throws StudioException when the person working may not export (the accounts' gate,
     * {@code AccountService.requireVerified}).
     */
    public ProjectExports(
            Database database,
            MediaReader media,
            Exporters exporters,
            FinalVideoDelivery delivery,
            AuditLog audit,
            Runnable permission) {
        this.database = database;
        this.media = media;
        this.exporters = exporters;
        this.delivery = delivery;
        this.audit = audit;
        this.permission = permission;
    }

    @Override
    public void requireAllowed() {
        permission.run();
    }

    @Override
    public List<Format> formats() {
        return exporters.all().stream()
                .sorted(Comparator.comparing((Exporter e) -> !e.format().equals("mp4")))
                .map(e -> new Format(e.format(), e.label(), e.extension()))
                .toList();
    }

    @Override
    public void export(int projectId, ExportRequest request, Path out, ExportProgress progress) {
        requireAllowed();
        Exporter exporter = exporters.forFormat(request.format());
        requireTarget(request.format(), out);
        Project project = new ProjectRepository(database)
                .load(projectId)
                .orElseThrow(() -> new StudioException("There is no project " + projectId
                        + ". Run `cinboard render FILE` first; it prints the project id."));
        ExportOptions options = request.applyTo(ExportOptions.defaults())
                .withSubtitles(new RenderRepository(database).subtitleStyle(projectId));
        ExportJob job = ExportJob.of(project, media, options);
        exporter.check(job);
        ExportProgress cancellable = (fraction, message) -> {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("Export cancelled");
            }
            progress.update(fraction, message);
        };
        try {
            Path target = out.toAbsolutePath();
            if (exporter.extension().isEmpty()) {
                exporter.export(job, target, cancellable); // a folder of files: written in place
            } else {
                ExportProgress writing = cancellable;
                if (exporter.bundlesMedia()) {
                    job = EditorMedia.gather(job, target, (f, m) -> cancellable.update(0.9 * f, m));
                    writing = (f, m) -> cancellable.update(0.9 + 0.1 * f, m);
                }
                // Same extension as the target: encoders pick the container from the file name.
                Path partial = target.resolveSibling(".cinboard-partial-" + target.getFileName());
                try {
                    exporter.export(job, partial, writing);
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(partial);
                }
            }
            audit.export(project.record().userId(), projectId, exporter.format(), target.toString());
        } catch (IOException e) {
            throw new StudioException(
                    "Could not write " + out + ": " + e.getMessage()
                            + ". Choose a folder you can write to with enough free space.",
                    e);
        }
    }

    /**
     * A file format is written to a path with its extension and never over a folder, so a slip of the path (an
     * MP4 "to" the story file) can't replace another file.
     */
    @Override
    public void requireTarget(String format, Path out) {
        Exporter exporter = exporters.forFormat(format);
        String ext = exporter.extension();
        if (ext.isEmpty()) {
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new StudioException("The " + exporter.format() + " export is a folder of files, and " + out
                        + " is a file. Give a folder's path (a new one is made).");
            }
            // a folder of files, made if new; the exporter checks what is in it
            if (Files.isDirectory(out)) {
                OutPaths.requireWritable(out.toAbsolutePath(), "--out");
            } else {
                OutPaths.requireFolder(out, "the " + exporter.format() + " export", "--out");
            }
            return;
        }
        Path media = EditorMedia.folderFor(out.toAbsolutePath());
        if (exporter.bundlesMedia() && Files.exists(media) && !Files.isDirectory(media)) {
            throw new StudioException("The " + exporter.format() + " export puts its media in " + media
                    + ", which is a file. Move that file, or give the export another name.");
        }
        String name = out.getFileName() == null ? "" : out.getFileName().toString();
        if (name.isBlank()) {
            throw new StudioException("--out needs a file path ending in ." + ext + ".");
        }
        if (!name.toLowerCase(java.util.Locale.ROOT).endsWith("." + ext)) {
            throw new StudioException("The " + exporter.format() + " export is written as a ." + ext + " file, and "
                    + out + " is not one. Give a path ending in ." + ext + ".");
        }
        OutPaths.requireFile(out, "the " + exporter.format() + " export", ext, "--out");
    }

    @Override
    public long exportFinalVideo(int projectId, Path target) {
        requireAllowed();
        OutPaths.requireFolder(target, "the video", "file");
        return delivery.exportFinalVideo(projectId, target);
    }
}
