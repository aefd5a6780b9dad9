package ai.cinboard.service;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;

/**
 * A decoded thumbnail ready for the screen: premultiplied ARGB, row by row, {@code width × height} ints, in a
 * direct buffer the UI wraps without copying.
 */
public record ThumbnailPixels(int width, int height, IntBuffer argbPremultiplied) {
    public long bytes() {
        return 4L * width * height;
    }

    public static ThumbnailPixels of(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            int a = p >>> 24;
            if (a != 255) {
                int r = ((p >> 16) & 0xff) * a / 255;
                int g = ((p >> 8) & 0xff) * a / 255;
                int b = (p & 0xff) * a / 255;
                argb[i] = (a << 24) | (r << 16) | (g << 8) | b;
            }
        }
        IntBuffer buffer = ByteBuffer.allocateDirect(argb.length * 4)
                .order(ByteOrder.nativeOrder())
                .asIntBuffer();
        buffer.put(argb).flip();
        return new ThumbnailPixels(w, h, buffer);
    }
}
