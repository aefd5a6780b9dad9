package ai.cinboard.generation.local;

import ai.cinboard.media.ffmpeg.FinalComposer;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * Paints a subtitle for burning into the video when there is no voiceover (the composer lays it at the top of the
 * title-safe area, clear of the keyframes' caption band): white text on a half-transparent dark box, wrapped to at
 * most three lines inside the title-safe width, in a font that covers the text's script (the same
 * {@link CaptionFonts} as the keyframe captions, so CJK, Arabic and Cyrillic show, and Arabic runs right to left).
 */
public final class BurnedSubtitles implements FinalComposer.SubtitlePainter {
    private static final int MAX_LINES = 3;

    @Override
    public BufferedImage paint(String text, int width, int height) {
        String line = text.strip();
        Font font = CaptionFonts.fontFor(line.isEmpty() ? " " : line, Math.max(12f, height / 22f));
        float pad = font.getSize2D() * 0.4f;
        // title-safe: 5 % in from each side
        float boxLeft = width * 0.05f;
        float boxWidth = width * 0.90f;
        // the first pass only measures how tall the wrapped text is
        BufferedImage measure = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D mg = measure.createGraphics();
        mg.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        float textBottom =
                CaptionFonts.drawWrapped(mg, line, font, Color.WHITE, 0, 0, boxWidth - 2 * pad, MAX_LINES, Locale.ROOT);
        mg.dispose();
        int bandHeight = Math.min(height / 3, Math.round(textBottom + 2 * pad));
        BufferedImage band = new BufferedImage(width, Math.max(2, bandHeight), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = band.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.6f));
        g.setColor(Color.BLACK);
        g.fillRoundRect(
                Math.round(boxLeft), 0, Math.round(boxWidth), band.getHeight(), Math.round(pad), Math.round(pad));
        g.setComposite(AlphaComposite.SrcOver);
        CaptionFonts.drawWrapped(
                g, line, font, Color.WHITE, boxLeft + pad, pad, boxWidth - 2 * pad, MAX_LINES, Locale.ROOT);
        g.dispose();
        return band;
    }
}
