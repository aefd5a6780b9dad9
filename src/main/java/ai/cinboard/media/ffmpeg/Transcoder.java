package ai.cinboard.media.ffmpeg;

import ai.cinboard.domain.StudioException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Re-encodes a finished MP4 to another frame size and video bitrate, reframing instead of stretching.
 * <p>
 * {@link Mode#CROP} (the default) scales the source to <em>cover</em> the target, keeping its pixel aspect, and
 * cuts the overflow evenly from both sides: a 16:9 story exported at 9:16 keeps its centre, at full height.
 * {@link Mode#FIT} scales to fit inside and pads with black (letter- or pillar-box), when nothing may be lost.
 * The scaling itself is FFmpeg's (swscale on decode); the crop or pad is a plain Java2D copy.
 * <p>
 * Video is H.264 (libopenh264) at the requested bitrate; audio is re-encoded as AAC 128 kbps (mono, 48 kHz,
 * the studio's track layout), both through {@link AnimaticEncoder}. Every source frame is written once at the
 * source's frame rate, so the duration is kept. The file is written beside {@code out} and moved into place
 * only when it has been verified: H.264/AAC, the requested size and the source duration within 0.1 s.
 */
public final class Transcoder {

    static {
        MediaProbe.quietFfmpeg();
    }

    /** How the picture is made to fit a frame of another aspect ratio. */
    public enum Mode {
        CROP,
        FIT
    }

    /** Output frame size (even), target video bitrate in bit/s and reframing mode. */
    public record Target(int width, int height, int videoBitrate, Mode mode) {
        public Target {
            Objects.requireNonNull(mode, "mode");
            if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
                throw new IllegalArgumentException("target size must be positive and even: " + width + "x" + height);
            }
            if (videoBitrate <= 0) {
                throw new IllegalArgumentException("video bitrate must be positive: " + videoBitrate);
            }
        }
    }

    /** Frames done out of the total (the total is the container's estimate, so done may pass it slightly). */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> {};

        void frames(long done, long total);
    }

    /** Largest allowed difference between source and output duration, in seconds. */
    public static final double DURATION_TOLERANCE = 0.1;

    private Transcoder() {}

    /**
     * The scaled size of a {@code srcW x srcH} picture before it is cropped (CROP: covers the target) or padded
     * (FIT: fits inside it). Same aspect as the source, to the nearest pixel.
     */
    public static int[] scaledSize(int srcW, int srcH, int targetW, int targetH, Mode mode) {
        double sx = targetW / (double) srcW;
        double sy = targetH / (double) srcH;
        double s = mode == Mode.CROP ? Math.max(sx, sy) : Math.min(sx, sy);
        int w = (int) Math.round(srcW * s);
        int h = (int) Math.round(srcH * s);
        if (mode == Mode.CROP) {
            return new int[] {Math.max(w, targetW), Math.max(h, targetH)};
        }
        return new int[] {Math.min(Math.max(w, 1), targetW), Math.min(Math.max(h, 1), targetH)};
    }

    /** Transcodes {@code source} to {@code out}; returns the verified probe of the result. Blocking. */
    public static MediaInfo transcode(Path source, Path out, Target target, Progress progress) {
        Objects.requireNonNull(progress, "progress");
        MediaInfo src = MediaProbe.probe(source);
        if (src.videoCodec() == null || src.width() <= 0 || src.height() <= 0) {
            throw new StudioException("The final video " + source + " has no picture. Render the project again.");
        }
        Path parent = out.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            // a name of its own, not a temp file: those are private to their owner, and the video is the user's
            // file like any other they save (created with the usual permissions)
            tmp = parent.resolve(".cinboard-mp4-" + java.util.UUID.randomUUID() + ".part");
            MediaInfo info = encode(source, src, tmp, target, progress);
            if (info.width() != target.width() || info.height() != target.height()) {
                throw new StudioException("The exported video is " + info.width() + "x" + info.height() + " instead of "
                        + target.width() + "x" + target.height() + ".");
            }
            if (Math.abs(info.durationSeconds() - src.durationSeconds()) > DURATION_TOLERANCE) {
                throw new StudioException(String.format(
                        java.util.Locale.ROOT,
                        "The exported video lasts %.2f s but the final video %.2f s. Render the project again.",
                        info.durationSeconds(),
                        src.durationSeconds()));
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return info;
        } catch (IOException e) {
            throw new StudioException(
                    "Could not write " + out + ": " + e.getMessage()
                            + ". Choose a folder you can write to with enough free space.",
                    e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray .part file in the user's folder is harmless; the real error is already on its way
                }
            }
        }
    }

    private static MediaInfo encode(Path source, MediaInfo src, Path tmp, Target target, Progress progress) {
        int[] scaled = scaledSize(src.width(), src.height(), target.width(), target.height(), target.mode());
        int x = (target.width() - scaled[0]) / 2; // negative for CROP: centre crop; positive for FIT: centred pad
        int y = (target.height() - scaled[1]) / 2;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(source.toFile());
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            g.setImageWidth(scaled[0]);
            g.setImageHeight(scaled[1]);
            g.start();
            int fps = (int) Math.round(g.getFrameRate() > 0 ? g.getFrameRate() : 24);
            long total = Math.max(1, g.getLengthInVideoFrames());
            double seconds = src.durationSeconds() > 0 ? src.durationSeconds() : total / (double) fps;
            Wav audio = src.hasAudio() ? FinalComposer.sourceAudio(source, seconds) : null;
            BufferedImage canvas = new BufferedImage(target.width(), target.height(), BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D gfx = canvas.createGraphics();
            try (AnimaticEncoder enc = new AnimaticEncoder(
                    tmp,
                    target.width(),
                    target.height(),
                    fps,
                    audio,
                    target.videoBitrate(),
                    audio == null ? AnimaticEncoder.AUDIO_CHANNELS : audio.channels())) {
                progress.frames(0, total);
                Frame f;
                long done = 0;
                while ((f = g.grabImage()) != null) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new StudioException("The MP4 export was cancelled.");
                    }
                    BufferedImage picture = converter.convert(f);
                    if (target.mode() == Mode.FIT) {
                        gfx.setColor(Color.BLACK);
                        gfx.fillRect(0, 0, target.width(), target.height());
                    }
                    gfx.drawImage(picture, x, y, null);
                    enc.writeFrame(canvas);
                    done++;
                    progress.frames(done, Math.max(total, done));
                }
                if (done == 0) {
                    throw new StudioException("The final video " + source + " has no video frames. Render it again.");
                }
                return enc.finish();
            } finally {
                gfx.dispose();
            }
        } catch (FrameGrabber.Exception e) {
            throw new StudioException(
                    "FFmpeg cannot read " + source + " (" + e.getMessage()
                            + "). The final video is damaged; render it again.",
                    e);
        }
    }
}
