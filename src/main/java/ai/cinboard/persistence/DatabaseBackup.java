package ai.cinboard.persistence;

import ai.cinboard.domain.OutPaths;
import ai.cinboard.domain.Sha256;
import ai.cinboard.domain.StudioException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * {@code backup FILE} and {@code restore FILE}: every studio table, copied with PostgreSQL's COPY over the
 * studio's own JDBC connection, into one zip file.
 *
 * <p>Why not pg_dump: zonky's embedded bundle ships only initdb, pg_ctl and postgres, no Maven Central
 * artifact ships a PostgreSQL 18 pg_dump, and Debian 12's pg_dump (15) refuses to dump a newer server. COPY
 * through the driver needs no client tools and never puts a password on a command line.
 *
 * <p>The file holds {@code manifest.json} (format, schema version, and per table its columns, row count and
 * SHA-256) and one COPY text stream per table. The schema itself comes from the migrations: a restore
 * migrates the target first, then loads each table by column name, so a backup from an older schema
 * restores into a newer one (later columns take their defaults).
 */
public final class DatabaseBackup {
    static final String FORMAT = "cinboard-backup";
    static final int FORMAT_VERSION = 1;
    private static final String MANIFEST = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;

    public DatabaseBackup(Database database) {
        this.database = database;
    }

    /** What a backup or restore moved: table name to row count, in the order written. */
    public record Summary(String schemaVersion, Map<String, Long> rows) {
        public long totalRows() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * More content of a backup beside the tables ({@code backup --with-media}), under its own manifest key. It is
     * written inside the backup's snapshot, checked completely before a restore changes anything, and stored inside
     * the restore's transaction, before it commits.
     */
    public interface Attachment {
        /** The manifest key of this attachment's section. */
        String key();

        /** Writes its entries, reading the database through {@code snapshot}; returns its manifest section. */
        Object write(Connection snapshot, ZipOutputStream zip) throws IOException, SQLException;

        /** Reads and checks every entry of {@code section}; stores nothing. */
        void verify(Object section, ZipFile zip, Path file) throws IOException;

        /** Stores what {@link #verify} checked. */
        void store(Object section, ZipFile zip, Path file) throws IOException;
    }

    /** Writes every table from one consistent snapshot to {@code file} (a temporary file, then an atomic move). */
    public Summary backup(Path file) {
        return backup(file, null);
    }

