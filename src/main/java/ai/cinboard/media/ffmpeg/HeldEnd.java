package ai.cinboard.media.ffmpeg;

import ai.cinboard.domain.StudioException;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * A copy of a clip with its last picture held for longer: the handle an editor's transition runs on. A clip is as
 * long as its scene, and the render holds the clip's last picture through the transition into the next scene
 * ({@link FinalComposer}); an editor needs that picture as media past the clip's out point, or it shortens or
 * refuses the transition. The copy keeps the clip's size and rate; its sound is a silent track, as the editor
 * timelines take a clip's picture only.
 */
public final class HeldEnd {

    static {
        MediaProbe.quietFfmpeg();
    }

    private HeldEnd() {}

    /**
     * Writes {@code clip} to {@code out} with its last picture repeated for at least {@code seconds} more, and
     * returns the copy's probe.
     */
    public static MediaInfo extend(Path clip, Path out, double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("a clip is held for 0 s or more, not " + seconds);
        }
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(clip.toFile())) {
            // decoded straight to the encoder's own pixel format: no RGB round trip
            g.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            g.start();
            int fps = (int) Math.round(g.getFrameRate() > 0 ? g.getFrameRate() : 24);
            try (AnimaticEncoder enc = new AnimaticEncoder(out, g.getImageWidth(), g.getImageHeight(), fps, null)) {
                // The latest picture, copied as it comes: the grabber owns the buffer of the frame it returned,
                // and has let go of it by the time it says there are no more.
                Frame held = null;
                Frame f;
                while ((f = g.grabImage()) != null) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new CancellationException("Cancelled");
                    }
                    enc.writeFrame(f, avutil.AV_PIX_FMT_YUV420P);
                    if (held == null) {
                        held = FinalComposer.copyOf(f);
                    } else {
                        SubtitleBurner.whole(held).put(SubtitleBurner.whole(f));
                    }
                }
                if (held == null) {
                    throw new StudioException(
                            "The clip " + clip.getFileName() + " has no video frames. Render the scene's clip again.");
                }
                long more = (long) Math.ceil(seconds * fps - 1e-9);
                for (long i = 0; i < more; i++) {
                    enc.writeFrame(held, avutil.AV_PIX_FMT_YUV420P);
                }
                return enc.finish();
            }
        } catch (FrameGrabber.Exception e) {
            throw new StudioException(
                    "Could not read the clip " + clip.getFileName() + " (" + e.getMessage()
                            + "). Render the scene's clip again.",
                    e);
        }
    }
}
