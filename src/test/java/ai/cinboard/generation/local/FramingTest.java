package ai.cinboard.generation.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.generation.CharacterLook;
import ai.cinboard.generation.GeneratedImage;
import ai.cinboard.generation.KeyframeRequest;
import ai.cinboard.generation.Progress;
import ai.cinboard.generation.ShotType;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Keyframes composed for their frame: in 9:16 and 1:1 every shown character's head and the caption text lie inside
 * the frame's safe area (a vertical frame keeps clear of the bottom fifth, where phone apps draw over the video),
 * and the caption's white text pixels are found only there. The panels are written to target/screenshots.
 */
class FramingTest {
    private static final List<CharacterLook> CAST = List.of(
            new CharacterLook("Mara", "", "char:mara:7f3a", null),
            new CharacterLook("Ivan", "", "char:ivan:11c0", null),
            new CharacterLook("Yuki", "", "char:yuki:9d42", null),
            new CharacterLook("Omar", "", "char:omar:5b18", null));

    private static final String CAPTION = "At the end of the pier the four of them wait for the last ferry, "
            + "and nobody says what they all know: it is not coming tonight.";

    static GeneratedImage keyframe(ShotType shot, int w, int h, int take) {
        return new LocalImageEngine()
                .keyframe(
                        new KeyframeRequest(
                                "EXT. HARBOUR - NIGHT",
                                "harbour",
                                "night",
                                "Four friends on the pier by the sea",
                                "Four friends on the pier by the sea",
                                CAPTION,
                                "en",
                                shot,
                                CAST,
                                42L + take,
                                w,
                                h,
                                take),
                        Progress.NONE);
    }

    static Rectangle rect(Object o) {
        List<?> r = (List<?>) o;
        return new Rectangle(
                ((Number) r.get(0)).intValue(),
                ((Number) r.get(1)).intValue(),
                ((Number) r.get(2)).intValue(),
                ((Number) r.get(3)).intValue());
    }

    static Rectangle safe(Framing f, int w, int h) {
        Rectangle2D.Double s = f.safe();
        return new Rectangle((int) Math.floor(s.x * w), (int) Math.floor(s.y * h), (int) Math.ceil(s.width * w), (int)
                Math.ceil(s.height * h));
    }

    @Test
    void verticalAndSquareKeyframesKeepHeadsAndCaptionInTheSafeArea() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        int[][] frames = {{360, 640}, {480, 480}};
        for (int[] size : frames) {
            int w = size[0], h = size[1];
            Framing framing = Framing.of(w, h);
            Rectangle safe = safe(framing, w, h);
            for (ShotType shot : ShotType.values()) {
                for (int take = 1; take <= 3; take++) {
                    GeneratedImage kf = keyframe(shot, w, h, take);
                    String name = "framing-" + w + "x" + h + "-" + shot.name().toLowerCase() + "-take" + take;
                    Files.write(dir.resolve(name + ".png"), kf.bytes());
                    assertEquals(
                            w > h ? "wide" : w < h ? "vertical" : "square",
                            kf.generationParams().get("framing"));
                    List<?> heads = (List<?>) kf.generationParams().get("head_regions");
                    assertEquals(framing.shown(shot, CAST.size()), heads.size(), name);
                    for (Object head : heads) {
                        assertTrue(safe.contains(rect(head)), name + ": head " + rect(head) + " outside " + safe);
                    }
                    for (Object figure : (List<?>) kf.generationParams().get("figure_regions")) {
                        Rectangle r = rect(figure);
                        assertTrue(
                                r.x >= safe.x - 1 && r.x + r.width <= safe.x + safe.width + 1 || shot != ShotType.WIDE,
                                name + ": figure " + r + " wider than the safe area " + safe);
                    }
                    Rectangle caption = rect(kf.generationParams().get("caption_region"));
                    assertTrue(safe.contains(caption), name + ": caption " + caption + " outside " + safe);
                    assertCaptionPixelsInside(ImageIO.read(new ByteArrayInputStream(kf.bytes())), framing, safe, name);
                }
            }
        }
    }

    /** White text pixels in the caption band: many, and none outside the safe area. */
    private static void assertCaptionPixelsInside(BufferedImage img, Framing framing, Rectangle safe, String name) {
        int w = img.getWidth(), h = img.getHeight();
        int inside = 0, outside = 0;
        for (int y = (int) (framing.bandTop() * h); y < Math.min(h, framing.bandBottom() * h); y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                if (((p >> 16) & 0xff) > 230 && ((p >> 8) & 0xff) > 230 && (p & 0xff) > 230) {
                    if (safe.contains(x, y)) {
                        inside++;
                    } else {
                        outside++;
                    }
                }
            }
        }
        assertTrue(inside > 300, name + ": caption text drawn (" + inside + " white pixels)");
        assertEquals(0, outside, name + ": caption pixels outside the safe area");
        // the band ends where the vertical frame's reserved bottom starts: the lowest fifth shows the scene
        if (framing.shape() == Framing.Shape.VERTICAL) {
            int dark = 0;
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, (int) (h * 0.9));
                dark += ((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff) < 60 ? 1 : 0;
            }
            assertTrue(dark < w, name + ": the bottom of a vertical frame is not the caption band");
        }
    }

    @Test
    void wideFramesKeepTheClassicLayout() {
        assertEquals(Framing.WIDE, Framing.of(1280, 720));
        assertEquals(Framing.VERTICAL, Framing.of(720, 1280));
        assertEquals(Framing.SQUARE, Framing.of(720, 720));
        assertEquals(25.714f, Framing.WIDE.captionFontSize(1280, 720), 0.01f);
    }
}