    /** {@link #backup(Path)} with an {@code attachment} (null for none) written from the same snapshot. */
    public Summary backup(Path file, Attachment attachment) {
        // before the snapshot and the media are read: a folder given as the file, or a place that takes no file
        OutPaths.requireFile(file, "the backup", null, "FILE");
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path temp = null;
        try (Connection c = database.dataSource().getConnection()) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            Database.requireAllRows(c, "a backup or restore would be incomplete", "backup and restore");
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            temp = Files.createTempFile(dir, ".backup-", ".part");
            Map<String, Long> counts = new LinkedHashMap<>();
            List<Map<String, Object>> tables = new ArrayList<>();
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(temp))) {
                for (String table : tables(c)) {
                    List<String> columns = columns(c, table);
                    zip.putNextEntry(new ZipEntry("tables/" + table + ".copy"));
                    MessageDigest sha = Sha256.newDigest();
                    long rows = copy.copyOut(
                            "COPY " + quote(table) + " (" + columnList(columns) + ") TO STDOUT",
                            new DigestOutputStream(unclosable(zip), sha));
                    zip.closeEntry();
                    counts.put(table, rows);
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("name", table);
                    entry.put("columns", columns);
                    entry.put("rows", rows);
                    entry.put("sha256", Sha256.toHex(sha.digest()));
                    tables.add(entry);
                }
                Object section = attachment == null ? null : attachment.write(c, zip);
                Map<String, Object> manifest = new LinkedHashMap<>();
                manifest.put("format", FORMAT);
                manifest.put("formatVersion", FORMAT_VERSION);
                manifest.put("schemaVersion", database.schemaVersion());
                manifest.put("createdAt", OffsetDateTime.now().toString());
                manifest.put("server", c.getMetaData().getDatabaseProductVersion());
                manifest.put("tables", tables);
                if (attachment != null) {
                    manifest.put(attachment.key(), section);
                }
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
                zip.closeEntry();
            } finally {
                c.rollback();
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Summary(database.schemaVersion(), counts);
        } catch (SQLException | IOException e) {
            deleteQuietly(temp);
            throw new StudioException(
                    "The backup to " + file + " failed: " + EmbeddedPostgresServer.rootMessage(e)
                            + ". Check free space and permissions there, and that the database is reachable.",
                    e);
        }
    }

    /**
     * Replaces the contents of every studio table with the backup's, in one transaction: a missing, damaged or
     * incompatible file changes nothing. The caller's database is already migrated to this studio's schema.
     */
    public Summary restore(Path file) {
        return restore(file, null);
    }

    /**
     * Throws, with the reason in one line, unless {@code file} is a backup this studio can restore (a file, a zip,
     * a manifest of a schema no newer than this one); the tables' checksums are checked by the restore itself. For
     * checks before anything else is asked of the user.
     */
    public void requireRestorable(Path file) {
        requireFile(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            readManifest(zip, file);
        } catch (ZipException e) {
            throw notABackup(file, "it is not a zip archive or it is truncated", e);
        } catch (IOException e) {
            throw notABackup(file, "it can't be read (" + e.getMessage() + ")", e);
        }
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StudioException(
                    "The backup file " + file + " does not exist (or is not a file). Check the path.");
        }
    }

    /**
     * {@link #restore(Path)}; a backup that carries {@code attachment}'s section has it checked before anything
     * changes and stored before the restore commits. A backup without it restores its tables alone.
     */
    public Summary restore(Path file, Attachment attachment) {
        requireFile(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Manifest manifest = readManifest(zip, file);
            Object section = attachment == null ? null : manifest.sections().get(attachment.key());
            if (section != null) {
                attachment.verify(section, zip, file);
            }
            try (Connection c = database.dataSource().getConnection()) {
                Database.requireAllRows(c, "a backup or restore would be incomplete", "backup and restore");
                try {
                    Summary summary = load(c, zip, manifest, file);
                    if (section != null) {
                        attachment.store(section, zip, file);
                    }
                    c.commit();
                    return summary;
                } catch (RuntimeException | SQLException | IOException e) {
                    c.rollback();
                    throw e;
                }
            }
        } catch (ZipException e) {
            throw notABackup(file, "it is not a zip archive or it is truncated", e);
        } catch (StudioException e) {
            throw e;
        } catch (SQLException | IOException e) {
            throw new StudioException(
                    "Restoring " + file + " failed and nothing was changed: " + EmbeddedPostgresServer.rootMessage(e)
                            + ". The file may be damaged; try another backup.",
                    e);
        }
    }

    private Summary load(Connection c, ZipFile zip, Manifest manifest, Path file) throws SQLException, IOException {
        List<String> targetTables = tables(c);
        for (TableData t : manifest.tables()) {
            if (!targetTables.contains(t.name())) {
                throw new StudioException("The backup " + file + " has a table \"" + t.name() + "\" that this"
                        + " studio's database does not have. Restore it with the studio version that made it.");
            }
            Set<String> columns = new LinkedHashSet<>(columns(c, t.name()));
            for (String column : t.columns()) {
                if (!columns.contains(column)) {
                    throw new StudioException(
                            "The backup " + file + " has a column " + t.name() + "." + column
                                    + " that this studio's database does not have. Restore it with the studio version that made it.");
                }
            }
        }
        try (Statement st = c.createStatement()) {
            // All tables, those the backup lacks too: a restore leaves exactly the backup's rows.
            st.execute("TRUNCATE TABLE "
                    + String.join(
                            ", ",
                            targetTables.stream().map(DatabaseBackup::quote).toList()) + " RESTART IDENTITY CASCADE");
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        Map<String, TableData> byName = new LinkedHashMap<>();
        manifest.tables().forEach(t -> byName.put(t.name(), t));
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : parentsFirst(c, targetTables)) {
            TableData t = byName.get(table);
            if (t == null) {
                continue;
            }
            ZipEntry entry = zip.getEntry("tables/" + table + ".copy");
            if (entry == null) {
                throw notABackup(file, "the data of table " + table + " is missing", null);
            }
            MessageDigest sha = Sha256.newDigest();
            long rows;
            try (InputStream in = new DigestInputStream(zip.getInputStream(entry), sha)) {
                rows = copy.copyIn("COPY " + quote(table) + " (" + columnList(t.columns()) + ") FROM STDIN", in);
            }
            if (rows != t.rows() || !Sha256.toHex(sha.digest()).equals(t.sha256())) {
                throw notABackup(file, "the data of table " + table + " does not match its checksum (damaged)", null);
            }
            counts.put(table, rows);
        }
        resetSequences(c);
        return new Summary(manifest.schemaVersion(), counts);
    }

    /** Serial columns continue after the restored ids, so new rows never collide with restored ones. */
    private static void resetSequences(Connection c) throws SQLException {
        List<String[]> serials = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                                + " AND column_default LIKE 'nextval(%'")) {
            while (rs.next()) {
                serials.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        for (String[] s : serials) {
            try (PreparedStatement ps = c.prepareStatement("SELECT setval(pg_get_serial_sequence(?, ?), COALESCE(MAX("
                    + quote(s[1]) + "), 0) + 1, false) FROM " + quote(s[0]))) {
                ps.setString(1, quote(s[0]));
                ps.setString(2, s[1]);
                ps.execute();
            }
        }
    }

    private record TableData(String name, List<String> columns, long rows, String sha256) {}

    /** {@code sections}: the whole manifest, for attachments' sections. */
    private record Manifest(String schemaVersion, List<TableData> tables, Map<?, ?> sections) {}

    private Manifest readManifest(ZipFile zip, Path file) throws IOException {
        ZipEntry entry = zip.getEntry(MANIFEST);
        if (entry == null) {
            throw notABackup(file, "it has no " + MANIFEST, null);
        }
        Map<?, ?> doc;
        try (InputStream in = zip.getInputStream(entry)) {
            doc = JSON.readValue(in, Map.class);
        } catch (IOException e) {
            throw notABackup(file, "its " + MANIFEST + " is unreadable", e);
        }
        if (!FORMAT.equals(doc.get("format"))
                || !(doc.get("formatVersion") instanceof Number v)
                || !(doc.get("tables") instanceof List<?> list)
                || !(doc.get("schemaVersion") instanceof String schema)) {
            throw notABackup(file, "its " + MANIFEST + " is not a CinBoard backup manifest", null);
        }
        if (v.intValue() > FORMAT_VERSION) {
            throw new StudioException("The backup " + file + " was written by a newer CinBoard Studio (backup format "
                    + v + "). Upgrade the studio to restore it.");
        }
        if (MigrationVersion.fromVersion(schema).isNewerThan(database.schemaVersion())) {
            throw new StudioException("The backup " + file + " has schema version " + schema + ", newer than this"
                    + " studio's " + database.schemaVersion() + ". Upgrade the studio to restore it.");
        }
        List<TableData> tables = new ArrayList<>();
        for (Object o : list) {
            Map<?, ?> t = (Map<?, ?>) o;
            List<String> columns =
                    ((List<?>) t.get("columns")).stream().map(String::valueOf).toList();
            tables.add(new TableData(
                    (String) t.get("name"), columns, ((Number) t.get("rows")).longValue(), (String) t.get("sha256")));
        }
        return new Manifest(schema, tables, doc);
    }

    /** The one-line refusal of a file that is not a usable backup ({@code why} says what is wrong with it). */
    public static StudioException notABackup(Path file, String why, Exception cause) {
        return new StudioException(
                file + " is not a usable CinBoard backup: " + why + ". Nothing was changed;"
                        + " choose a file made by \"cinboard backup\".",
                cause);
    }

    /**
     * The studio's tables in the current schema. Flyway's history belongs to the migrations, and the render queue
     * (the job engine's units, the workers online, the cancelled renders) is the running team's state: a restored project that is not up to
     * date is queued again from its fingerprints, not from a queue copied from another day.
     */
    public static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                                + " AND table_type = 'BASE TABLE' AND table_name NOT IN"
                                + " ('flyway_schema_history', 'scheduled_tasks', 'render_workers', 'render_cancellations',"
                                + " 'render_unit_failures')"
                                + " ORDER BY table_name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    /** Tables ordered so that every referenced table is loaded before the tables that reference it. */
    private static List<String> parentsFirst(Connection c, List<String> tables) throws SQLException {
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        tables.forEach(t -> parents.put(t, new LinkedHashSet<>()));
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT child.relname, parent.relname FROM pg_constraint k"
                        + " JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid"
                        + " WHERE k.contype = 'f' AND child.relnamespace = current_schema()::text::regnamespace")) {
            while (rs.next()) {
                if (parents.containsKey(rs.getString(1)) && !rs.getString(1).equals(rs.getString(2))) {
                    parents.get(rs.getString(1)).add(rs.getString(2));
                }
            }
        }
        List<String> ordered = new ArrayList<>();
        while (ordered.size() < tables.size()) {
            boolean progress = false;
            for (String t : tables) {
                if (!ordered.contains(t) && ordered.containsAll(parents.get(t))) {
                    ordered.add(t);
                    progress = true;
                }
            }
            if (!progress) {
                throw new IllegalStateException("Foreign keys form a cycle among " + tables);
            }
        }
        return ordered;
    }

    private static String columnList(List<String> columns) {
        return String.join(", ", columns.stream().map(DatabaseBackup::quote).toList());
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** COPY closes the stream it writes; the zip must stay open for the next entry. */
    private static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // the temporary file is only clutter
            }
        }
    }
}
