package ai.cinboard.media.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decoded YUV frames written back as they are: the composer's re-encode path (transitions, burned-in subtitles,
 * held pictures). At a width the decoder pads (360 for 9:16 at 640 high: rows of 384 bytes), the colour planes
 * start where the padded layout puts them, not where a tight one would.
 */
class AnimaticEncoderTest {
    private static final int W = 360;
    private static final int H = 640;
    private static final Color[] QUADRANTS = {Color.RED, new Color(0, 160, 0), Color.BLUE, Color.WHITE};

    @Test
    void aDecodedFrameWithPaddedRowsIsEncodedWithItsOwnColours(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("source.mp4");
        try (AnimaticEncoder enc = new AnimaticEncoder(source, W, H, 12, null)) {
            for (int i = 0; i < 12; i++) {
                enc.writeFrame(quadrants());
            }
            enc.finish();
        }
        Path copy = dir.resolve("copy.mp4");
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(source.toFile());
                AnimaticEncoder enc = new AnimaticEncoder(copy, W, H, 12, null)) {
            g.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            g.setImageWidth(W);
            g.setImageHeight(H);
            g.start();
            Frame f;
            while ((f = g.grabImage()) != null) {
                assertTrue(f.imageStride > W, "the case under test: rows padded to " + f.imageStride + " bytes");
                enc.writeFrame(f, avutil.AV_PIX_FMT_YUV420P);
            }
            enc.finish();
        }
        try (FrameExtractor frames = new FrameExtractor(copy)) {
            BufferedImage out = frames.frameAt(0.5);
            int[][] centres = {{W / 4, H / 4}, {3 * W / 4, H / 4}, {W / 4, 3 * H / 4}, {3 * W / 4, 3 * H / 4}};
            for (int q = 0; q < 4; q++) {
                Color seen = new Color(out.getRGB(centres[q][0], centres[q][1]));
                Color want = QUADRANTS[q];
                int off = Math.abs(seen.getRed() - want.getRed())
                        + Math.abs(seen.getGreen() - want.getGreen())
                        + Math.abs(seen.getBlue() - want.getBlue());
                assertTrue(off < 60, "quadrant " + q + ": " + seen + " instead of " + want);
            }
            assertEquals(W, out.getWidth());
        }
    }

    private static BufferedImage quadrants() {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        for (int q = 0; q < 4; q++) {
            g.setColor(QUADRANTS[q]);
            g.fillRect((q % 2) * W / 2, (q / 2) * H / 2, W / 2, H / 2);
        }
        g.dispose();
        return img;
    }
}
