package ai.cinboard.service;

import java.awt.image.BufferedImage;

/**
 * Decodes media for previews, from any MediaStore URL (local or S3). Blocking; results are cached by the
 * implementation. No JavaFX types: the UI converts.
 */
public interface MediaPreviewService {

    /** An image scaled to fit inside {@code maxWidth x maxHeight} (aspect kept). */
    BufferedImage image(String mediaUrl, int maxWidth, int maxHeight);

    /** The video frame shown at {@code seconds} (frame-accurate), scaled to fit. */
    BufferedImage videoFrame(String videoUrl, double seconds, int maxWidth, int maxHeight);

    /**
     * A waveform envelope: {@code buckets} peak values in 0..1 over the whole audio.
     */
    float[] waveform(String audioUrl, int buckets);
}
