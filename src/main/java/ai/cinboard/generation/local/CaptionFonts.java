package ai.cinboard.generation.local;

import ai.cinboard.domain.SubtitleStyle;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /** The bold faces of the same families, script by script. */
    private static final String[] BOLD_PATHS = {
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
        "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Bold.ttf",
        "/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
        "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Bold.ttf",
        "/usr/share/fonts/truetype/noto/NotoSansHebrew-Bold.ttf",
        "/usr/share/fonts/truetype/noto/NotoSansThai-Bold.ttf",
    };

    /** Serif faces, script by script; Naskh is Arabic's serif-like book hand. */
    private static final String[] SERIF_PATHS = {
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
        "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
        "/usr/share/fonts/truetype/noto/NotoSerifDevanagari-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSerifHebrew-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSerifThai-Regular.ttf",
    };

    private static final List<Font> FONTS = load(PATHS, true);

    /**
     * The faces of each subtitle font, followed by the regular ones: a script with no face of its own in that style
     * still shows, in the regular face. Loaded when first asked for.
     */
    private static final Map<SubtitleStyle.Face, List<Font>> FACES = new EnumMap<>(SubtitleStyle.Face.class);

    private CaptionFonts() {}

    private static List<Font> load(String[] paths, boolean warnMissing) {
        List<Font> fonts = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String p : paths) {
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
        if (warnMissing && !missing.isEmpty()) {
            LOG.warn(
                    "Caption fonts missing: {}. Captions in CJK, Arabic or Cyrillic may show boxes; install "
                            + "fonts-noto-cjk fonts-noto-core fonts-dejavu-core.",
                    missing);
        }
        if (warnMissing) {
            // the JVM's logical font is the last resort, so a caption is always drawn
            fonts.add(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        }
        return List.copyOf(fonts);
    }

    private static synchronized List<Font> faces(SubtitleStyle.Face face) {
        return FACES.computeIfAbsent(face, f -> {
            List<Font> fonts = new ArrayList<>(
                    switch (f) {
                        case SANS -> List.<Font>of();
                        case BOLD -> load(BOLD_PATHS, false);
                        case SERIF -> load(SERIF_PATHS, false);
                    });
            fonts.addAll(FONTS);
            return List.copyOf(fonts);
        });
    }

    /** The loaded fonts in order of preference (for tests and diagnostics). */
    public static List<Font> available() {
        return FONTS;
    }

    /** The first font that can show all of {@code text}, or the one that gets furthest, with a warning. */
    public static Font fontFor(String text, float size) {
        return fontFor(text, size, SubtitleStyle.Face.SANS);
    }

    /** {@link #fontFor(String, float)} in one of the subtitle fonts. */
    public static Font fontFor(String text, float size, SubtitleStyle.Face face) {
        Font best = null;
        int bestReach = -2;
        for (Font f : faces(face)) {
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

    /** One wrapped line: its layout and where it is drawn (left end of the baseline). */
    record PlacedLine(TextLayout layout, float x, float baseline) {}

    /**
     * Draws {@code text} wrapped to {@code width}, at most {@code maxLines} lines, starting at {@code top}; see
     * {@link #wrap}. Right-to-left paragraphs are right-aligned.
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
        g.setColor(color);
        String fitted = fitting(g.getFontRenderContext(), text, font, width, maxLines, locale);
        List<PlacedLine> lines =
                wrap(g.getFontRenderContext(), attributed(fitted, font), x, top, width, maxLines, locale);
        for (PlacedLine l : lines) {
            float lineX = l.layout().isLeftToRight()
                    ? l.x()
                    : l.x() + width - l.layout().getAdvance();
            l.layout().draw(g, lineX, l.baseline());
        }
        return bottom(lines, top);
    }

    /** The text in {@code font}, in the paragraph direction the Unicode bidi algorithm gives it. */
    static AttributedString attributed(String text, Font font) {
        AttributedString as = new AttributedString(text);
        as.addAttribute(TextAttribute.FONT, font);
        boolean rtl = Bidi.requiresBidi(text.toCharArray(), 0, text.length())
                && !new Bidi(text, Bidi.DIRECTION_DEFAULT_LEFT_TO_RIGHT).baseIsLeftToRight();
        as.addAttribute(
                TextAttribute.RUN_DIRECTION, rtl ? TextAttribute.RUN_DIRECTION_RTL : TextAttribute.RUN_DIRECTION_LTR);
        return as;
    }

    /**
     * Wraps {@code text} to {@code width}, at most {@code maxLines} lines, the first line's top at {@code top}, each
     * line placed at {@code x}. LineBreakMeasurer breaks at word boundaries for spaced scripts and between characters
     * for CJK (it uses the locale's line BreakIterator), and each TextLayout runs the Unicode bidi algorithm and
     * OpenType shaping, so Arabic comes out joined and right to left.
     */
    static List<PlacedLine> wrap(
            FontRenderContext frc,
            AttributedString text,
            float x,
            float top,
            float width,
            int maxLines,
            Locale locale) {
        java.text.AttributedCharacterIterator chars = text.getIterator();
        int end = chars.getEndIndex();
        LineBreakMeasurer lbm = new LineBreakMeasurer(chars, java.text.BreakIterator.getLineInstance(locale), frc);
        List<PlacedLine> lines = new ArrayList<>();
        float y = top;
        while (lbm.getPosition() < end && lines.size() < maxLines) {
            TextLayout layout = lbm.nextLayout(width);
            if (layout == null) {
                break;
            }
            y += layout.getAscent();
            lines.add(new PlacedLine(layout, x, y));
            y += layout.getDescent() + layout.getLeading();
        }
        return lines;
    }

    /**
     * {@code text} as it fits in {@code maxLines} lines of {@code width}: whole, or cut after the last word that
     * fits and ended with "…", never mid-sentence without a sign that it goes on.
     */
    static String fitting(FontRenderContext frc, String text, Font font, float width, int maxLines, Locale locale) {
        int cut = shown(wrap(frc, attributed(text, font), 0, 0, width, maxLines, locale));
        while (cut < text.length() && cut > 0) {
            int space = text.lastIndexOf(' ', cut - 1);
            cut = space > 0 && cut - space < 24 ? space : cut - 1;
            String shortened = text.substring(0, cut).stripTrailing() + "…";
            if (shown(wrap(frc, attributed(shortened, font), 0, 0, width, maxLines, locale)) >= shortened.length()) {
                return shortened;
            }
        }
        return text;
    }

    private static int shown(List<PlacedLine> lines) {
        return lines.stream().mapToInt(l -> l.layout().getCharacterCount()).sum();
    }

    /** The y just below the last of the lines, or {@code top} when there are none. */
    static float bottom(List<PlacedLine> lines, float top) {
        if (lines.isEmpty()) {
            return top;
        }
        TextLayout last = lines.get(lines.size() - 1).layout();
        return lines.get(lines.size() - 1).baseline() + last.getDescent() + last.getLeading();
    }
}
