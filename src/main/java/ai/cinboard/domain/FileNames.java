package ai.cinboard.domain;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * File-name extensions, in one place: what a name's extension is, the name without it, and the safe form
 * that may go into a stored file name or an object key.
 */
public final class FileNames {
    private static final Pattern SAFE_EXTENSION = Pattern.compile("[a-z0-9]{1,10}");

    private FileNames() {}

    /**
     * The extension of the last segment of a file name, path or URL, lower case and without the dot; ""
     * when there is none. A leading dot (".profile") is a hidden file's name, not an extension.
     */
    public static String extension(String name) {
        if (name == null) {
            return "";
        }
        String last = lastSegment(name);
        int dot = last.lastIndexOf('.');
        return dot <= 0 ? "" : last.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    public static String extension(Path file) {
        Path name = file.getFileName();
        return name == null ? "" : extension(name.toString());
    }

    /** The file's name without its extension ("cut.final.mp4" becomes "cut.final"). */
    public static String stem(Path file) {
        String last = file.getFileName().toString();
        int dot = last.lastIndexOf('.');
        return dot <= 0 ? last : last.substring(0, dot);
    }

    /** The same file name with another extension, next to it. */
    public static Path withExtension(Path file, String extension) {
        return file.resolveSibling(stem(file) + "." + extension);
    }

    /**
     * An extension that may go into a file name or an object key: a short lowercase alphanumeric word
     * (a leading dot is dropped), anything else becomes "bin", so a caller can't smuggle in a path or a
     * query string.
     */
    public static String safeExtension(String hint) {
        if (hint == null) {
            return "bin";
        }
        String e = hint.strip().toLowerCase(Locale.ROOT);
        if (e.startsWith(".")) {
            e = e.substring(1);
        }
        return SAFE_EXTENSION.matcher(e).matches() ? e : "bin";
    }

    private static String lastSegment(String name) {
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return cut < 0 ? name : name.substring(cut + 1);
    }
}
