package ai.cinboard.media.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reframing and bitrate of {@link Transcoder}, on a tiny 2 s 320x180 source: a red disc in the centre (radius
 * 40), a green bar on the left edge and a yellow bar on the right, over a noisy blue background that changes
 * every frame (so the encoder spends whatever bitrate it is given).
 */
public class TranscoderTest {
    static final int SRC_W = 320;
    static final int SRC_H = 180;
    static final int FPS = 12;
    static final int RADIUS = 40;

    @TempDir
    Path tmp;

    /** Writes the test source; also used by the service-level MP4 export test. */
    public static Path source(Path file) {
        Random noise = new Random(7);
        short[] samples = new short[2 * AnimaticEncoder.AUDIO_RATE];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.round(0.3 * 32767 * Math.sin(2 * Math.PI * 440 * i / AnimaticEncoder.AUDIO_RATE));
        }
        try (AnimaticEncoder enc =
                new AnimaticEncoder(file, SRC_W, SRC_H, FPS, new Wav(samples, AnimaticEncoder.AUDIO_RATE, 1))) {
            for (int f = 0; f < 2 * FPS; f++) {
                BufferedImage img = new BufferedImage(SRC_W, SRC_H, BufferedImage.TYPE_3BYTE_BGR);
                for (int y = 0; y < SRC_H; y++) {
                    for (int x = 0; x < SRC_W; x++) {
                        int n = noise.nextInt(41) - 20;
                        img.setRGB(x, y, new Color(40 + n, 60 + n, 170 + n).getRGB());
                    }
                }
                Graphics2D g = img.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setColor(new Color(0, 200, 0));
                g.fillRect(0, 0, 40, SRC_H);
                g.setColor(new Color(240, 220, 0));
                g.fillRect(SRC_W - 40, 0, 40, SRC_H);
                g.setColor(new Color(230, 20, 20));
                g.fillOval(SRC_W / 2 - RADIUS, SRC_H / 2 - RADIUS, 2 * RADIUS, 2 * RADIUS);
                g.dispose();
                enc.writeFrame(img);
            }
            enc.finish();
        }
        return file;
    }

    static boolean red(int rgb) {
        Color c = new Color(rgb);
        return c.getRed() > 150 && c.getGreen() < 100 && c.getBlue() < 100;
    }

    static boolean green(int rgb) {
        Color c = new Color(rgb);
        return c.getGreen() > 150 && c.getRed() < 100 && c.getBlue() < 100;
    }

    static boolean yellow(int rgb) {
        Color c = new Color(rgb);
        return c.getRed() > 180 && c.getGreen() > 160 && c.getBlue() < 100;
    }

    /** Width and height of the red disc through the frame's centre, in pixels. */
    static int[] discSize(BufferedImage img) {
        int cx = img.getWidth() / 2;
        int cy = img.getHeight() / 2;
        int w = 0;
        for (int x = 0; x < img.getWidth(); x++) {
            w += red(img.getRGB(x, cy)) ? 1 : 0;
        }
        int h = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            h += red(img.getRGB(cx, y)) ? 1 : 0;
        }
        return new int[] {w, h};
    }

    /** Checks everything a reframed output must satisfy and returns its middle frame. */
    static BufferedImage checkOutput(Path out, Path src, int w, int h) {
        MediaInfo in = MediaProbe.probe(src);
        MediaInfo info = MediaProbe.probeAndDecode(out);
        assertEquals("h264", info.videoCodec());
        assertEquals("aac", info.audioCodec());
        assertEquals(w, info.width());
        assertEquals(h, info.height());
        assertEquals(in.durationSeconds(), info.durationSeconds(), 0.1, "duration");
        assertTrue(info.decodesCleanly(), "decodes cleanly: " + info);
        assertEquals(2 * FPS, info.decodedFrames());
        try (FrameExtractor fx = new FrameExtractor(out)) {
            BufferedImage mid = fx.frameAt(1.0);
            assertEquals(w, mid.getWidth());
            assertTrue(red(mid.getRGB(w / 2, h / 2)), "the centre stays red");
            int[] disc = discSize(mid);
            // not stretched: the disc stays round (within a few pixels of chroma blur at the edges)
            assertEquals(
                    disc[0], disc[1], Math.max(4, disc[1] * 0.04), "disc width vs height " + disc[0] + "x" + disc[1]);
            return mid;
        }
    }

    static boolean columnHas(BufferedImage img, int x, java.util.function.IntPredicate colour) {
        int y = img.getHeight() / 4; // above the disc
        return colour.test(img.getRGB(x, y));
    }

    @Test
    void scaledSizeCoversOrFits() {
        assertArrayEquals(new int[] {854, 480}, Transcoder.scaledSize(320, 180, 854, 480, Transcoder.Mode.CROP));
        assertArrayEquals(new int[] {1518, 854}, Transcoder.scaledSize(320, 180, 480, 854, Transcoder.Mode.CROP));
        assertArrayEquals(new int[] {853, 480}, Transcoder.scaledSize(320, 180, 480, 480, Transcoder.Mode.CROP));
        assertArrayEquals(new int[] {480, 270}, Transcoder.scaledSize(320, 180, 480, 854, Transcoder.Mode.FIT));
        assertArrayEquals(new int[] {480, 270}, Transcoder.scaledSize(320, 180, 480, 480, Transcoder.Mode.FIT));
    }

    @Test
    void wideKeepsTheWholePicture() throws Exception {
        Path src = source(tmp.resolve("src.mp4"));
        Path out = tmp.resolve("out/wide.mp4");
        List<long[]> progress = new ArrayList<>();
        Transcoder.transcode(
                src,
                out,
                new Transcoder.Target(854, 480, 1_800_000, Transcoder.Mode.CROP),
                (done, total) -> progress.add(new long[] {done, total}));
        BufferedImage mid = checkOutput(out, src, 854, 480);
        int[] disc = discSize(mid);
        // 2 * 40 px at 480/180 = 213 px
        assertEquals(213, disc[1], 8);
        assertTrue(columnHas(mid, 20, TranscoderTest::green), "left bar kept");
        assertTrue(columnHas(mid, 834, TranscoderTest::yellow), "right bar kept");
        assertEquals(2 * FPS, progress.get(progress.size() - 1)[0]);
        assertEquals(progress.get(progress.size() - 1)[0], progress.get(progress.size() - 1)[1]);
        try (var files = Files.list(out.getParent())) {
            assertEquals(List.of(out), files.toList(), "no .part file left behind");
        }
    }

    @Test
    void anExportKeepsAStereoFinalVideoStereo() throws Exception {
        // a final video with a music bed is stereo: here a tone on the left only
        int rate = AnimaticEncoder.AUDIO_RATE;
        short[] lr = new short[2 * rate * 2];
        for (int i = 0; i < lr.length / 2; i++) {
            lr[2 * i] = (short) Math.round(0.3 * 32767 * Math.sin(2 * Math.PI * 440 * i / rate));
        }
        Path src = tmp.resolve("stereo.mp4");
        try (AnimaticEncoder enc = new AnimaticEncoder(src, SRC_W, SRC_H, FPS, new Wav(lr, rate, 2), 300_000, 2)) {
            BufferedImage img = new BufferedImage(SRC_W, SRC_H, BufferedImage.TYPE_3BYTE_BGR);
            for (int f = 0; f < 2 * FPS; f++) {
                enc.writeFrame(img);
            }
            enc.finish();
        }
        Path out = tmp.resolve("vertical.mp4");
        Transcoder.transcode(src, out, new Transcoder.Target(180, 320, 600_000, Transcoder.Mode.CROP), (d, t) -> {});
        Wav audio = FinalComposer.sourceAudio(out, 2);
        assertEquals(2, audio.channels());
        double left = 0;
        double right = 0;
        for (int i = 0; i + 1 < audio.samples().length; i += 2) {
            left += Math.pow(audio.samples()[i], 2);
            right += Math.pow(audio.samples()[i + 1], 2);
        }
        assertTrue(left > 100 * right, "the left channel stays left: " + left + " vs " + right);
    }

    @Test
    void verticalAndSquareCropTheSidesAndKeepTheCentre() {
        Path src = source(tmp.resolve("src.mp4"));
        Path vertical = tmp.resolve("vertical.mp4");
        Transcoder.transcode(
                src,
                vertical,
                new Transcoder.Target(480, 854, 1_800_000, Transcoder.Mode.CROP),
                Transcoder.Progress.NONE);
        BufferedImage v = checkOutput(vertical, src, 480, 854);
        // full height: 2 * 40 px at 854/180 = 380 px, and the side bars are cropped away
        assertEquals(380, discSize(v)[1], 10);
        assertFalse(columnHas(v, 5, TranscoderTest::green));
        assertFalse(columnHas(v, 474, TranscoderTest::yellow));

        Path square = tmp.resolve("square.mp4");
        Transcoder.transcode(
                src,
                square,
                new Transcoder.Target(480, 480, 1_000_000, Transcoder.Mode.CROP),
                Transcoder.Progress.NONE);
        BufferedImage s = checkOutput(square, src, 480, 480);
        assertEquals(213, discSize(s)[1], 8);
        assertFalse(columnHas(s, 5, TranscoderTest::green));
        assertFalse(columnHas(s, 474, TranscoderTest::yellow));
    }

    @Test
    void fitPadsWithBlackInsteadOfCropping() {
        Path src = source(tmp.resolve("src.mp4"));
        Path out = tmp.resolve("fit.mp4");
        Transcoder.transcode(
                src, out, new Transcoder.Target(480, 480, 1_000_000, Transcoder.Mode.FIT), Transcoder.Progress.NONE);
        BufferedImage img = checkOutput(out, src, 480, 480);
        // 320x180 fits as 480x270, centred: black bars of 105 px above and below, both side bars visible
        Color top = new Color(img.getRGB(240, 40));
        assertTrue(top.getRed() < 30 && top.getGreen() < 30 && top.getBlue() < 30, "black pad: " + top);
        assertTrue(green(img.getRGB(20, 240)));
        assertTrue(yellow(img.getRGB(460, 240)));
        assertEquals(120, discSize(img)[0], 6);
    }

    @Test
    void higherBitrateMakesALargerFile() throws Exception {
        Path src = source(tmp.resolve("src.mp4"));
        Path low = tmp.resolve("low.mp4");
        Path high = tmp.resolve("high.mp4");
        Transcoder.transcode(
                src, low, new Transcoder.Target(854, 480, 400_000, Transcoder.Mode.CROP), Transcoder.Progress.NONE);
        Transcoder.transcode(
                src, high, new Transcoder.Target(854, 480, 3_000_000, Transcoder.Mode.CROP), Transcoder.Progress.NONE);
        long lowSize = Files.size(low);
        long highSize = Files.size(high);
        assertTrue(highSize > lowSize * 2, "high " + highSize + " vs low " + lowSize);
    }
}
