package ai.cinboard.generation.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.SubtitleStyle;
import ai.cinboard.media.ffmpeg.FinalComposer;
import ai.cinboard.text.WordTimings;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Right-to-left and CJK subtitles in the styles, painted over a 1280x720 frame and written to
 * target/screenshots/subtitles-*.png. Each frame is checked from its pixels: the text lies inside the title-safe
 * area, the box is drawn behind it when the style has one, the highlighted first word sits at the reading start of
 * the line (right for Arabic, left for Japanese), and the line is as wide as Java2D's own shaped TextLayout of it.
 */
class StyledSubtitlesScreenshotTest {
    private static final int W = 1280;
    private static final int H = 720;
    private static final int YELLOW = 0xFFD400;

    /** In 9:16 the bottom subtitle ends above the bottom fifth, where phone apps draw over the video. */
    private static void assertVerticalBottomIsClearOfTheAppsControls(SubtitleStyle style, String text) {
        int w = 720, h = 1280;
        FinalComposer.Band band = new BurnedSubtitles(style).paint(new FinalComposer.Cue(0, 3, text), -1, w, h);
        if (style.position() == SubtitleStyle.Position.BOTTOM) {
            assertTrue(
                    band.top() + band.image().getHeight() <= h * 0.8,
                    "band " + band.top() + ".." + (band.top() + band.image().getHeight()) + " of " + h);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "ar, boxed, البحر لا ينسى أحداً",
        "ar, karaoke, البحر لا ينسى أحداً",
        "ja, boxed, 月の郵便局は今夜も灯りをともす",
        "ja, karaoke, 月の郵便局は今夜も灯りをともす",
    })
    void rightToLeftAndCjkRenderInsideTheSafeArea(String language, String preset, String text) throws Exception {
        assertVerticalBottomIsClearOfTheAppsControls(SubtitleStyle.preset(preset), text);
        SubtitleStyle style = SubtitleStyle.preset(preset).withWordHighlight(true);
        List<FinalComposer.Word> words = WordTimings.spread(text, 0, 3, Locale.forLanguageTag(language)).stream()
                .map(w -> new FinalComposer.Word(w.from(), w.to(), w.start(), w.end()))
                .toList();
        assertTrue(words.size() >= 3, "words of " + text + ": " + words);
        FinalComposer.Cue cue = new FinalComposer.Cue(0, 3, text, words);
        FinalComposer.Band band = new BurnedSubtitles(style).paint(cue, 0, W, H);

        BufferedImage frame = background();
        Graphics2D g = frame.createGraphics();
        g.drawImage(band.image(), 0, band.top(), null);
        g.dispose();
        Path dir = Path.of(System.getProperty("cinboard.test.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        ImageIO.write(
                frame,
                "png",
                dir.resolve("subtitles-" + language + "-" + preset + ".png").toFile());

        // the font shows every character (no boxes for missing glyphs)
        assertEquals(-1, CaptionFonts.fontFor(text, 32, style.font()).canDisplayUpTo(text));
        // text pixels: the text colour or the highlight, opaque, in the band
        int minX = W, maxX = -1, minY = H, maxY = -1;
        long highlightX = 0, highlightN = 0, textX = 0, textN = 0;
        BufferedImage img = band.image();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                if ((p >>> 24) < 250) {
                    continue;
                }
                int rgb = p & 0xFFFFFF;
                if (rgb == YELLOW) {
                    highlightX += x;
                    highlightN++;
                } else if (rgb == 0xFFFFFF) {
                    textX += x;
                    textN++;
                } else {
                    continue;
                }
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y + band.top());
                maxY = Math.max(maxY, y + band.top());
            }
        }
        assertTrue(highlightN > 50 && textN > 200, "highlighted " + highlightN + ", text " + textN);
        assertTrue(
                minX >= W * 0.05 && maxX <= W * 0.95 && minY >= H * 0.05 && maxY <= H * 0.95,
                "text inside the title-safe area: x " + minX + ".." + maxX + ", y " + minY + ".." + maxY);
        // bottom presets sit in the lower part of the frame
        assertTrue(minY > H / 2, "at the bottom: text from row " + minY);
        // the first word said is where reading starts: right for Arabic, left for Japanese
        double highlightCentre = (double) highlightX / highlightN;
        double textCentre = (double) textX / textN;
        if (language.equals("ar")) {
            assertTrue(
                    highlightCentre > textCentre,
                    "Arabic reads from the right: " + highlightCentre + " vs " + textCentre);
        } else {
            assertTrue(
                    highlightCentre < textCentre,
                    "Japanese reads from the left: " + highlightCentre + " vs " + textCentre);
        }
        // the box: a half-transparent dark pixel beside the text, at the band's top padding row
        int beside = img.getRGB(W / 2, 1);
        if (style.box()) {
            assertTrue((beside >>> 24) > 100 && (beside & 0xFFFFFF) == 0, "box pixel " + Integer.toHexString(beside));
        } else {
            assertEquals(0, beside >>> 24, "no box: transparent above the text");
        }
        // as wide as Java2D's own shaped, bidi-ordered layout of the line in the same font (outline aside)
        TextLayout reference = new TextLayout(
                text,
                CaptionFonts.fontFor(text, H * (float) style.size() / 100f, style.font()),
                new FontRenderContext(null, true, true));
        double outline = 2 * H * style.size() / 100 * style.outline() / 100;
        double inkWidth = maxX - minX + 1;
        double expected = reference.getBounds().getWidth();
        assertTrue(
                Math.abs(inkWidth - expected) <= 4 + outline,
                "ink " + inkWidth + " px vs TextLayout " + expected + " px (outline " + outline + ")");
    }

    /** A picture to lay the subtitle over: a sky-to-sea gradient, light at the bottom so a box shows. */
    private static BufferedImage background() {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(0x2B4C7E), 0, H, new Color(0xC9D6DF)));
        g.fillRect(0, 0, W, H);
        g.dispose();
        return img;
    }
}
