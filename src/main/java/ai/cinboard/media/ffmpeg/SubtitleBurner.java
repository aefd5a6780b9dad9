package ai.cinboard.media.ffmpeg;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacv.Frame;

/**
 * Lays one scene's subtitles over its decoded YUV 4:2:0 frames, straight into the planes, so burning text in
 * needs no round trip through RGB. Each cue is painted once per highlighted word (once when it has no word timings)
 * by the {@link FinalComposer.SubtitlePainter}, at the row the painter chooses, and
 * turned into Y, U, V and coverage arrays; a frame under a cue is copied into a scratch frame and blended there,
 * because the source frame may be a held picture that is written again later with another cue or none.
 */
final class SubtitleBurner {
    private final FinalComposer.SubtitlePainter painter;
    private final List<FinalComposer.Cue> cues;
    private final int width;
    private final int height;
    /** Painted overlays by cue and highlighted word. */
    private final Map<List<Integer>, Overlay> painted = new HashMap<>();

    private Frame scratch;

    /** A painted cue in YUV: luma and coverage per pixel, chroma and coverage per 2x2 block; {@code top} is even. */
    private record Overlay(int top, int rows, byte[] y, byte[] alpha, byte[] u, byte[] v, byte[] chromaAlpha) {}

    SubtitleBurner(FinalComposer.SubtitlePainter painter, List<FinalComposer.Cue> cues, int width, int height) {
        this.painter = painter;
        this.cues = cues;
        this.width = width;
        this.height = height;
    }

    /** The frame to encode at {@code seconds} into the scene: {@code frame} itself, or a copy with the cue on it. */
    Frame burn(Frame frame, double seconds) {
        int cue = -1;
        for (int i = 0; i < cues.size(); i++) {
            FinalComposer.Cue c = cues.get(i);
            if (seconds >= c.start()
                    && seconds < c.end()
                    && c.text() != null
                    && !c.text().isBlank()) {
                cue = i;
                break;
            }
        }
        if (cue < 0) {
            return frame;
        }
        FinalComposer.Cue c = cues.get(cue);
        int word = c.wordAt(seconds);
        Overlay o = painted.computeIfAbsent(List.of(cue, word), k -> paint(c, word));
        if (o == null) {
            return frame;
        }
        if (scratch == null) {
            scratch = FinalComposer.copyOf(frame);
        } else {
            whole(scratch).put(whole(frame));
        }
        blend(o, whole(scratch), frame.imageStride);
        return scratch;
    }

    /** The frame's buffer over all three planes (the grabber limits it to the luma plane). */
    static ByteBuffer whole(Frame f) {
        ByteBuffer b = ((ByteBuffer) f.image[0]).duplicate();
        b.clear();
        return b;
    }

    private Overlay paint(FinalComposer.Cue cue, int word) {
        FinalComposer.Band painted = painter.paint(cue, word, width, height);
        if (painted == null) {
            return null;
        }
        BufferedImage band = painted.image();
        // an even row, so chroma lines up; the band stays inside the frame
        int top = Math.max(0, Math.min(painted.top(), height - band.getHeight())) & ~1;
        int rows = Math.min(band.getHeight(), height - top) & ~1;
        int w = Math.min(band.getWidth(), width) & ~1;
        byte[] y = new byte[width * rows];
        byte[] a = new byte[width * rows];
        int cw = width / 2;
        byte[] u = new byte[cw * (rows / 2)];
        byte[] v = new byte[cw * (rows / 2)];
        byte[] ca = new byte[cw * (rows / 2)];
        int[] argb = band.getRGB(0, 0, w, rows, null, 0, w);
        for (int r = 0; r < rows; r++) {
            for (int x = 0; x < w; x++) {
                int p = argb[r * w + x];
                int al = p >>> 24;
                int red = (p >> 16) & 0xff, green = (p >> 8) & 0xff, blue = p & 0xff;
                // BT.601 limited range, as swscale converts for yuv420p by default
                y[r * width + x] = (byte) clamp(16 + (65.481 * red + 128.553 * green + 24.966 * blue) / 255);
                a[r * width + x] = (byte) al;
            }
        }
        for (int r = 0; r < rows / 2; r++) {
            for (int x = 0; x < w / 2; x++) {
                // chroma of a 2x2 block: coverage-weighted mean colour of its four pixels
                double sr = 0, sg = 0, sb = 0, sa = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int p = argb[(2 * r + dy) * w + 2 * x + dx];
                        double al = (p >>> 24) / 255.0;
                        sr += al * ((p >> 16) & 0xff);
                        sg += al * ((p >> 8) & 0xff);
                        sb += al * (p & 0xff);
                        sa += al;
                    }
                }
                if (sa == 0) {
                    continue;
                }
                double red = sr / sa, green = sg / sa, blue = sb / sa;
                u[r * cw + x] = (byte) clamp(128 + (-37.797 * red - 74.203 * green + 112.0 * blue) / 255);
                v[r * cw + x] = (byte) clamp(128 + (112.0 * red - 93.786 * green - 18.214 * blue) / 255);
                ca[r * cw + x] = (byte) Math.round(sa / 4 * 255);
            }
        }
        return new Overlay(top, rows, y, a, u, v, ca);
    }

    /** Alpha-blends the overlay into the planes, laid out as the grabber allocates them: Y, then U, then V. */
    private void blend(Overlay o, ByteBuffer b, int stride) {
        int cStride = (stride + 1) / 2;
        int uBase = stride * height;
        int vBase = uBase + cStride * ((height + 1) / 2);
        for (int r = 0; r < o.rows(); r++) {
            int row = (o.top() + r) * stride;
            for (int x = 0; x < width; x++) {
                int al = o.alpha()[r * width + x] & 0xff;
                if (al != 0) {
                    int i = row + x;
                    b.put(i, mix(b.get(i), o.y()[r * width + x], al));
                }
            }
        }
        int cw = width / 2;
        for (int r = 0; r < o.rows() / 2; r++) {
            int row = (o.top() / 2 + r) * cStride;
            for (int x = 0; x < cw; x++) {
                int al = o.chromaAlpha()[r * cw + x] & 0xff;
                if (al != 0) {
                    b.put(uBase + row + x, mix(b.get(uBase + row + x), o.u()[r * cw + x], al));
                    b.put(vBase + row + x, mix(b.get(vBase + row + x), o.v()[r * cw + x], al));
                }
            }
        }
    }

    private static byte mix(byte under, byte over, int alpha) {
        int u = under & 0xff, o = over & 0xff;
        return (byte) ((o * alpha + u * (255 - alpha) + 127) / 255);
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
