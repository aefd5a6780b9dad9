/**
 * Where media lives and how the UI previews it.
 *
 * <ul>
 *   <li>{@link ai.cinboard.media.MediaStore}: the port. {@link ai.cinboard.media.LocalMediaStore} writes
 *       {@code media://local/sha256/ab/<sha256>.<ext>} under {@code CINBOARD_HOME/media};
 *       {@link ai.cinboard.media.S3MediaStore} writes {@code s3://<bucket>/<prefix>/sha256/ab/<sha256>.<ext>}.
 *       Both are content-addressed, so storing the same bytes twice is harmless and every URL fits the
 *       VARCHAR(500) {@code *_url} columns.</li>
 *   <li>{@link ai.cinboard.media.MediaStores}: the one store the app hands out. It writes to the configured
 *       store and opens a URL only through the store that owns it.</li>
 *   <li>{@link ai.cinboard.media.PreviewCache}: local copies of remote media and thumbnails, LRU within a
 *       byte budget; {@link ai.cinboard.media.UrlGuard} keeps it from fetching internal addresses.</li>
 * </ul>
 * This package may use {@code cache} and {@code domain}; {@code media.ffmpeg} (encoding) is separate.
 */
package ai.cinboard.media;
