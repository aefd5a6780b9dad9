package ai.cinboard.service.export;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One output format. The CLI ({@code export ID --format F --out PATH}) and the Export dialog both look the
 * exporter up in {@link Exporters} and call {@link #export}; it runs blocking on the caller's thread.
 */
public interface Exporter {

    /** The CLI's --format value: fcpxml, xmeml, edl, srt, csv, png, pdf, mp4. */
    String format();

    /** Suggested file extension for the save dialog, without the dot; empty when the output is a directory. */
    String extension();

    /** What the Export dialog lists, e.g. "Storyboard PDF". */
    String label();

    /**
     * Writes the export to {@code out} (a file, or a directory for image sequences), creating parent
     * directories. A failure the user can fix is a {@link ai.cinboard.domain.StudioException}.
     */
    void export(ExportJob job, Path out, ExportProgress progress) throws IOException;

    /**
     * Whether the output names media files for an editor to open: those are then copied into a folder beside it
     * ({@link EditorMedia}) and the job handed to {@link #export} names the copies.
     */
    default boolean bundlesMedia() {
        return false;
    }

    /** Refuses, before any media is gathered or file written, an edit this format can't hold. */
    default void check(ExportJob job) {}
}
