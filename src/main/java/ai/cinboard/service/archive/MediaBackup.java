package ai.cinboard.service.archive;

import ai.cinboard.domain.StudioException;
import ai.cinboard.media.MediaStore;
import ai.cinboard.persistence.DatabaseBackup;
import ai.cinboard.service.ProjectArchiveService.Progress;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * {@code backup --with-media}: every media file a row refers to (in the backup's own snapshot), in the backup file
 * as {@link MediaBundle} entries under the manifest's {@code media} key. A restore checks them all before the
 * database changes and stores them in the configured store before the restored rows commit. The rows keep their
 * URLs, so the store that takes the files must be the kind that wrote them (local media into a local store, a
 * bucket's into that bucket); otherwise the restore is refused before anything changes.
 */
public final class MediaBackup implements DatabaseBackup.Attachment {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MediaStore all;
    private final MediaStore writer;
    private final Progress progress;
    private int files;
    private long bytes;

    /**
     * @param all every configured store, to read what rows refer to
     * @param writer the store new media goes to, which takes the files on restore
     */
    public MediaBackup(MediaStore all, MediaStore writer, Progress progress) {
        this.all = all;
        this.writer = writer;
        this.progress = progress;
    }

    @Override
    public String key() {
        return "media";
    }

    @Override
    public Object write(Connection snapshot, ZipOutputStream zip) throws IOException, SQLException {
        Set<String> urls = new LinkedHashSet<>();
        for (String table : DatabaseBackup.tables(snapshot)) {
            try (Statement st = snapshot.createStatement();
                    ResultSet rs = st.executeQuery(
                            "SELECT row_to_json(t)::text FROM \"" + table.replace("\"", "\"\"") + "\" t")) {
                while (rs.next()) {
                    MediaBundle.collectUrls(JSON.readTree(rs.getString(1)), urls);
                }
            }
        }
        MediaBundle bundle = new MediaBundle(all, StudioException::new);
        List<MediaBundle.Entry> entries = bundle.describe(urls);
        List<Map<String, Object>> section = bundle.write(zip, entries, progress);
        files = entries.size();
        bytes = entries.stream().mapToLong(MediaBundle.Entry::size).sum();
        return section;
    }

    @Override
    public void verify(Object section, ZipFile zip, Path file) throws IOException {
        List<MediaBundle.Entry> entries = entries(section, file);
        for (MediaBundle.Entry e : entries) {
            if (!writer.owns(e.url())) {
                throw new StudioException("The backup " + file + " holds media of another store (" + e.url()
                        + "), and its rows name it there. Restore it with the media settings it was made with"
                        + " (CINBOARD_HOME, or CINBOARD_S3_BUCKET and CINBOARD_S3_ENDPOINT). Nothing was changed.");
            }
        }
        bundle(file).verify(zip, entries, progress);
    }

    @Override
    public void store(Object section, ZipFile zip, Path file) throws IOException {
        List<MediaBundle.Entry> entries = entries(section, file);
        Map<String, String> urls = bundle(file).store(zip, entries, progress);
        urls.forEach((from, to) -> {
            if (!from.equals(to)) {
                throw new StudioException("Restoring " + file + ": the media " + from + " was stored as " + to
                        + ", so its rows would not find it. Nothing was changed; restore with the media settings"
                        + " the backup was made with.");
            }
        });
        files = entries.size();
        bytes = entries.stream().mapToLong(MediaBundle.Entry::size).sum();
    }

    /** Media files the last backup wrote or restore stored. */
    public int files() {
        return files;
    }

    public long bytes() {
        return bytes;
    }

    private List<MediaBundle.Entry> entries(Object section, Path file) {
        JsonNode list = JSON.valueToTree(section);
        return bundle(file).parse(list);
    }

    private MediaBundle bundle(Path file) {
        return new MediaBundle(writer, why -> DatabaseBackup.notABackup(file, why, null));
    }
}
