package ai.cinboard.generation.local;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.LineBreakMeasurer;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.io.File;
import java.text.AttributedString;
import java.text.Bidi;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fonts for captions, loaded from files by path so the result does not depend on what the JVM's logical fonts
 * map to on a given machine (the default "Dialog" often lacks CJK or Arabic and draws boxes, "tofu").
 * The caption font is the first that can display the whole text; when none can, a warning names the missing
 * package and the best partial font is used.
 */
public final class CaptionFonts {
    private static final Logger LOG = LoggerFactory.getLogger(CaptionFonts.class);

    /** Candidates by script, most specific first. Debian paths: fonts-noto-cjk, fonts-noto-core, fonts-dejavu-core. */
    private static final String[] PATHS = {
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf",
    };

    private static final List<Font> FONTS = load();

    private CaptionFonts() {}

    private static List<Font> load() {
        List<Font> fonts = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String p : PATHS) {
            File f = new File(p);
            if (!f.isFile()) {
                missing.add(p);
                continue;
            }
            try {
                // a .ttc holds several faces; the first of NotoSansCJK is the Japanese one, which covers kana and
                // the common Han set shared with Chinese and Korean
                Font[] faces = Font.createFonts(f);
                fonts.add(faces[0]);
            } catch (Exception e) {
                LOG.warn("Cannot load caption font {}: {}", p, e.getMessage());
            }
        }
        if (!missing.isEmpty()) {
            LOG.warn(
                    "Caption fonts missing: {}. Captions in CJK, Arabic or Cyrillic may show boxes; install "
                            + "fonts-noto-cjk fonts-noto-core fonts-dejavu-core.",
                    missing);
        }
        // the JVM's logical font is the last resort, so a caption is always drawn
        fonts.add(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return List.copyOf(fonts);
    }

    /** The loaded fonts in order of preference (for tests and diagnostics). */
    public static List<Font> available() {
        return FONTS;
    }

    /** The first font that can show all of {@code text}, or the one that gets furthest, with a warning. */
    public static Font fontFor(String text, float size) {
        Font best = null;
        int bestReach = -2;
        for (Font f : FONTS) {
            int upTo = f.canDisplayUpTo(text);
            if (upTo == -1) {
                return f.deriveFont(size);
            }
            if (upTo > bestReach) {
                bestReach = upTo;
                best = f;
            }
        }
        LOG.warn(
                "No installed font shows all of the caption (first missing character at {}); install fonts-noto-core "
                        + "and fonts-noto-cjk.",
                bestReach);
        return best.deriveFont(size);
    }

    /**
     * Draws {@code text} wrapped to {@code width}, at most {@code maxLines} lines, starting at {@code top}.
     * LineBreakMeasurer breaks at word boundaries for spaced scripts and between characters for CJK (it uses the
     * locale's line BreakIterator), and each TextLayout runs the Unicode bidi algorithm and OpenType shaping, so
     * Arabic comes out joined and right to left; right-to-left paragraphs are right-aligned.
     * @return the y just below the last line drawn
     */
    static float drawWrapped(
            Graphics2D g,
            String text,
            Font font,
            Color color,
            float x,
            float top,
            float width,
            int maxLines,
            Locale locale) {
        if (text == null || text.isBlank()) {
            return top;
        }
        AttributedString as = new AttributedString(text);
        as.addAttribute(TextAttribute.FONT, font);
        boolean rtl = Bidi.requiresBidi(text.toCharArray(), 0, text.length())
                && new Bidi(text, Bidi.DIRECTION_DEFAULT_LEFT_TO_RIGHT).baseIsLeftToRight() == false;
        as.addAttribute(
                TextAttribute.RUN_DIRECTION, rtl ? TextAttribute.RUN_DIRECTION_RTL : TextAttribute.RUN_DIRECTION_LTR);
        FontRenderContext frc = g.getFontRenderContext();
        LineBreakMeasurer lbm =
                new LineBreakMeasurer(as.getIterator(), java.text.BreakIterator.getLineInstance(locale), frc);
        float y = top;
        int lines = 0;
        g.setColor(color);
        while (lbm.getPosition() < text.length() && lines < maxLines) {
            TextLayout layout = lbm.nextLayout(width);
            if (layout == null) {
                break;
            }
            y += layout.getAscent();
            float lineX = layout.isLeftToRight() ? x : x + width - layout.getAdvance();
            layout.draw(g, lineX, y);
            y += layout.getDescent() + layout.getLeading();
            lines++;
        }
        return y;
    }
}
