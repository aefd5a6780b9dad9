package ai.cinboard.generation.local;

import ai.cinboard.domain.SubtitleStyle;
import ai.cinboard.media.ffmpeg.FinalComposer;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextAttribute;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.text.AttributedString;
import java.util.List;
import java.util.Locale;

/**
 * Paints a subtitle for burning into the video in a {@link SubtitleStyle}: its font (one of the {@link CaptionFonts}
 * families, so CJK, Arabic and Cyrillic show, and Arabic runs right to left), size, colour and outline, an optional
 * half-transparent dark box behind the lines, at the bottom, middle or top of the title-safe area (5 % in from each
 * edge). Lines are wrapped to at most three inside the title-safe width and centred. With word timings, the word
 * being said is drawn in the highlight colour.
 */
public final class BurnedSubtitles implements FinalComposer.SubtitlePainter {
    private static final int MAX_LINES = 3;
    /** The title-safe margin on each side, as a share of the frame. */
    static final float SAFE_MARGIN = 0.05f;
    /** The karaoke colour of the word being said; on yellow text the word turns white instead. */
    private static final Color HIGHLIGHT = new Color(0xFFD400);

    private final SubtitleStyle style;

    public BurnedSubtitles(SubtitleStyle style) {
        this.style = style;
    }

    @Override
    public FinalComposer.Band paint(FinalComposer.Cue cue, int word, int width, int height) {
        String text = cue.text().strip();
        // strip() moves the words' char ranges by the leading blanks it took off
        int shift = cue.text().length() - cue.text().stripLeading().length();
        Font font = CaptionFonts.fontFor(
                text.isEmpty() ? " " : text, Math.max(12f, height * (float) style.size() / 100f), style.font());
        float pad = font.getSize2D() * 0.4f;
        float safeWidth = width * (1 - 2 * SAFE_MARGIN);
        Color color = new Color(style.rgb());
        AttributedString as = CaptionFonts.attributed(text.isEmpty() ? " " : text, font);
        as.addAttribute(TextAttribute.FOREGROUND, color);
        if (word >= 0 && word < cue.words().size()) {
            FinalComposer.Word w = cue.words().get(word);
            int from = Math.max(0, w.from() - shift);
            int to = Math.min(text.length(), w.to() - shift);
            if (from < to) {
                as.addAttribute(TextAttribute.FOREGROUND, HIGHLIGHT.equals(color) ? Color.WHITE : HIGHLIGHT, from, to);
            }
        }
        FontRenderContext frc = new FontRenderContext(null, true, true);
        List<CaptionFonts.PlacedLine> lines =
                CaptionFonts.wrap(frc, as, 0, pad, safeWidth - 2 * pad, MAX_LINES, Locale.ROOT);
        int bandHeight = Math.max(2, Math.min(height / 3, Math.round(CaptionFonts.bottom(lines, pad) + pad)));
        float textWidth = (float)
                lines.stream().mapToDouble(l -> l.layout().getAdvance()).max().orElse(0);

        BufferedImage band = new BufferedImage(width, bandHeight, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = band.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        if (style.box()) {
            float boxWidth = Math.min(safeWidth, textWidth + 2 * pad);
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.6f));
            g.setColor(Color.BLACK);
            g.fillRoundRect(
                    Math.round((width - boxWidth) / 2),
                    0,
                    Math.round(boxWidth),
                    bandHeight,
                    Math.round(pad),
                    Math.round(pad));
            g.setComposite(AlphaComposite.SrcOver);
        }
        if (style.outline() > 0) {
            // the stroke is centred on the glyph edge and the fill covers its inner half, so it is twice as wide
            g.setStroke(new BasicStroke(
                    2 * font.getSize2D() * (float) style.outline() / 100f,
                    BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND));
            g.setColor(Color.BLACK);
            for (CaptionFonts.PlacedLine l : lines) {
                g.draw(l.layout().getOutline(AffineTransform.getTranslateInstance(lineX(l, width), l.baseline())));
            }
        }
        for (CaptionFonts.PlacedLine l : lines) {
            l.layout().draw(g, lineX(l, width), l.baseline());
        }
        g.dispose();
        return new FinalComposer.Band(band, top(bandHeight, height, width));
    }

    /** Centred in the frame, whatever the direction: title-safe either way. */
    private static float lineX(CaptionFonts.PlacedLine l, int width) {
        return (width - l.layout().getAdvance()) / 2;
    }

    /**
     * The band's top row for the style's position, inside the title-safe margin. In a vertical frame the bottom
     * one sits above the bottom fifth, where phone apps draw their buttons and captions over the video.
     */
    private int top(int bandHeight, int height, int width) {
        int inset = Math.round(height * SAFE_MARGIN);
        int bottomInset = height > width ? Math.round(height * VERTICAL_BOTTOM_CLEAR) : inset;
        return switch (style.position()) {
            case TOP -> inset;
            case MIDDLE -> (height - bandHeight) / 2;
            case BOTTOM -> height - bottomInset - bandHeight;
        };
    }

    /** The share of a vertical frame's height kept clear at the bottom (the app's own controls and captions). */
    static final float VERTICAL_BOTTOM_CLEAR = 0.20f;
}
