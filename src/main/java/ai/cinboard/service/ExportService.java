package ai.cinboard.service;

import java.nio.file.Path;

/** Delivers the final video. Blocking. */
public interface ExportService {

    /**
     * Copies the project's latest final MP4 to {@code target} and sets {@code final_videos.delivered_at}.
     * Throws StudioException when the project has no final video yet.
     *
     * @return bytes written
     */
    long exportFinalVideo(int projectId, Path target);
}
