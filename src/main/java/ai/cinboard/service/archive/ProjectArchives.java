package ai.cinboard.service.archive;

import ai.cinboard.domain.OutPaths;
import ai.cinboard.domain.StudioException;
import ai.cinboard.media.MediaStore;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.ProjectAccess;
import ai.cinboard.persistence.ProjectRows;
import ai.cinboard.service.ProjectArchiveService;
import ai.cinboard.service.account.AuditLog;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * {@code .cinboard} project archives: a zip holding {@code manifest.json} (format and schema version, the project's
 * rows of every per-project table, and each media file's original URL, SHA-256, size and extension) and the media
 * bytes as {@code media/<sha256>} ({@link MediaBundle}).
 *
 * <p>An import trusts nothing in the archive. Every media file is read through limits and hashed, and the rows are
 * inserted once in a transaction that is rolled back, to prove they fit the schema, all before anything is stored.
 * Only then is the media stored (content-addressed, so bytes the store already holds change nothing) and the rows
 * inserted with new ids in one transaction.
 */
public final class ProjectArchives implements ProjectArchiveService {
    static final String FORMAT = "cinboard-project";
    static final int FORMAT_VERSION = 1;
    static final String MANIFEST = "manifest.json";
    /** Largest manifest read: the rows of a 500-scene project are a few MB. */
    static final long MAX_MANIFEST_BYTES = 256L * 1024 * 1024;

    private static final ObjectMapper JSON = ProjectRows.JSON;

    private final Database database;
    private final MediaStore media;
    private final int userId;
    /** Throws when this member may not take work out of the studio (an unverified email), as for any export. */
    private final Runnable exportAllowed;

    /**
     * @param userId        the member who exports (must own the project) and who owns what is imported
     * @param exportAllowed the export path's permission check (see {@code AccountService.requireVerified})
     */
    public ProjectArchives(Database database, MediaStore media, int userId, Runnable exportAllowed) {
        this.database = database;
        this.media = media;
        this.userId = userId;
        this.exportAllowed = exportAllowed;
    }

    // ---------------------------------------------------------------- export

    @Override
    public Summary exportProject(int projectId, Path file, Progress progress) {
        exportAllowed.run();
        // before reading a row or a media file: a folder given as the file, or a place that takes no file
        OutPaths.requireFile(file, "the archive", EXTENSION, "--out");
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        ProjectAccess.requireOwner(database, userId, projectId);
        progress.update(0, "Reading the project");
        Map<String, List<ObjectNode>> rows = database.read(s -> {
            try {
                return ProjectRows.read(s.getConnection(), projectId);
            } catch (SQLException e) {
                throw new StudioException(
                        "Reading project " + projectId + " failed: " + e.getMessage()
                                + ". Check that the database is reachable.",
                        e);
            }
        });
        Set<String> urls = new LinkedHashSet<>();
        rows.values().forEach(list -> list.forEach(row -> MediaBundle.collectUrls(row, urls)));
        MediaBundle bundle = new MediaBundle(media, why -> new StudioException(why));
        List<MediaBundle.Entry> entries = bundle.describe(urls);
        long rowCount = rows.values().stream().mapToLong(List::size).sum();
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, ".cinboard-", ".part");
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(temp))) {
                List<Map<String, Object>> list = bundle.write(zip, entries, (f, m) -> progress.update(0.95 * f, m));
                Map<String, Object> manifest = new LinkedHashMap<>();
                manifest.put("format", FORMAT);
                manifest.put("formatVersion", FORMAT_VERSION);
                manifest.put("schemaVersion", database.schemaVersion());
                manifest.put("createdAt", OffsetDateTime.now().toString());
                manifest.put("projectId", projectId);
                manifest.put("media", list);
                manifest.put("tables", rows);
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
                zip.closeEntry();
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
        } catch (IOException | UncheckedIOException e) {
            throw new StudioException(
                    "Writing the archive " + file + " failed: " + e.getMessage()
                            + ". Check free space and permissions there.",
                    e);
        } finally {
            deleteQuietly(temp);
        }
        new AuditLog(database).export(userId, projectId, EXTENSION, target.toString());
        progress.update(1, "Done");
        long bytes = entries.stream().mapToLong(MediaBundle.Entry::size).sum();
        return new Summary(projectId, rowCount, entries.size(), bytes, target);
    }

    // ---------------------------------------------------------------- import

    @Override
    public Summary importProject(Path file, Progress progress) {
        if (!Files.isRegularFile(file)) {
            throw new StudioException("The archive " + file + " does not exist (or is not a file). Check the path.");
        }
        MediaBundle bundle = new MediaBundle(media, why -> notAnArchive(file, why, null));
        try (ZipFile zip = new ZipFile(file.toFile())) {
            progress.update(0, "Reading the manifest");
            JsonNode doc = readManifest(zip, file);
            Map<String, List<ObjectNode>> tables = tables(doc, file);
            List<MediaBundle.Entry> entries = bundle.parse(doc.get("media"));
            bundle.verify(zip, entries, (f, m) -> progress.update(0.45 * f, m));
            // The rows once in a transaction that is rolled back: they must fit the schema before anything is stored.
            rehearseRows(tables, entries, file);
            Map<String, String> urls = bundle.store(zip, entries, (f, m) -> progress.update(0.45 + 0.45 * f, m));
            progress.update(0.9, "Storing the project");
            int projectId = database.inTransaction(s -> {
                int id = insertRows(s.getConnection(), tables, entries, file, url -> urls.getOrDefault(url, url));
                AuditLog.record(
                        s,
                        userId,
                        AuditLog.IMPORT,
                        Map.of(
                                "inputRecordId",
                                id,
                                "file",
                                file.toAbsolutePath().toString()),
                        null);
                return id;
            });
            progress.update(1, "Done");
            long rows = tables.values().stream().mapToLong(List::size).sum();
            long bytes = entries.stream().mapToLong(MediaBundle.Entry::size).sum();
            return new Summary(projectId, rows, entries.size(), bytes, file);
        } catch (ZipException e) {
            throw notAnArchive(file, "it is not a zip archive or it is truncated", e);
        } catch (IOException e) {
            throw notAnArchive(file, "it can't be read (" + e.getMessage() + ")", e);
        }
    }

    private JsonNode readManifest(ZipFile zip, Path file) throws IOException {
        ZipEntry entry = zip.getEntry(MANIFEST);
        if (entry == null) {
            throw notAnArchive(
                    file, "it has no " + MANIFEST + " (it was not made by \"cinboard project export\")", null);
        }
        JsonNode doc;
        try (InputStream in = new MediaBundle.LimitedInputStream(
                zip.getInputStream(entry),
                MAX_MANIFEST_BYTES,
                () -> notAnArchive(
                        file,
                        "its " + MANIFEST + " is larger than " + MAX_MANIFEST_BYTES / (1024 * 1024) + " MB",
                        null))) {
            doc = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw notAnArchive(file, "its " + MANIFEST + " is not readable JSON (damaged)", e);
        }
        if (doc == null
                || !FORMAT.equals(doc.path("format").asText(null))
                || !doc.path("formatVersion").canConvertToInt()
                || !doc.path("schemaVersion").isTextual()
                || !doc.path("tables").isObject()) {
            throw notAnArchive(file, "its " + MANIFEST + " is not a CinBoard project manifest", null);
        }
        int version = doc.path("formatVersion").asInt();
        if (version > FORMAT_VERSION) {
            throw new StudioException("The archive " + file + " was written by a newer CinBoard Studio (archive format "
                    + version + "). Upgrade the studio to import it.");
        }
        String schema = doc.path("schemaVersion").asText();
        if (ProjectRows.isNewerSchema(schema, database.schemaVersion())) {
            throw new StudioException("The archive " + file + " has schema version " + schema + ", newer than this"
                    + " studio's " + database.schemaVersion() + ". Upgrade the studio to import it.");
        }
        return doc;
    }

    private static Map<String, List<ObjectNode>> tables(JsonNode doc, Path file) {
        Map<String, List<ObjectNode>> tables = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = doc.path("tables").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> t = it.next();
            if (!t.getValue().isArray()) {
                throw notAnArchive(file, "its table " + t.getKey() + " is not a list of rows", null);
            }
            List<ObjectNode> rows = new ArrayList<>();
            for (JsonNode row : t.getValue()) {
                if (!(row instanceof ObjectNode o)) {
                    throw notAnArchive(file, "a row of table " + t.getKey() + " is not an object", null);
                }
                rows.add(o);
            }
            tables.put(t.getKey(), rows);
        }
        return tables;
    }

    private void rehearseRows(Map<String, List<ObjectNode>> tables, List<MediaBundle.Entry> entries, Path file) {
        try {
            database.inTransaction(s -> {
                insertRows(s.getConnection(), tables, entries, file, UnaryOperator.identity());
                throw new Rehearsed();
            });
        } catch (Rehearsed done) {
            // rolled back, as intended
        }
    }

    /** Ends the rehearsal's transaction, which rolls it back. */
    private static final class Rehearsed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Rehearsed() {
            super(null, null, false, false);
        }
    }

    private int insertRows(
            Connection c,
            Map<String, List<ObjectNode>> tables,
            List<MediaBundle.Entry> entries,
            Path file,
            UnaryOperator<String> urls) {
        Set<String> known = new HashSet<>();
        entries.forEach(m -> known.add(m.url()));
        try {
            return ProjectRows.insert(c, tables, userId, url -> {
                // every file a row names travels in the archive; a row naming one elsewhere is not let in
                if ((MediaBundle.MEDIA_URL.matcher(url).matches()
                                || FOREIGN_FILE.matcher(url).matches())
                        && !known.contains(url)) {
                    throw notAnArchive(
                            file,
                            "a row refers to media the archive does not carry (" + MediaBundle.abbreviate(url) + ")",
                            null);
                }
                return urls.apply(url);
            });
        } catch (SQLException e) {
            throw notAnArchive(
                    file, "its rows don't fit this studio's database (" + firstLine(e.getMessage()) + ")", e);
        } catch (ProjectRows.Refused e) {
            throw notAnArchive(file, e.getMessage(), e);
        }
    }

    /** A file by a URL no media store of ours makes: a local path, inline data, a jar or an FTP server. */
    private static final java.util.regex.Pattern FOREIGN_FILE =
            java.util.regex.Pattern.compile("(?i)(?:file|data|jar|ftp|sftp|smb):\\S*");

    private static StudioException notAnArchive(Path file, String why, Exception cause) {
        return new StudioException(
                file + " is not a usable CinBoard project archive: " + why + ". Nothing was"
                        + " stored; export the project again with \"cinboard project export\".",
                cause);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // only clutter
            }
        }
    }
}
