package ai.cinboard.app;

import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.settings.SettingsRegistry;
import java.io.IOException;
import java.io.StringReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * {@code CINBOARD_HOME/cinboard.properties}. Every write merges: the lines of settings it does not change, comments
 * and keys it does not know stay as they were. The new content goes to a temporary file in the same folder, is
 * flushed to disk and moved over the old one atomically, so a crash leaves either the old file or the new one. The
 * file keeps its permissions; a new one, or one holding a secret, is readable by its owner only (0600).
 */
public final class SettingsFile {
    public static final String NAME = "cinboard.properties";
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final Path home;
    private final Path path;

    public SettingsFile(Path home) {
        this.home = home;
        this.path = home.resolve(NAME);
    }

    public Path path() {
        return path;
    }

    /** The file's settings by name; empty when there is no file. */
    public Map<String, String> read() {
        if (Files.isDirectory(path)) {
            throw new StudioException(folder());
        }
        if (!Files.isRegularFile(path)) {
            return Map.of();
        }
        try {
            Map<String, String> values = new LinkedHashMap<>();
            for (Entry e : parse(readText())) {
                if (e.key() != null) {
                    values.put(e.key(), e.value());
                }
            }
            return values;
        } catch (IOException | IllegalArgumentException e) {
            throw new StudioException(
                    "Could not read the settings file " + path + ": " + e.getMessage()
                            + ". Fix or delete the file (the studio runs on defaults without it).",
                    e);
        }
    }

    /** A settings "file" that is a folder would otherwise be skipped silently and every setting in it lost. */
    private String folder() {
        return "The settings file " + path + " is a folder. Move it away or delete it; the studio reads its settings"
                + " from a file of that name (and runs on defaults without one).";
    }

