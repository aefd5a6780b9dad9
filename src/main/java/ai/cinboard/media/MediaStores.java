package ai.cinboard.media;

import ai.cinboard.domain.StudioException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The studio's one MediaStore: new media goes to the configured store; a stored URL is served by the
 * store that wrote it (for instance local media made before a team switched to S3). A URL that belongs
 * to no configured store is refused, so a row can't make the studio read from anywhere it likes.
 */
public final class MediaStores implements MediaStore {
    private final MediaStore writer;
    private final List<MediaStore> stores;

    /** @param readOnly further stores whose URLs can still be opened, e.g. the local store under S3 */
    public MediaStores(MediaStore writer, MediaStore... readOnly) {
        this.writer = Objects.requireNonNull(writer, "writer");
        List<MediaStore> all = new ArrayList<>();
        all.add(writer);
        all.addAll(List.of(readOnly));
        this.stores = List.copyOf(all);
    }

    public MediaStore writer() {
        return writer;
    }

    public MediaStore storeFor(String url) {
        for (MediaStore s : stores) {
            if (s.owns(url)) {
                return s;
            }
        }
        throw new StudioException("The media URL '" + abbreviate(url) + "' belongs to no configured media store. "
                + "It was made with another configuration: set CINBOARD_HOME, or CINBOARD_S3_BUCKET and "
                + "CINBOARD_S3_ENDPOINT, as they were when it was made.");
    }

    @Override
    public StoredMedia put(InputStream in, String contentType, String extensionHint) {
        return writer.put(in, contentType, extensionHint);
    }

    @Override
    public StoredMedia putFile(java.nio.file.Path file, String contentType) {
        return writer.putFile(file, contentType);
    }

    @Override
    public boolean owns(String url) {
        return stores.stream().anyMatch(s -> s.owns(url));
    }

    @Override
    public InputStream open(String url) {
        return storeFor(url).open(url);
    }

    @Override
    public boolean exists(String url) {
        return storeFor(url).exists(url);
    }

    @Override
    public void delete(String url) {
        storeFor(url).delete(url);
    }

    @Override
    public long size(String url) {
        return storeFor(url).size(url);
    }

    /** The writer's objects, then each read-only store's (opened lazily, closed with the stream). */
    @Override
    public java.util.stream.Stream<MediaItem> list() {
        return stores.stream().flatMap(MediaStore::list);
    }

    @Override
    public URI previewUri(String url) {
        return storeFor(url).previewUri(url);
    }

    @Override
    public MediaHealth health() {
        return writer.health();
    }

    private static String abbreviate(String url) {
        if (url == null) {
            return "null";
        }
        return url.length() > 120 ? url.substring(0, 117) + "..." : url;
    }
}
