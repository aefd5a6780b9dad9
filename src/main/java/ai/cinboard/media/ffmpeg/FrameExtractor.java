package ai.cinboard.media.ffmpeg;

import ai.cinboard.domain.StudioException;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Decodes single frames of a video by time, for timeline scrubbing and thumbnails. Keep one open per file while
 * scrubbing: opening the demuxer costs more than a seek. Not thread-safe; use one per thread.
 */
public final class FrameExtractor implements AutoCloseable {
    static {
        MediaProbe.quietFfmpeg();
    }

    private final FFmpegFrameGrabber grabber;
    private final Java2DFrameConverter converter = new Java2DFrameConverter();
    private final double duration;

    public FrameExtractor(Path video) {
        grabber = new FFmpegFrameGrabber(video.toFile());
        grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        try {
            grabber.start();
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new StudioException(
                    "Cannot open the video " + video + " (" + e.getMessage() + "). Render it again.", e);
        }
        duration = grabber.getLengthInTime() / 1_000_000.0;
    }

    public double durationSeconds() {
        return duration;
    }

    /**
     * The frame shown at {@code seconds}: the last frame whose presentation time is not after it. JavaCV's
     * setTimestamp alone can land one frame off, so we seek a little earlier (FFmpeg goes back to the keyframe and
     * decodes forward) and then step frame by frame to the exact one. Times past the end give the last frame.
     */
    public BufferedImage frameAt(double seconds) {
        double fps = grabber.getFrameRate() > 0 ? grabber.getFrameRate() : 25;
        long frameUs = Math.round(1_000_000 / fps);
        long target = Math.round(Math.max(0, Math.min(seconds, duration)) * 1_000_000);
        // a quarter frame of slack absorbs rounding of the stream's time base
        long limit = target + frameUs / 4;
        try {
            grabber.setTimestamp(Math.max(0, target - 2 * frameUs), true);
            BufferedImage best = null;
            Frame f;
            while ((f = grabber.grabImage()) != null) {
                if (best != null && f.timestamp > limit) {
                    break;
                }
                best = copy(converter.convert(f));
                if (f.timestamp > limit) {
                    break; // the seek already passed the target (first frame after it); nothing earlier is decodable
                }
            }
            if (best == null) {
                throw new StudioException("No frame at " + seconds + " s in the video. Render it again.");
            }
            return best;
        } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
            throw new StudioException("Cannot decode the frame at " + seconds + " s (" + e.getMessage() + ").", e);
        }
    }

    /** The converter reuses its buffer on the next call, so hand out a copy the caller can keep. */
    private static BufferedImage copy(BufferedImage shared) {
        BufferedImage copy = new BufferedImage(shared.getWidth(), shared.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        copy.getGraphics().drawImage(shared, 0, 0, null);
        return copy;
    }

    @Override
    public void close() {
        try {
            grabber.close();
        } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
            // closing a read-only demuxer cannot lose data; nothing useful to report
        }
        converter.close();
    }
}
