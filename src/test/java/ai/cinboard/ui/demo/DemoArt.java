package ai.cinboard.ui.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/** Java2D drawings for the demo project: keyframe panels, character sheets, video frames. */
final class DemoArt {
    static final Color[] PALETTE = {
        new Color(0xE0, 0x6C, 0x4F),
        new Color(0x3E, 0x8E, 0xDE),
        new Color(0x8E, 0x5C, 0xC8),
        new Color(0x2F, 0xA5, 0x6B),
        new Color(0xD9, 0xA4, 0x2B)
    };

    private DemoArt() {}

    static Color characterColor(int index) {
        return PALETTE[Math.floorMod(index, PALETTE.length)];
    }

    /** A keyframe panel: sky by time of day, horizon, characters as silhouettes, caption. */
    static BufferedImage keyframe(
            int w, int h, String heading, String timeOfDay, int shot, List<Integer> characterColors, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        boolean night = timeOfDay != null && timeOfDay.toUpperCase().contains("NIGHT");
        boolean interior = heading != null && heading.startsWith("INT");
        Color top = night
                ? new Color(0x0D, 0x16, 0x33)
                : interior ? new Color(0x8A, 0x6E, 0x55) : new Color(0x7E, 0xB6, 0xE8);
        Color bottom = night
                ? new Color(0x2A, 0x3B, 0x6B)
                : interior ? new Color(0xC9, 0xAE, 0x8C) : new Color(0xF3, 0xD9, 0xA4);
        g.setPaint(new GradientPaint(0, 0, top, 0, h * 0.65f, bottom));
        g.fillRect(0, 0, w, h);
        java.util.Random r = new java.util.Random(seed);
        if (night) {
            g.setColor(new Color(255, 255, 230));
            for (int i = 0; i < 40; i++) g.fillRect(r.nextInt(w), r.nextInt(h / 2), 2, 2);
            g.fill(new Ellipse2D.Double(w * 0.78, h * 0.1, h * 0.12, h * 0.12));
        } else if (!interior) {
            g.setColor(new Color(255, 240, 190));
            g.fill(new Ellipse2D.Double(w * 0.75, h * 0.08, h * 0.16, h * 0.16));
        }
        // ground / set pieces
        int horizon = (int) (h * (0.62 + 0.04 * shot));
        g.setColor(
                interior
                        ? new Color(0x5B, 0x44, 0x33)
                        : night ? new Color(0x14, 0x1E, 0x2E) : new Color(0x4F, 0x7A, 0x45));
        g.fillRect(0, horizon, w, h - horizon);
        g.setColor(interior ? new Color(0x3D, 0x2C, 0x22) : new Color(0x2B, 0x3A, 0x4C));
        for (int i = 0; i < 4; i++) {
            int bw = w / 8 + r.nextInt(w / 6), bh = h / 6 + r.nextInt(h / 4), bx = r.nextInt(w);
            g.fillRect(bx, horizon - bh, bw, bh);
        }
        // characters: bigger in close-ups (shot 1), smaller in wide shots (shot 0)
        double scale = shot == 1 ? 1.7 : shot == 2 ? 1.2 : 0.85;
        int n = Math.max(1, characterColors.size());
        for (int i = 0; i < characterColors.size(); i++) {
            double cx = w * (i + 1.0) / (n + 1);
            double bodyH = h * 0.32 * scale, bodyW = bodyH * 0.42, head = bodyW * 0.7;
            double baseY = Math.min(h - 4, horizon + h * 0.12 * scale);
            g.setColor(characterColor(characterColors.get(i)));
            g.fill(new RoundRectangle2D.Double(cx - bodyW / 2, baseY - bodyH, bodyW, bodyH, bodyW / 2, bodyW / 2));
            g.setColor(new Color(0xF1, 0xC2, 0x9B));
            g.fill(new Ellipse2D.Double(cx - head / 2, baseY - bodyH - head * 0.95, head, head));
        }
        // frame border and caption strip
        g.setColor(new Color(0, 0, 0, 150));
        g.fillRect(0, h - Math.max(14, h / 7), w, Math.max(14, h / 7));
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(9, h / 13)));
        String shotName = shot == 0 ? "WIDE" : shot == 1 ? "CLOSE" : "MEDIUM";
        g.drawString(shotName + " · " + (heading == null ? "" : heading), Math.max(4, w / 40), h - Math.max(4, h / 30));
        g.setStroke(new BasicStroke(2));
        g.setColor(new Color(255, 255, 255, 90));
        g.drawRect(1, 1, w - 3, h - 3);
        g.dispose();
        return img;
    }

    /** A character sheet: coloured figure on a neutral card with the name. */
    static BufferedImage character(int size, String name, int colorIndex, int variation) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(0xEE, 0xEA, 0xE4), 0, size, new Color(0xC9, 0xC3, 0xBA)));
        g.fillRect(0, 0, size, size);
        Color c = characterColor(colorIndex);
        double s = size / 256.0;
        double tilt = (variation - 1) * 12 * s;
        g.setColor(c);
        g.fill(new RoundRectangle2D.Double(78 * s + tilt, 120 * s, 100 * s, 120 * s, 40 * s, 40 * s));
        g.setColor(new Color(0xF1, 0xC2, 0x9B));
        g.fill(new Ellipse2D.Double(96 * s + tilt, 42 * s, 64 * s, 72 * s));
        g.setColor(c.darker().darker());
        g.fill(new Ellipse2D.Double(92 * s + tilt, 36 * s, 72 * s, 34 * s));
        g.setColor(new Color(0x22, 0x22, 0x22));
        g.fill(new Ellipse2D.Double(112 * s + tilt, 74 * s, 7 * s, 7 * s));
        g.fill(new Ellipse2D.Double(138 * s + tilt, 74 * s, 7 * s, 7 * s));
        g.setColor(new Color(0, 0, 0, 140));
        g.fillRect(0, (int) (size - 30 * s), size, (int) (30 * s));
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, (int) Math.max(9, 18 * s)));
        g.drawString(name + (variation > 0 ? " · v" + variation : ""), (int) (8 * s), (int) (size - 9 * s));
        g.dispose();
        return img;
    }

    static BufferedImage scale(BufferedImage src, int maxW, int maxH) {
        double f = Math.min((double) maxW / src.getWidth(), (double) maxH / src.getHeight());
        int w = Math.max(1, (int) Math.round(src.getWidth() * f)),
                h = Math.max(1, (int) Math.round(src.getHeight() * f));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    static byte[] png(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage decode(byte[] png) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
