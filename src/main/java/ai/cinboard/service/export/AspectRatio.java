package ai.cinboard.service.export;

import java.util.Locale;

/** Frame shape of an MP4 export. The picture is reframed (centre crop by default), never stretched. */
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

    public static AspectRatio parse(String text) {
        String t = text == null
                ? ""
                : text.trim().toLowerCase(Locale.ROOT).replace('x', ':').replace('/', ':');
        for (AspectRatio a : values()) {
            if (t.equals(a.label()) || t.equals(a.name().toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("Unknown aspect ratio \"" + text + "\". Use 16:9, 9:16 or 1:1.");
    }
}
