package ai.cinboard.service.preview;

import ai.cinboard.domain.StudioException;
import ai.cinboard.media.PreviewCache;
import ai.cinboard.media.ffmpeg.FrameExtractor;
import ai.cinboard.media.ffmpeg.Wav;
import ai.cinboard.service.MediaPreviewService;
import ai.cinboard.service.ThumbnailPixels;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Previews for the UI from any store (local or S3): images and thumbnails through the preview cache,
 * video frames decoded in-process (frame-accurate), and waveform envelopes of audio.
 */
public final class MediaPreviews implements MediaPreviewService {
    /** 50 MB of decoded thumbnails: about 870 storyboard thumbnails of 160 × 90. */
    public static final long THUMBNAIL_MEMORY_BYTES = 50L * 1024 * 1024;

    private final PreviewCache cache;
    /** Decoded thumbnails by URL and size, bounded by their bytes. */
    private final Cache<String, ThumbnailPixels> thumbnails;

    public MediaPreviews(PreviewCache cache) {
        this(cache, THUMBNAIL_MEMORY_BYTES);
    }

    public MediaPreviews(PreviewCache cache, long thumbnailMemoryBytes) {
        this.cache = cache;
        this.thumbnails = Caffeine.newBuilder()
                .maximumWeight(thumbnailMemoryBytes)
                .weigher((String k, ThumbnailPixels p) -> (int) Math.min(Integer.MAX_VALUE, p.bytes()))
                .build();
    }

    private static String key(String url, int w, int h) {
        return url + "@" + w + "x" + h;
    }

    @Override
    public ThumbnailPixels thumbnail(String mediaUrl, int maxWidth, int maxHeight) {
        String key = key(mediaUrl, maxWidth, maxHeight);
        ThumbnailPixels hit = thumbnails.getIfPresent(key);
        if (hit != null) {
            return hit;
        }
        BufferedImage img = image(mediaUrl, maxWidth, maxHeight);
        if (img == null) {
            throw new StudioException("The image " + mediaUrl + " could not be decoded.");
        }
        ThumbnailPixels made = ThumbnailPixels.of(img);
        thumbnails.put(key, made);
        return made;
    }

    @Override
    public ThumbnailPixels thumbnailInMemory(String mediaUrl, int maxWidth, int maxHeight) {
        return thumbnails.getIfPresent(key(mediaUrl, maxWidth, maxHeight));
    }

    @Override
    public long thumbnailMemoryBytes() {
        thumbnails.cleanUp();
        return thumbnails.asMap().values().stream()
                .mapToLong(ThumbnailPixels::bytes)
                .sum();
    }

    @Override
    public BufferedImage image(String mediaUrl, int maxWidth, int maxHeight) {
        try {
            return ImageIO.read(cache.thumbnail(mediaUrl, maxWidth, maxHeight).toFile());
        } catch (IOException e) {
            throw new StudioException("Could not show " + mediaUrl + ": " + e.getMessage(), e);
        }
    }

    @Override
    public BufferedImage videoFrame(String videoUrl, double seconds, int maxWidth, int maxHeight) {
        Path video = cache.original(videoUrl);
        try (FrameExtractor frames = new FrameExtractor(video)) {
            return fit(frames.frameAt(seconds), maxWidth, maxHeight);
        }
    }

    @Override
    public float[] waveform(String audioUrl, int buckets) {
        Wav wav = Wav.read(cache.original(audioUrl)).withChannels(1);
        short[] samples = wav.samples();
        float[] peaks = new float[Math.max(1, buckets)];
        if (samples.length == 0) {
            return peaks;
        }
        for (int b = 0; b < peaks.length; b++) {
            int from = (int) ((long) samples.length * b / peaks.length);
            int to = (int) Math.max(from + 1, (long) samples.length * (b + 1) / peaks.length);
            int peak = 0;
            for (int i = from; i < to && i < samples.length; i++) {
                peak = Math.max(peak, Math.abs((int) samples[i]));
            }
            peaks[b] = peak / 32768f;
        }
        return peaks;
    }

    static BufferedImage fit(BufferedImage src, int maxWidth, int maxHeight) {
        double scale =
                Math.min(1.0, Math.min((double) maxWidth / src.getWidth(), (double) maxHeight / src.getHeight()));
        if (scale >= 1.0) {
            return src;
        }
        int w = Math.max(1, (int) Math.round(src.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(src.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    @Override
    public ai.cinboard.service.playback.PcmAudio audio(String mediaUrl) {
        Wav w = ai.cinboard.media.ffmpeg.AudioDecoder.decode(cache.original(mediaUrl));
        return new ai.cinboard.service.playback.PcmAudio(w.samples(), w.sampleRate(), w.channels());
    }
}
