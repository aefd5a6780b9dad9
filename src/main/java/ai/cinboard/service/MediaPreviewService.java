package ai.cinboard.service;

import java.awt.image.BufferedImage;

/**
 * Decodes media for previews, from any MediaStore URL (local or S3). Blocking; results are cached by the
 * implementation. No JavaFX types: the UI converts.
 */
public interface MediaPreviewService {

    /** An image scaled to fit inside {@code maxWidth x maxHeight} (aspect kept). */
    BufferedImage image(String mediaUrl, int maxWidth, int maxHeight);

    /**
     * A thumbnail's pixels, scaled to fit {@code maxWidth x maxHeight}; kept in memory (an implementation bounds
     * that memory) so showing it again costs nothing. Blocking. Fails with the reason when there is no image.
     */
    default ThumbnailPixels thumbnail(String mediaUrl, int maxWidth, int maxHeight) {
        BufferedImage img = image(mediaUrl, maxWidth, maxHeight);
        if (img == null) {
            throw new ai.cinboard.domain.StudioException("The image " + mediaUrl + " could not be decoded.");
        }
        return ThumbnailPixels.of(img);
    }

    /** The thumbnail if it is in memory now, else null. Never blocks: the UI thread may ask. */
    default ThumbnailPixels thumbnailInMemory(String mediaUrl, int maxWidth, int maxHeight) {
        return null;
    }

    /** Bytes of thumbnail pixels held in memory. */
    default long thumbnailMemoryBytes() {
        return 0;
    }

    /** The video frame shown at {@code seconds} (frame-accurate; past the end, the last frame), scaled to fit. */
    BufferedImage videoFrame(String videoUrl, double seconds, int maxWidth, int maxHeight);

    /**
     * A waveform envelope: {@code buckets} peak values in 0..1 over the whole audio.
     */
    float[] waveform(String audioUrl, int buckets);

    /** The whole sound of an audio or video file, decoded for playback (PCM16, interleaved). */
    ai.cinboard.service.playback.PcmAudio audio(String mediaUrl);
}
