package ai.cinboard.media;

import ai.cinboard.domain.FileNames;
import ai.cinboard.domain.StudioException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where every image, clip and audio file lives. Stores are content-addressed: the same bytes always get
 * the same URL, so storing again after a crash or a retry is harmless. Failures the user can fix are
 * {@link StudioException}s that name the setting involved.
 */
public interface MediaStore {
    /** The width of the {@code *_url} columns. */
    int MAX_URL_LENGTH = 500;

    /**
     * Stores the stream's bytes; returns only after they are completely and durably stored.
     *
     * @param extensionHint a file extension like "png" or ".mp4"; anything unsafe is replaced by "bin"
     */
    StoredMedia put(InputStream in, String contentType, String extensionHint);

    default StoredMedia putFile(Path file, String contentType) {
        try (InputStream in = Files.newInputStream(file)) {
            return put(in, contentType, FileNames.extension(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** True if this store wrote (or could have written) the URL. */
    boolean owns(String url);

    InputStream open(String url);

    boolean exists(String url);

    /**
     * Removes the bytes. Content addressing means two rows that hold the same bytes hold the same URL, so
     * the caller must make sure no other row still refers to it (a reference count or a sweep).
     */
    void delete(String url);

    long size(String url);

    /**
     * Every object this store holds (for the media retention sweep). The stream may hold open files or
     * connections: close it.
     */
    java.util.stream.Stream<MediaItem> list();

    /** Something the UI can load directly: a file: URI for local media, a short-lived presigned GET for S3. */
    URI previewUri(String url);

    /** A real round trip to the store, for doctor. Never throws. */
    MediaHealth health();
}
