package ai.cinboard.generation.remote;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Real (tiny) images and animations so tests check the engines' validation and decoding with actual bytes. */
public final class TestImages {
    private TestImages() {}

    public static byte[] png(int rgb) {
        return png(8, 8, rgb);
    }

    /** A solid {@code rgb} PNG: after lossy steps (H.264) its centre pixel still tells which image it was. */
    public static byte[] png(int width, int height, int rgb) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A mid-range colour picked by {@code key}, far from black and white so encoders keep it recognisable. */
    public static int colourFor(String key) {
        byte[] d = sha256(key.getBytes(StandardCharsets.UTF_8));
        int r = 40 + Byte.toUnsignedInt(d[0]) % 176;
        int g = 40 + Byte.toUnsignedInt(d[1]) % 176;
        int b = 40 + Byte.toUnsignedInt(d[2]) % 176;
        return (r << 16) | (g << 8) | b;
    }

    /** The RGB of the centre pixel of an encoded image. */
    public static int centre(byte[] image) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(image));
            return img.getRGB(img.getWidth() / 2, img.getHeight() / 2) & 0xFFFFFF;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when every channel of the two colours differs by at most {@code tolerance}. */
    public static boolean near(int a, int b, int tolerance) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)) > tolerance) {
                return false;
            }
        }
        return true;
    }

    /** An animated PNG (what ComfyUI's SaveAnimatedPNG writes) of solid frames, one per colour. */
    public static byte[] apng(int width, int height, int fps, int... colours) {
        try {
            Path tmp = Files.createTempFile("anim", ".apng");
            try {
                try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(tmp.toFile(), width, height, 0);
                        Java2DFrameConverter c = new Java2DFrameConverter()) {
                    r.setFormat("apng");
                    r.setVideoCodecName("apng");
                    r.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
                    r.setFrameRate(fps);
                    r.start();
                    for (int rgb : colours) {
                        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
                        var g = img.getGraphics();
                        g.setColor(new java.awt.Color(rgb));
                        g.fillRect(0, 0, width, height);
                        g.dispose();
                        r.record(c.convert(img), avutil.AV_PIX_FMT_BGR24);
                    }
                    r.stop();
                }
                return Files.readAllBytes(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
