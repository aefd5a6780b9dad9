package ai.cinboard.generation.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.generation.CharacterLook;
import ai.cinboard.generation.ClipRequest;
import ai.cinboard.generation.GeneratedClip;
import ai.cinboard.generation.KeyframeRequest;
import ai.cinboard.generation.Progress;
import ai.cinboard.generation.ShotType;
import ai.cinboard.media.ffmpeg.FrameExtractor;
import ai.cinboard.media.ffmpeg.MediaInfo;
import ai.cinboard.media.ffmpeg.MediaProbe;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalVideoEngineTest {
    @TempDir
    Path dir;

    List<Path> keyframes(String caption) throws Exception {
        LocalImageEngine img = new LocalImageEngine();
        List<CharacterLook> cast = List.of(new CharacterLook("Mara", "", "char:mara:7f3a", null));
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            KeyframeRequest r = new KeyframeRequest(
                    i == 1 ? "INT. KITCHEN - NIGHT" : "EXT. FOREST - DAY",
                    "",
                    "",
                    "",
                    "",
                    caption,
                    "en",
                    ShotType.forSequence(i),
                    cast,
                    100 + i,
                    320,
                    180);
            Path p = dir.resolve("kf" + i + ".png");
            Files.write(p, img.keyframe(r, Progress.NONE).bytes());
            out.add(p);
        }
        return out;
    }

    @Test
    void clipIsH264AacOfTheRequestedDurationAndMovesDeterministically() throws Exception {
        List<Path> kf = keyframes("A walk in the woods.");
        LocalVideoEngine engine = new LocalVideoEngine();
        ClipRequest req =
                new ClipRequest(kf, List.of(0.4, 1.25, 2.1), 2.5, 320, 180, 12, null, dir.resolve("clip.mp4"));
        GeneratedClip clip = engine.clip(req, Progress.NONE);
        MediaInfo info = MediaProbe.probeAndDecode(clip.file());
        assertEquals("h264", info.videoCodec());
        assertEquals("aac", info.audioCodec());
        assertEquals(2.5, info.durationSeconds(), 0.1);
        assertEquals(30, info.decodedFrames());
        assertTrue(info.decodesCleanly());
        assertEquals(320, info.width());
        assertEquals(12.0, info.fps(), 0.01);
        BigDecimal q = QualityScores.clip(info, 2.5);
        assertTrue(q.compareTo(new BigDecimal("0.90")) >= 0, "clip quality " + q);

        // the middle keyframe (a night interior) is what shows at its time; the first (a day forest) at the start
        try (FrameExtractor fx = new FrameExtractor(clip.file())) {
            BufferedImage start = fx.frameAt(0.1);
            BufferedImage middle = fx.frameAt(1.25);
            assertTrue(topLuma(start) > topLuma(middle) + 40, topLuma(start) + " vs " + topLuma(middle));
        }

        GeneratedClip again = engine.clip(
                new ClipRequest(kf, List.of(0.4, 1.25, 2.1), 2.5, 320, 180, 12, null, dir.resolve("clip2.mp4")),
                Progress.NONE);
        assertEquals(
                clip.generationParams().get("camera_moves"),
                again.generationParams().get("camera_moves"));
        GeneratedClip other = engine.clip(
                new ClipRequest(keyframes("Another scene."), null, 2.0, 320, 180, 12, null, dir.resolve("clip3.mp4")),
                Progress.NONE);
        assertNotEquals(
                clip.generationParams().get("camera_moves"),
                other.generationParams().get("camera_moves"));
        assertEquals(2.0, MediaProbe.probe(other.file()).durationSeconds(), 0.1);
    }

    @Test
    void keyframeCaptionIsDrawnInsideItsRegion() throws Exception {
        List<Path> kf = keyframes("Wide awake, Mara walks the whole length of the forest road until the lamps go out "
                + "one after another, and still she waits for the bus that never comes.");
        BufferedImage img = javax.imageio.ImageIO.read(kf.get(0).toFile());
        java.awt.geom.Rectangle2D.Double cap = Framing.WIDE.captionText();
        int inside = 0;
        int outside = 0;
        for (int y = (int) (cap.y * 180); y < 180; y++) {
            for (int x = 0; x < 320; x++) {
                int p = img.getRGB(x, y);
                boolean white = ((p >> 16) & 0xff) > 200 && ((p >> 8) & 0xff) > 200 && (p & 0xff) > 200;
                if (!white) {
                    continue;
                }
                boolean in = x >= cap.x * 320 - 1
                        && x <= (cap.x + cap.width) * 320 + 1
                        && y <= (cap.y + cap.height) * 180 + 1;
                if (in) {
                    inside++;
                } else {
                    outside++;
                }
            }
        }
        assertTrue(inside > 200, "caption text drawn: " + inside);
        assertEquals(0, outside, "caption text outside its region");
    }

    /**
     * Markers of four colours at the corners of the caption region: every frame of every clip must still show all
     * four, whatever zoom and pan the keyframes' bytes chose, so no caption letter is cut off by a camera move.
     */
    @Test
    void cameraMovesKeepTheCaptionRegionInsideTheFrame() throws Exception {
        java.awt.Color[] colours = {java.awt.Color.RED, java.awt.Color.GREEN, java.awt.Color.BLUE, java.awt.Color.YELLOW
        };
        java.awt.geom.Rectangle2D.Double cap = Framing.WIDE.captionText();
        int w = 320, h = 180, box = 8;
        int[][] corners = {
            {(int) Math.ceil(cap.x * w), (int) Math.ceil(cap.y * h)},
            {(int) ((cap.x + cap.width) * w) - box, (int) Math.ceil(cap.y * h)},
            {(int) Math.ceil(cap.x * w), (int) ((cap.y + cap.height) * h) - box},
            {(int) ((cap.x + cap.width) * w) - box, (int) ((cap.y + cap.height) * h) - box}
        };
        LocalVideoEngine engine = new LocalVideoEngine();
        // one keyframe per clip, so no crossfade blends the markers; each clip's move is seeded differently
        for (int clipNo = 0; clipNo < 8; clipNo++) {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = img.createGraphics();
            g.setColor(java.awt.Color.GRAY);
            g.fillRect(0, 0, w, h);
            g.setColor(new java.awt.Color(clipNo * 30, 60, 7));
            g.fillRect(w / 2, 10, 1, 1);
            for (int c = 0; c < 4; c++) {
                g.setColor(colours[c]);
                g.fillRect(corners[c][0], corners[c][1], box, box);
            }
            g.dispose();
            Path p = dir.resolve("marker" + clipNo + ".png");
            javax.imageio.ImageIO.write(img, "png", p.toFile());
            GeneratedClip clip = engine.clip(
                    new ClipRequest(List.of(p), null, 2.0, w, h, 12, null, dir.resolve("markers" + clipNo + ".mp4")),
                    Progress.NONE);
            try (FrameExtractor fx = new FrameExtractor(clip.file())) {
                for (int f = 0; f < 24; f += 3) {
                    BufferedImage frame = fx.frameAt(f / 12.0);
                    for (int c = 0; c < 4; c++) {
                        assertTrue(
                                shows(frame, colours[c]),
                                "clip " + clipNo + " frame " + f + " lost caption corner " + c + "; move "
                                        + clip.generationParams().get("camera_moves"));
                    }
                }
            }
        }
    }

    /** At least a few pixels close to the colour (the markers survive H.264 as small blocks, not exact pixels). */
    private static boolean shows(BufferedImage img, java.awt.Color c) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                int d = Math.abs(((p >> 16) & 0xff) - c.getRed())
                        + Math.abs(((p >> 8) & 0xff) - c.getGreen())
                        + Math.abs((p & 0xff) - c.getBlue());
                if (d < 90) {
                    n++;
                }
            }
        }
        return n >= 6;
    }

    private static double topLuma(BufferedImage img) {
        double s = 0;
        int n = 0;
        for (int y = 0; y < img.getHeight() / 3; y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                s += 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
                n++;
            }
        }
        return s / n;
    }
}
