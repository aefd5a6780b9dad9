package ai.cinboard.media;

import ai.cinboard.domain.StudioException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Small thumbnails made at render time and stored beside the image (a PNG in the same media store). */
public final class StoredThumbnails {
    private StoredThumbnails() {}

    /** A PNG of the image scaled to fit {@code maxWidth × maxHeight}, aspect kept, never enlarged. */
    public static byte[] png(byte[] image, int maxWidth, int maxHeight) {
        BufferedImage src;
        try {
            src = ImageIO.read(new ByteArrayInputStream(image));
        } catch (IOException e) {
            throw new StudioException("Cannot read the image for its thumbnail: " + e.getMessage(), e);
        }
        if (src == null) {
            throw new StudioException("Cannot make a thumbnail: the image is not PNG, JPEG, GIF or BMP.");
        }
        BufferedImage scaled = PreviewCache.scale(src, maxWidth, maxHeight);
        BufferedImage rgb = new BufferedImage(scaled.getWidth(), scaled.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.createGraphics().drawImage(scaled, 0, 0, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(rgb, "png", out);
        } catch (IOException e) {
            throw new StudioException("Cannot write a thumbnail: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
