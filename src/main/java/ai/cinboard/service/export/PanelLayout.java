package ai.cinboard.service.export;

/** Storyboard PDF panels per page, as columns x rows on a landscape A4 page. */
public enum PanelLayout {
    ONE(1, 1),
    FOUR(2, 2),
    SIX(3, 2);

    private final int columns;
    private final int rows;

    PanelLayout(int columns, int rows) {
        this.columns = columns;
        this.rows = rows;
    }

    public int columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }

    public int perPage() {
        return columns * rows;
    }

    /** Accepts "1", "4", "6", "2x2", "3x2" or the constant's name. */
    public static PanelLayout parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(java.util.Locale.ROOT);
        return switch (t) {
            case "1", "1X1", "ONE" -> ONE;
            case "4", "2X2", "FOUR" -> FOUR;
            case "6", "3X2", "SIX" -> SIX;
            default ->
                throw new ai.cinboard.domain.StudioException(
                        "Unknown panel layout \"" + text + "\". Use 1, 4 (2x2) or 6 (3x2) panels per page.");
        };
    }
}
