package ai.cinboard.service.export;

import ai.cinboard.domain.FinalVideo;
import ai.cinboard.domain.StudioException;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.mapper.FinalVideoMapper;
import ai.cinboard.service.ExportService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;

/**
 * Delivers a project's latest final MP4 to a chosen place and records the delivery ({@code delivered_at}).
 * It is also the "mp4" exporter of the export path: the video as rendered, at its render size.
 */
public final class FinalVideoDelivery implements ExportService, Exporter {
    private final Database database;
    private final MediaReader media;

    public FinalVideoDelivery(Database database, MediaReader media) {
        this.database = database;
        this.media = media;
    }

    @Override
    public String format() {
        return "mp4";
    }

    @Override
    public String extension() {
        return "mp4";
    }

    @Override
    public void export(ExportJob job, Path out, ExportProgress progress) {
        progress.update(0, "Copying the final video");
        exportFinalVideo(job.project().record().id(), out);
        progress.update(1, "Delivered");
    }

    @Override
    public long exportFinalVideo(int projectId, Path target) {
        FinalVideo latest = database.read(s -> s.getMapper(FinalVideoMapper.class).listByInputRecord(projectId)).stream()
                .max(Comparator.comparing(FinalVideo::id))
                .orElseThrow(() -> new StudioException("Project " + projectId
                        + " has no final video yet. Render it first, then export."));
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            // Write beside the target and move into place, so a failed export never leaves half a file there.
            Path tmp = Files.createTempFile(parent, ".cinboard-export", ".part");
            try (InputStream in = media.open(latest.videoUrl())) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            database.inTransaction(s -> s.getMapper(FinalVideoMapper.class).markDelivered(latest.id()));
            return Files.size(target);
        } catch (IOException e) {
            throw new StudioException("Could not write " + target + ": " + e.getMessage()
                    + ". Choose a folder you can write to with enough free space.", e);
        }
    }
}
