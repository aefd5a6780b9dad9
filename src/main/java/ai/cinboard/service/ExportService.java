package ai.cinboard.service;

import ai.cinboard.service.export.ExportProgress;
import ai.cinboard.service.export.ExportRequest;
import java.nio.file.Path;
import java.util.List;

/** Exports a project; the Export dialog and the {@code export} command both come through here. Blocking. */
public interface ExportService {

    /** A format the dialog offers: the CLI's --format value, its label and the file extension ("" = folder). */
    record Format(String id, String label, String extension) {}

    /**
     * Throws StudioException when the person working may not export (an account whose email is not verified);
     * {@link #export} and {@link #exportFinalVideo} check it first, and callers that do work before exporting
     * (rendering changes first) check it before that work.
     */
    void requireAllowed();

    /**
     * Whether an export in {@code format} has to wait for the project's changes to be rendered: every format
     * carries the last render's media or timing (the MP4 is that render; the timelines, subtitles and shot list
     * cut at its lengths; the PDF and PNG show its pictures), so with edits not rendered yet it would go out
     * behind them, or mixed. The MP4 always waits; the other formats once there is a render to be behind
     * ({@code rendered}): a project never rendered has nothing to mix, and its exporter says what is missing.
     * The {@code export} command refuses (or renders first with --render-changes) and the window offers to render
     * first, both from this one rule.
     */
    static boolean waitsForChanges(String format, boolean rendered) {
        return rendered || "mp4".equalsIgnoreCase(format);
    }

    /**
     * Throws StudioException when {@code out} can't take this format (an MP4 written over a file of another
     * type, a file over a folder); {@link #export} checks it first, and callers that do work before exporting
     * check it before that work.
     */
    void requireTarget(String format, Path out);

    /** Every format, MP4 first. */
    List<Format> formats();

    /**
     * Writes the project in the requested format to {@code out}, reporting progress on the calling thread.
     * Interrupting that thread cancels the export. Throws StudioException for anything the user can fix.
     */
    void export(int projectId, ExportRequest request, Path out, ExportProgress progress);

    /**
     * Copies the project's latest final MP4 as rendered to {@code target} and sets
     * {@code final_videos.delivered_at}. Throws StudioException when the project has no final video yet.
     *
     * @return bytes written
     */
    long exportFinalVideo(int projectId, Path target);
}
