package ai.cinboard.generation.local;

import ai.cinboard.generation.ShotType;
import java.awt.geom.Rectangle2D;

/**
 * How the offline engine lays a keyframe out for the shape of its frame, so a vertical or square video is composed
 * for that frame rather than cut out of a wide one. All positions are fractions of the frame.
 *
 * <ul>
 *   <li>{@code safe}: where the characters' heads and the caption text stay. A vertical frame keeps clear of the
 *       top 8 % and the bottom 20 %, where phone apps lay their own buttons and text over the video.
 *   <li>{@code captionText}, {@code bandTop}, {@code bandBottom}: the caption's text region and its dark band.
 *   <li>{@code horizon}, {@code floor}: where the setting meets the ground, and where a wide shot's figures stand.
 *   <li>the figure size of each shot (as a fraction of the height, and never wider than the safe width allows for
 *       the figures in a row), where medium shots and close-ups put the top of the head, and how many characters
 *       a shot shows: a vertical wide shot stands up to four in two rows, one behind the other.
 * </ul>
 *
 * <p>The wide layout is the one keyframes always had.
 */
record Framing(
        Shape shape,
        Rectangle2D.Double safe,
        Rectangle2D.Double captionText,
        double bandTop,
        double bandBottom,
        double horizon,
        double floor,
        double wideFigure,
        double mediumFigure,
        double closeFigure,
        double mediumHeadTop,
        double closeHeadTop,
        int wideShown,
        int mediumShown) {

    enum Shape {
        WIDE,
        SQUARE,
        VERTICAL
    }

    /** Width of a figure's bounding box per unit of figure height (tallest look, hats included). */
    private static final double FIGURE_WIDTH = 0.55 * 1.1 * 1.12;

    static final Framing WIDE = new Framing(
            Shape.WIDE,
            new Rectangle2D.Double(0.05, 0.05, 0.90, 0.90),
            new Rectangle2D.Double(0.12, 0.78, 0.76, 0.19),
            0.78,
            1.0,
            0.62,
            0.76,
            0.45,
            1.15,
            2.2,
            0.14,
            0.08,
            5,
            3);

    static final Framing SQUARE = new Framing(
            Shape.SQUARE,
            new Rectangle2D.Double(0.06, 0.06, 0.88, 0.88),
            new Rectangle2D.Double(0.10, 0.745, 0.80, 0.17),
            0.73,
            0.94,
            0.56,
            0.70,
            0.38,
            0.95,
            1.3,
            0.14,
            0.14,
            4,
            2);

    static final Framing VERTICAL = new Framing(
            Shape.VERTICAL,
            new Rectangle2D.Double(0.08, 0.08, 0.84, 0.72),
            new Rectangle2D.Double(0.10, 0.645, 0.80, 0.145),
            0.635,
            0.80,
            0.50,
            0.62,
            0.30,
            0.75,
            0.95,
            0.17,
            0.15,
            4,
            2);

    /** The layout for a frame of this size: wide from 6:5 up, vertical from 5:6 down, square between. */
    static Framing of(int width, int height) {
        double ratio = width / (double) height;
        return ratio >= 1.2 ? WIDE : ratio <= 1 / 1.2 ? VERTICAL : SQUARE;
    }

    /** How many of {@code cast} characters the shot shows. */
    int shown(ShotType shot, int cast) {
        return switch (shot) {
            case WIDE -> Math.min(cast, wideShown);
            case MEDIUM -> Math.min(cast, mediumShown);
            case CLOSE_UP -> Math.min(cast, 1);
        };
    }

    /**
     * Rows a wide shot stands its figures in: two in a vertical frame with three or more, else one. A medium shot's
     * figures may overlap by a quarter of their width.
     */
    int rows(ShotType shot, int shown) {
        return shape == Shape.VERTICAL && shot == ShotType.WIDE && shown >= 3 ? 2 : 1;
    }

    /**
     * Figure height in pixels for {@code perRow} figures side by side. The wide layout keeps its classic sizes;
     * the others also fit the figures into the safe width.
     */
    double figureHeight(ShotType shot, int perRow, int w, int h) {
        double byHeight = h
                * switch (shot) {
                    case WIDE -> wideFigure;
                    case MEDIUM -> mediumFigure;
                    case CLOSE_UP -> closeFigure;
                };
        if (shape == Shape.WIDE) {
            return byHeight;
        }
        double byWidth = shot == ShotType.CLOSE_UP
                ? w * closeFigure * 1.6 // a close-up may overflow the sides with the shoulders, not the head
                : safe.width * w / (Math.max(1, perRow) * FIGURE_WIDTH * (shot == ShotType.MEDIUM ? 0.75 : 1));
        return Math.min(byHeight, byWidth);
    }

    double headTop(ShotType shot) {
        return shot == ShotType.CLOSE_UP ? closeHeadTop : mediumHeadTop;
    }

    /** Caption font size for a frame: the classic height / 28, narrower frames by their width. */
    float captionFontSize(int w, int h) {
        return Math.max(11f, Math.min(h / 28f, w / 22f));
    }
}
