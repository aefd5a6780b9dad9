package ai.cinboard.media.ffmpeg;

import ai.cinboard.domain.Transition;
import java.nio.ByteBuffer;
import org.bytedeco.javacv.Frame;

/**
 * Draws a transition over the opening frames of a scene, straight into decoded YUV 4:2:0 planes (Y, then U, then V,
 * as the grabber lays them out). The outgoing side is the previous scene's last picture, held: the transition
 * starts at the cut, so no scene moves on the timeline. Progress through it is {@code (index + 0.5) / frames}.
 */
final class TransitionFrames {
    /** Black in limited-range YUV, which is what H.264 from our encoder carries. */
    private static final int BLACK_LUMA = 16;

    private static final int NEUTRAL_CHROMA = 128;

    private final Transition.Kind kind;
    private final long frames;
    private final Frame outgoing;
    private final int width;
    private final int height;
    private Frame scratch;

    /** @param outgoing the previous scene's last picture at the output size; the caller keeps it unchanged */
    TransitionFrames(Transition.Kind kind, long frames, Frame outgoing, int width, int height) {
        this.kind = kind;
        this.frames = frames;
        this.outgoing = outgoing;
        this.width = width;
        this.height = height;
    }

    /** How many opening frames of the scene it covers. */
    long frames() {
        return frames;
    }

    /** Frame {@code index} of the incoming scene as shown: {@code incoming} itself once the transition is over. */
    Frame over(Frame incoming, long index) {
        if (index >= frames || kind == Transition.Kind.CUT) {
            return incoming;
        }
        if (incoming.imageStride != outgoing.imageStride) {
            throw new IllegalStateException("the outgoing and incoming pictures have different strides ("
                    + outgoing.imageStride + ", " + incoming.imageStride + ")");
        }
        if (scratch == null) {
            scratch = FinalComposer.copyOf(incoming);
        }
        ByteBuffer a = SubtitleBurner.whole(outgoing);
        ByteBuffer b = SubtitleBurner.whole(incoming);
        ByteBuffer out = SubtitleBurner.whole(scratch);
        double p = (index + 0.5) / frames;
        int stride = incoming.imageStride;
        int cStride = (stride + 1) / 2;
        int lumaSize = stride * height;
        int chromaSize = cStride * ((height + 1) / 2);
        plane(a, b, out, 0, stride, width, height, BLACK_LUMA, p);
        plane(a, b, out, lumaSize, cStride, (width + 1) / 2, (height + 1) / 2, NEUTRAL_CHROMA, p);
        plane(a, b, out, lumaSize + chromaSize, cStride, (width + 1) / 2, (height + 1) / 2, NEUTRAL_CHROMA, p);
        return scratch;
    }

    /** One plane at {@code base}: {@code black} is its value in a black picture. */
    private void plane(
            ByteBuffer a, ByteBuffer b, ByteBuffer out, int base, int stride, int w, int h, int black, double p) {
        switch (kind) {
            case CROSSFADE -> {
                int wb = (int) Math.round(p * 256);
                for (int r = 0; r < h; r++) {
                    int row = base + r * stride;
                    for (int c = 0; c < w; c++) {
                        int i = row + c;
                        int v = ((a.get(i) & 0xff) * (256 - wb) + (b.get(i) & 0xff) * wb + 128) >> 8;
                        out.put(i, (byte) v);
                    }
                }
            }
            case DIP -> {
                // the outgoing picture fades to black in the first half, the incoming one up from black in the second
                ByteBuffer from = p < 0.5 ? a : b;
                double k = p < 0.5 ? 1 - 2 * p : 2 * p - 1;
                for (int r = 0; r < h; r++) {
                    int row = base + r * stride;
                    for (int c = 0; c < w; c++) {
                        int i = row + c;
                        out.put(i, (byte) (int) Math.round(black + ((from.get(i) & 0xff) - black) * k));
                    }
                }
            }
            case WIPE -> {
                // the incoming picture uncovers the outgoing one from the left edge
                int edge = (int) Math.round(p * w);
                for (int r = 0; r < h; r++) {
                    int row = base + r * stride;
                    for (int c = 0; c < w; c++) {
                        int i = row + c;
                        out.put(i, c < edge ? b.get(i) : a.get(i));
                    }
                }
            }
            case CUT -> throw new IllegalStateException("a cut has no frames to draw");
        }
    }
}
