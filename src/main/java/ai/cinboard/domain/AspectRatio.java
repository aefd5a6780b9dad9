package ai.cinboard.domain;

import java.util.Locale;

/**
 * The shape of a frame: 16:9 (wide), 9:16 (vertical) or 1:1 (square). A project renders natively in its own shape
 * (keyframes composed for it, clips and video at its size); an MP4 export to another shape reframes the picture
 * (centre crop by default), never stretches it.
 */
public enum AspectRatio {
    WIDE(16, 9),
    VERTICAL(9, 16),
    SQUARE(1, 1);

    private final int horizontal;
    private final int vertical;

    AspectRatio(int horizontal, int vertical) {
        this.horizontal = horizontal;
        this.vertical = vertical;
    }

    public int horizontal() {
        return horizontal;
    }

    public int vertical() {
        return vertical;
    }

    /** "16:9", "9:16", "1:1". */
    public String label() {
        return horizontal + ":" + vertical;
    }

    /** "16:9, 9:16 or 1:1", for messages naming the allowed values. */
    public static final String ALLOWED = "16:9, 9:16 or 1:1";

    /**
     * The frame of this shape whose short side is {@code shortSide}, both sides even: 16:9 at 1080 is 1920x1080,
     * 9:16 1080x1920, 1:1 1080x1080; 16:9 at 480 is 854x480.
     */
    public int[] frameSize(int shortSide) {
        int longSide = even(shortSide * (double) Math.max(horizontal, vertical) / Math.min(horizontal, vertical));
        return horizontal >= vertical ? new int[] {longSide, shortSide} : new int[] {shortSide, longSide};
    }

    private static int even(double v) {
        int r = (int) Math.round(v);
        return r % 2 == 0 ? r : r + 1;
    }

    public static AspectRatio parse(String text) {
        String t = text == null
                ? ""
                : text.trim().toLowerCase(Locale.ROOT).replace('x', ':').replace('/', ':');
        for (AspectRatio a : values()) {
            if (t.equals(a.label()) || t.equals(a.name().toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("Unknown aspect ratio \"" + text + "\". Use " + ALLOWED + ".");
    }
}
