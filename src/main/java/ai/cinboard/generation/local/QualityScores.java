package ai.cinboard.generation.local;

import ai.cinboard.media.ffmpeg.Loudness;
import ai.cinboard.media.ffmpeg.MediaInfo;
import ai.cinboard.media.ffmpeg.Wav;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Quality scores in 0..1 (two decimals) for generated artefacts, from measurements rather than guesses.
 *
 * <ul>
 *   <li>Keyframe: contrast (standard deviation of luma), sharpness (variance of the Laplacian of luma), and
 *   consistency with the character reference: the 64-bit DCT perceptual hash of the reference sheet's
 *   head-and-shoulders box compared (Hamming distance) with the same box around the character in the keyframe.
 *   The boxes come from the engine ({@code head_region} of the sheet, {@code head_regions} of the keyframe, or
 *   {@link LocalImageEngine#sheetHeadRegion}); comparing the same body part keeps the shot's crop out of the
 *   measurement. Whole figures were tried first and did not separate characters: a medium shot cuts the legs off
 *   that the sheet shows. Without regions, whole images are compared, which mostly measures the background.
 *   pHash is on luma, so it sees hair style, glasses, hats and skin tone, not outfit hue.</li>
 *   <li>Clip: how close the decoded duration is to the requested one, gated by a full decode check.</li>
 *   <li>Voiceover: approximate integrated loudness inside the speech range and the share of clipped samples.</li>
 * </ul>
 */
public final class QualityScores {
    /** Luma std-dev at which contrast counts as full (a well-lit, varied frame is 50-70 on 0..255). */
    static final double FULL_CONTRAST_STD = 60;
    /** Laplacian variance at which the image is half-way to "sharp"; drawn edges give several hundred. */
    static final double SHARPNESS_HALF = 150;

    private QualityScores() {}

    public static BigDecimal keyframe(
            BufferedImage keyframe, Rectangle figureRegion, BufferedImage reference, Rectangle referenceRegion) {
        double[] luma = luma(keyframe);
        double contrast = Math.min(1, stdDev(luma) / FULL_CONTRAST_STD);
        double lap = laplacianVariance(luma, keyframe.getWidth(), keyframe.getHeight());
        double sharp = lap / (lap + SHARPNESS_HALF);
        if (reference == null) {
            return round(0.5 * contrast + 0.5 * sharp);
        }
        double consistency = consistency(crop(keyframe, figureRegion), crop(reference, referenceRegion));
        return round(0.25 * contrast + 0.25 * sharp + 0.5 * consistency);
    }

    /**
     * 1 for identical hashes, falling linearly to 0 at 32 differing bits: unrelated images differ in about half
     * of the 64 bits, so at that point there is no evidence of the same character.
     */
    public static double consistency(BufferedImage a, BufferedImage b) {
        int d = Long.bitCount(pHash(a) ^ pHash(b));
        return Math.max(0, 1 - d / 32.0);
    }

    public static BigDecimal clip(MediaInfo decoded, double requestedSeconds) {
        if (decoded == null || !decoded.decodesCleanly()) {
            return round(0); // a clip that does not decode is worthless whatever its length
        }
        double tolerance = Math.max(0.5, requestedSeconds * 0.1);
        double durationMatch = Math.max(0, 1 - Math.abs(decoded.durationSeconds() - requestedSeconds) / tolerance);
        boolean h264 = "h264".equals(decoded.videoCodec());
        return round(0.8 * durationMatch + (h264 ? 0.1 : 0) + (decoded.hasAudio() ? 0.1 : 0));
    }

    /**
     * Loudness: full marks between -24 and -14 LUFS (broadcast speech to streaming levels), falling to 0 at 20 LU
     * outside that, as FFmpeg's EBU R128 meter reads it; clipping: 0 when 1 % or more of the samples are at full
     * scale. Silence scores 0.
     */
    public static BigDecimal voiceover(Wav wav) {
        double lufs = Loudness.measure(wav).integratedLufs();
        if (lufs <= -69.9) {
            return round(0);
        }
        double outside = lufs < -24 ? -24 - lufs : lufs > -14 ? lufs - (-14) : 0;
        double loud = Math.max(0, 1 - outside / 20);
        double clip = Math.max(0, 1 - wav.clippingRatio() / 0.01);
        return round(0.6 * loud + 0.4 * clip);
    }

    /**
     * DCT perceptual hash: grey 32x32, 2-D DCT-II, the 8x8 lowest frequencies without the DC term's influence on the
     * threshold, one bit per coefficient above their median. Robust to scaling and mild colour changes.
     */
    public static long pHash(BufferedImage img) {
        int n = 32;
        BufferedImage small = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        // shrink in halving steps so bilinear sampling does not alias away thin features
        BufferedImage src = img;
        while (src.getWidth() > 2 * n * 2 || src.getHeight() > 2 * n * 2) {
            BufferedImage half = new BufferedImage(
                    Math.max(n, src.getWidth() / 2), Math.max(n, src.getHeight() / 2), BufferedImage.TYPE_INT_RGB);
            Graphics2D hg = half.createGraphics();
            hg.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            hg.drawImage(src, 0, 0, half.getWidth(), half.getHeight(), null);
            hg.dispose();
            src = half;
        }
        g.drawImage(src, 0, 0, n, n, null);
        g.dispose();
        double[] px = luma(small);
        double[][] dct = new double[8][8];
        for (int u = 0; u < 8; u++) {
            for (int v = 0; v < 8; v++) {
                double sum = 0;
                for (int y = 0; y < n; y++) {
                    double cy = Math.cos((2 * y + 1) * v * Math.PI / (2.0 * n));
                    for (int x = 0; x < n; x++) {
                        sum += px[y * n + x] * Math.cos((2 * x + 1) * u * Math.PI / (2.0 * n)) * cy;
                    }
                }
                dct[u][v] = sum;
            }
        }
        double[] coeffs = new double[63];
        int k = 0;
        for (int u = 0; u < 8; u++) {
            for (int v = 0; v < 8; v++) {
                if (u != 0 || v != 0) {
                    coeffs[k++] = dct[u][v];
                }
            }
        }
        double[] sorted = coeffs.clone();
        java.util.Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        long hash = 0;
        for (int u = 0; u < 8; u++) {
            for (int v = 0; v < 8; v++) {
                hash = (hash << 1) | (dct[u][v] > median ? 1 : 0);
            }
        }
        return hash;
    }

    static double[] luma(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
        double[] l = new double[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i];
            l[i] = 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
        }
        return l;
    }

    static double stdDev(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double var = 0;
        for (double x : v) {
            var += (x - mean) * (x - mean);
        }
        return Math.sqrt(var / v.length);
    }

    static double laplacianVariance(double[] l, int w, int h) {
        if (w < 3 || h < 3) {
            return 0;
        }
        double[] lap = new double[(w - 2) * (h - 2)];
        int k = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                lap[k++] = l[i - 1] + l[i + 1] + l[i - w] + l[i + w] - 4 * l[i];
            }
        }
        double s = stdDev(lap);
        return s * s;
    }

    private static BufferedImage crop(BufferedImage img, Rectangle r) {
        if (r == null) {
            return img;
        }
        Rectangle c = r.intersection(new Rectangle(0, 0, img.getWidth(), img.getHeight()));
        if (c.isEmpty()) {
            return img;
        }
        return img.getSubimage(c.x, c.y, c.width, c.height);
    }

    static BigDecimal round(double v) {
        double c = Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
        return BigDecimal.valueOf(c).setScale(2, RoundingMode.HALF_UP);
    }
}
