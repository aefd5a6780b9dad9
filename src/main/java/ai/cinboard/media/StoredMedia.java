package ai.cinboard.media;

/**
 * A file as the store keeps it. {@code url} is what goes into a {@code *_url} column: at most
 * {@link MediaStore#MAX_URL_LENGTH} characters, and it resolves through the store that wrote it.
 */
public record StoredMedia(String url, String sha256, long size, String contentType) {}
