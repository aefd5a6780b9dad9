import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;

/**
 * Draws cinboard.png from the same shapes as cinboard.svg, so the raster icon jpackage needs is made here
 * rather than taken from anywhere. Run: java installer/IconRenderer.java installer/cinboard.png [size]
 */
public class IconRenderer {
    public static void main(String[] args) throws Exception {
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / 256.0, size / 256.0);
        Color slate = new Color(0x1e3a5f);
        Color orange = new Color(0xf29f3a);
        Color paper = new Color(0xe8eef5);
        g.setColor(slate);
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 88, 88));
        g.setColor(orange);
        for (int x : new int[]{40, 104, 168}) {
            g.fillPolygon(new Polygon(new int[]{x + 16, x + 48, x + 32, x}, new int[]{40, 40, 64, 64}, 4));
        }
        g.setColor(paper);
        for (int[] p : new int[][]{{36, 80}, {136, 80}, {36, 160}, {136, 160}}) {
            g.fill(new RoundRectangle2D.Double(p[0], p[1], 84, 64, 20, 20));
        }
        g.setColor(orange);
        g.fillPolygon(new Polygon(new int[]{166, 166, 198}, new int[]{174, 210, 192}, 3));
        g.setColor(slate);
        g.setStroke(new BasicStroke(6, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Ellipse2D.Double(64, 98, 28, 28));
        g.draw(new Line2D.Double(48, 208, 108, 208));
        g.draw(new Line2D.Double(148, 128, 208, 96));
        g.dispose();
        ImageIO.write(image, "png", new File(args[0]));
    }
}
