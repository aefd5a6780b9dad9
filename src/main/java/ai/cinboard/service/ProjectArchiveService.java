package ai.cinboard.service;

import java.nio.file.Path;

/**
 * Project archives ({@code .cinboard} files): one project with its media, to move work between machines or hand it
 * to a colleague. File ▸ Export project… / Import project… and {@code project export} / {@code project import} both
 * come through here. Blocking; interrupting the calling thread cancels. Throws StudioException for anything the
 * user can fix (a damaged or foreign archive, a project that is not theirs).
 */
public interface ProjectArchiveService {
    /** The file extension of a project archive, without the dot. */
    String EXTENSION = "cinboard";

    /** Progress of one export or import, reported from the working thread. */
    @FunctionalInterface
    interface Progress {
        Progress NONE = (fraction, message) -> {};

        /** @param fraction 0..1 of the work done; {@code message} says what is being done now. */
        void update(double fraction, String message);
    }

    /** What an export wrote or an import stored. {@code projectId} is the new id after an import. */
    record Summary(int projectId, long rows, int mediaFiles, long mediaBytes, Path file) {}

    /** Writes project {@code projectId} with its media to {@code file} (a temporary file, then an atomic move). */
    Summary exportProject(int projectId, Path file, Progress progress);

    /** Checks {@code file} completely, then stores its media and its rows as a new project of the current user. */
    Summary importProject(Path file, Progress progress);
}
