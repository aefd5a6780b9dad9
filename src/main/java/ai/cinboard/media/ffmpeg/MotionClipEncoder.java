package ai.cinboard.media.ffmpeg;

import ai.cinboard.domain.StudioException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Makes a server's animation into a studio clip: an animated image (APNG, GIF), a video (MP4, WebM …) or a folder
 * of still frames becomes an H.264 + AAC MP4 at the clip's size, frame rate and exact length.
 * <p>
 * Video models make a second or two of motion while a scene lasts several, so the animation is spread evenly
 * over the whole scene (each source frame is held for the same share of it): slower motion, but no loop seams
 * and no frozen tail. Pictures of another aspect ratio are scaled to cover the frame and centre-cropped, as in
 * {@link Transcoder}. The file is written beside {@code out} and moved into place only when complete.
 */
public final class MotionClipEncoder {
    static {
        MediaProbe.quietFfmpeg();
    }

    private MotionClipEncoder() {}

    /**
     * @param source a video or animated image file, or a directory of still frames (taken in name order)
     * @param audio  voiceover to mux, or null for the silent AAC track every clip has
     */
    public static MediaInfo encode(Path source, Path out, int width, int height, int fps, double seconds, Wav audio) {
        if (seconds <= 0 || fps <= 0) {
            throw new StudioException(
                    "A clip needs a positive duration and frame rate (got " + seconds + " s at " + fps + " fps).");
        }
        long total = Math.max(1, Math.round(seconds * fps));
        Path target = out.toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".part.mp4");
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        MediaInfo info;
        try (Frames frames = Files.isDirectory(source) ? new FolderFrames(source) : new VideoFrames(source);
                AnimaticEncoder encoder = new AnimaticEncoder(tmp, width, height, fps, audio)) {
            int count = frames.count();
            int shown = -1;
            BufferedImage picture = null;
            for (long i = 0; i < total; i++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new StudioException("Clip encoding was cancelled.");
                }
                int wanted = (int) Math.min(count - 1, i * count / total);
                while (shown < wanted) {
                    picture = frames.next();
                    shown++;
                }
                draw(canvas, picture);
                encoder.writeFrame(canvas);
            }
            info = encoder.finish();
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StudioException("Could not write the clip " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover .part file in the work folder is harmless; the real outcome is already decided
            }
        }
        return info;
    }

    private static void draw(BufferedImage canvas, BufferedImage picture) {
        int[] size = Transcoder.scaledSize(
                picture.getWidth(), picture.getHeight(), canvas.getWidth(), canvas.getHeight(), Transcoder.Mode.CROP);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(
                    picture,
                    (canvas.getWidth() - size[0]) / 2,
                    (canvas.getHeight() - size[1]) / 2,
                    size[0],
                    size[1],
                    null);
        } finally {
            g.dispose();
        }
    }

    /** The source's pictures in order; {@link #count()} is known before the first one is read. */
    private interface Frames extends AutoCloseable {
        int count();

        BufferedImage next();

        @Override
        void close();
    }

    private static final class FolderFrames implements Frames {
        private final List<Path> files;
        private int next;

        FolderFrames(Path dir) {
            try (var list = Files.list(dir)) {
                files = list.filter(Files::isRegularFile).sorted().toList();
            } catch (IOException e) {
                throw new StudioException("Cannot read the frames in " + dir + ": " + e.getMessage(), e);
            }
            if (files.isEmpty()) {
                throw new StudioException("The folder " + dir + " has no frames to make a clip from.");
            }
        }

        @Override
        public int count() {
            return files.size();
        }

        @Override
        public BufferedImage next() {
            Path f = files.get(next++);
            try {
                BufferedImage image = ImageIO.read(f.toFile());
                if (image == null) {
                    throw new StudioException("The frame " + f + " is not an image the studio can read (PNG or JPEG).");
                }
                return image;
            } catch (IOException e) {
                throw new StudioException("Cannot read the frame " + f + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {}
    }

    /** Counted in a first pass (headers of animated images rarely say how many frames they hold), read in a second. */
    private static final class VideoFrames implements Frames {
        private final Path file;
        private final int count;
        private final FFmpegFrameGrabber grabber;

        VideoFrames(Path file) {
            this.file = file;
            this.count = countFrames(file);
            grabber = new FFmpegFrameGrabber(file.toFile());
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            try {
                grabber.start();
            } catch (FrameGrabber.Exception e) {
                throw unreadable(file, e);
            }
        }

        private static int countFrames(Path file) {
            try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
                g.start();
                int n = 0;
                while (g.grabImage() != null) {
                    n++;
                }
                if (n == 0) {
                    throw new StudioException("FFmpeg found no frames in " + file.getFileName() + ". Animated WebP "
                            + "cannot be decoded here: end the ComfyUI template with SaveAnimatedPNG, SaveWEBM or a "
                            + "video node (e.g. VHS_VideoCombine with video/h264-mp4) instead.");
                }
                return n;
            } catch (FrameGrabber.Exception e) {
                throw unreadable(file, e);
            }
        }

        private static StudioException unreadable(Path file, Exception e) {
            return new StudioException(
                    "FFmpeg cannot read the clip " + file.getFileName() + " (" + e.getMessage()
                            + "). The server sent a damaged or unsupported file; check the template's output node.",
                    e);
        }

        @Override
        public int count() {
            return count;
        }

        @Override
        public BufferedImage next() {
            try {
                Frame f = grabber.grabImage();
                if (f == null) {
                    throw new StudioException("The clip " + file.getFileName() + " ended early; the file is damaged.");
                }
                return bgr(f);
            } catch (FrameGrabber.Exception e) {
                throw unreadable(file, e);
            }
        }

        /**
         * Copies a BGR24 frame row by row. Java2DFrameConverter infers the channel count from the row stride, which
         * FFmpeg pads for alignment, so widths like 96 would come out as garbled 4-channel pictures.
         */
        private static BufferedImage bgr(Frame f) {
            BufferedImage image = new BufferedImage(f.imageWidth, f.imageHeight, BufferedImage.TYPE_3BYTE_BGR);
            byte[] pixels = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
            java.nio.ByteBuffer data = ((java.nio.ByteBuffer) f.image[0]).duplicate();
            int row = f.imageWidth * 3;
            for (int y = 0; y < f.imageHeight; y++) {
                data.position(y * f.imageStride);
                data.get(pixels, y * row, row);
            }
            return image;
        }

        @Override
        public void close() {
            try {
                grabber.close();
            } catch (FrameGrabber.Exception ignored) {
                // closing a read-only demuxer cannot lose data
            }
        }
    }
}