    /**
     * The file's text. It is UTF-8 (what {@code config set} writes); another encoding, e.g. Latin-1 from an old
     * editor, is refused by name instead of with the decoder's "Input length = 1".
     */
    private String readText() throws IOException {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new StudioException(
                    "The settings file " + path + " is not UTF-8 text. Save it as UTF-8 in your editor"
                            + " (or convert it, e.g. with iconv -f ISO-8859-1 -t UTF-8), or delete it.",
                    e);
        }
    }

    /**
     * Sets each key of {@code changes} to its value, or removes it when the value is null, and leaves every other
     * line alone. Returns the names whose value actually changed.
     */
    public synchronized List<String> update(Map<String, String> changes) {
        try {
            Files.createDirectories(home);
            try (FileChannel lockChannel = FileChannel.open(
                            home.resolve("." + NAME + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = lockChannel.lock()) {
                return updateLocked(changes);
            }
        } catch (IOException e) {
            throw new StudioException(
                    "Could not save the settings to " + path + ": " + e.getMessage()
                            + ". Check that CINBOARD_HOME is writable; the file was not changed.",
                    e);
        }
    }

    private List<String> updateLocked(Map<String, String> changes) throws IOException {
        if (Files.isDirectory(path)) {
            throw new StudioException(folder());
        }
        boolean exists = Files.isRegularFile(path);
        List<Entry> entries = exists ? parse(readText()) : new ArrayList<>(header());
        Map<String, String> pending = new LinkedHashMap<>(changes);
        List<String> changed = new ArrayList<>();
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.key() != null && changes.containsKey(e.key()) && !pending.containsKey(e.key())) {
                changed.add(e.key()); // a later line of a key set above: it would win over the new value
                continue;
            }
            if (e.key() == null || !pending.containsKey(e.key())) {
                out.add(e);
                continue;
            }
            String value = pending.remove(e.key());
            if (value == null) {
                changed.add(e.key());
            } else if (value.equals(e.value())) {
                out.add(e);
            } else {
                changed.add(e.key());
                out.add(entry(e.key(), value));
            }
        }
        pending.forEach((key, value) -> {
            if (value != null) {
                changed.add(key);
                out.add(entry(key, value));
            }
        });
        if (changed.isEmpty()) {
            return changed;
        }
        StringBuilder text = new StringBuilder();
        out.forEach(e -> text.append(e.text()));
        boolean holdsSecret = out.stream()
                .anyMatch(e -> e.key() != null
                        && SettingsRegistry.find(e.key()).map(s -> s.secret()).orElse(false));
        Path tmp = Files.createTempFile(home, "." + NAME, ".tmp"); // 0600 on POSIX
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(StandardCharsets.UTF_8.encode(text.toString()));
                ch.force(true);
            }
            PosixFileAttributeView posix = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
            if (posix != null) {
                Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
                permissions.addAll(exists ? Files.getPosixFilePermissions(path) : OWNER_ONLY);
                if (holdsSecret) {
                    permissions.retainAll(OWNER_ONLY);
                }
                posix.setPermissions(permissions);
            }
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system can't replace it atomically", e);
            }
            forceDirectory();
        } finally {
            Files.deleteIfExists(tmp);
        }
        Collections.sort(changed);
        return changed;
    }

    /** Makes the rename itself durable. Not every platform can open a folder; then the rename is as durable as the OS makes it. */
    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(home, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort
        }
    }

    private static List<Entry> header() {
        return List.of(new Entry(
                null,
                null,
                "# CinBoard Studio settings: the names of the environment variables (`cinboard config list`).\n"
                        + "# Secrets are not kept here but in the environment or the secret store (`cinboard secrets"
                        + " list`).\n"));
    }

    /** One logical line of the file (with its continuation lines): a setting, or a comment or blank line. */
    private record Entry(String key, String value, String text) {}

    /**
     * {@code KEY=value} as {@link Properties#load} reads it back, written the way a person would: URLs keep their
     * colons; only backslashes, line breaks and a leading space are escaped; the file is UTF-8.
     */
    private static Entry entry(String key, String value) {
        if (!key.matches("[A-Za-z0-9_.-]+")) {
            throw new StudioException("\"" + key + "\" is not a setting name.");
        }
        StringBuilder v = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> v.append("\\\\");
                case '\n' -> v.append("\\n");
                case '\r' -> v.append("\\r");
                case '\t' -> v.append("\\t");
                case '\f' -> v.append("\\f");
                case ' ' -> v.append(i == 0 ? "\\ " : " ");
                default -> v.append(c);
            }
        }
        return new Entry(key, value, key + "=" + v + "\n");
    }

    /** Splits the file into logical lines as {@link Properties#load} reads them, keeping the original text. */
    private static List<Entry> parse(String content) throws IOException {
        List<Entry> entries = new ArrayList<>();
        String[] lines = content.split("(?<=\n)");
        StringBuilder logical = new StringBuilder();
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            logical.append(line);
            String body = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
            body = body.endsWith("\r") ? body.substring(0, body.length() - 1) : body;
            String trimmed = logical.toString().stripLeading();
            boolean comment = trimmed.startsWith("#") || trimmed.startsWith("!");
            if (!comment && endsWithOddBackslashes(body)) {
                continue; // continuation line follows
            }
            String text = logical.toString();
            logical.setLength(0);
            if (comment || trimmed.isBlank()) {
                entries.add(new Entry(null, null, text.endsWith("\n") ? text : text + "\n"));
                continue;
            }
            Properties p = new Properties();
            p.load(new StringReader(text));
            String key = p.stringPropertyNames().iterator().next();
            entries.add(new Entry(key.strip(), p.getProperty(key).strip(), text.endsWith("\n") ? text : text + "\n"));
        }
        if (!logical.isEmpty()) {
            String text = logical.toString();
            Properties p = new Properties();
            p.load(new StringReader(text));
            for (String key : p.stringPropertyNames()) {
                entries.add(new Entry(key.strip(), p.getProperty(key).strip(), text + "\n"));
            }
        }
        return entries;
    }

    private static boolean endsWithOddBackslashes(String s) {
        int n = 0;
        for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }
}
