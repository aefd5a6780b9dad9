package ai.cinboard.service.export;

import ai.cinboard.domain.FinalVideo;
import ai.cinboard.domain.StudioException;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.mapper.FinalVideoMapper;
import ai.cinboard.persistence.mapper.InputRecordMapper;
import ai.cinboard.service.account.AuditLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;

/**
 * Delivers a project's latest final MP4 to a chosen place and records the delivery ({@code delivered_at}).
 * The re-encoding MP4 export ({@link Mp4Exporter}) writes its own file and records through
 * {@link #recordDelivery(int)}, so there is one place that marks a final video delivered.
 */
public final class FinalVideoDelivery {
    private final Database database;
    private final MediaReader media;

    public FinalVideoDelivery(Database database, MediaReader media) {
        this.database = database;
        this.media = media;
    }

    /** Copies the latest final MP4 as rendered to {@code target}; see {@link ai.cinboard.service.ExportService}. */
    public long exportFinalVideo(int projectId, Path target) {
        FinalVideo latest =
                database.read(s -> s.getMapper(FinalVideoMapper.class).listByInputRecord(projectId)).stream()
                        .max(Comparator.comparing(FinalVideo::id))
                        .orElseThrow(() -> new StudioException(
                                "Project " + projectId + " has no final video yet. Render it first, then export."));
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            // Write beside the target and move into place, so a failed export never leaves half a file there.
            // a name of its own, not a temp file, which would be private to its owner: the copy is the user's file
            Path tmp = parent.resolve(".cinboard-export-" + java.util.UUID.randomUUID() + ".part");
            try (InputStream in = media.open(latest.videoUrl())) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            recordDelivery(latest.id());
            Integer owner = database.read(
                            s -> s.getMapper(InputRecordMapper.class).findById(projectId))
                    .userId();
            new AuditLog(database)
                    .export(owner, projectId, "mp4", target.toAbsolutePath().toString());
            return Files.size(target);
        } catch (IOException e) {
            throw new StudioException(
                    "Could not write " + target + ": " + e.getMessage()
                            + ". Choose a folder you can write to with enough free space.",
                    e);
        }
    }

    /** Sets {@code final_videos.delivered_at} of that final video to now. */
    public void recordDelivery(int finalVideoId) {
        int rows =
                database.inTransaction(s -> s.getMapper(FinalVideoMapper.class).markDelivered(finalVideoId));
        if (rows != 1) {
            throw new StudioException("Final video " + finalVideoId + " no longer exists. Reload the project.");
        }
    }
}
