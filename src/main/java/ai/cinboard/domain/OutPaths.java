package ai.cinboard.domain;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a command writes its output, checked in one place before any work: an export, an archive or a backup
 * that can't be written is refused with one line up front, instead of failing (or making folders nobody asked
 * for) after minutes of writing media.
 */
public final class OutPaths {
    private OutPaths() {}

    /**
     * Throws StudioException unless {@code file} can be written as a file: it is not a folder, and its folder
     * exists and takes a new file. {@code what} names the output in the messages ("the archive"), {@code ext} is
     * the extension a file path should end in (null for any) and {@code option} where the path was given
     * ("--out").
     */
    public static void requireFile(Path file, String what, String ext, String option) {
        if (Files.isDirectory(file)) {
            throw new StudioException(
                    file + " is a folder. Give a file path" + (ext == null ? "" : " ending in ." + ext) + ".");
        }
        requireFolder(file, what, option);
    }

    /**
     * Throws StudioException unless the folder {@code file} goes into exists and a new file can be made there;
     * for outputs written into a folder of their own (an image sequence), {@code file} is that folder.
     */
    public static void requireFolder(Path file, String what, String option) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new StudioException("Can't write " + what + " to " + file + ": the folder " + dir
                    + " does not exist. Create it or choose another path.");
        }
        requireWritable(dir, option);
    }

    /**
     * Makes and deletes a file in {@code dir}: the only test that answers for every case (permissions, a
     * read-only mount, a kernel folder such as /proc, which a superuser's permission bits don't tell).
     */
    public static void requireWritable(Path dir, String option) {
        try {
            Files.delete(Files.createTempFile(dir, ".cinboard-check-", ".tmp"));
        } catch (IOException e) {
            throw new StudioException(
                    "Cannot write in " + dir + " (" + reason(e) + "): choose another " + option + ".");
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException || e instanceof NoSuchFileException) {
            // a folder that exists but takes no new file (as /proc) is a permission matter for the user
            return "permission denied";
        }
        String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        return reason == null || reason.isBlank() ? "permission denied" : reason.toLowerCase(Locale.ROOT);
    }
}
