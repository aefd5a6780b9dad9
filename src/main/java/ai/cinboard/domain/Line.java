package ai.cinboard.domain;

/**
 * One line of a scene for captions, narration and subtitles. {@code speaker} is null for action. Intake breaks a
 * story down into them once and stores them with the scene ({@code scenes.lines}), so every render and export
 * reads the same lines.
 */
public record Line(Kind kind, String speaker, String text) {
    public enum Kind {
        ACTION,
        DIALOGUE
    }

    public static Line action(String text) {
        return new Line(Kind.ACTION, null, text);
    }

    public static Line dialogue(String speaker, String text) {
        return new Line(Kind.DIALOGUE, speaker, text);
    }

    /** The longest caption shown, in characters (code points); a longer line ends in "…". */
    public static final int MAX_CAPTION = 200;

    /** The subtitle this line shows: dialogue with its speaker ("MARA: Hold the rope!"). */
    public String caption() {
        String t = kind == Kind.DIALOGUE ? speaker + ": " + text.strip() : text.strip();
        return t.codePointCount(0, t.length()) <= MAX_CAPTION
                ? t
                : t.substring(0, t.offsetByCodePoints(0, MAX_CAPTION - 1)) + "…";
    }

    /** A caption timed inside its scene, in seconds from the scene's start. */
    public record Timed(double start, double end, String text) {}

    /**
     * The one subtitle timing of a scene's lines over {@code seconds}: each line that says something gets a share
     * in proportion to its length, in order. The render's cues (the MP4's SRT and burned-in subtitles) and the
     * exports of an edit not rendered yet both come from here.
     */
    public static java.util.List<Timed> timed(java.util.List<Line> lines, double seconds) {
        java.util.List<Line> spoken = lines == null
                ? java.util.List.of()
                : lines.stream().filter(l -> !l.text().isBlank()).toList();
        int total = spoken.stream().mapToInt(l -> l.text().length()).sum();
        java.util.List<Timed> out = new java.util.ArrayList<>();
        double t = 0;
        for (Line l : spoken) {
            double span = seconds * l.text().length() / Math.max(1, total);
            out.add(new Timed(t, t + span, l.caption()));
            t += span;
        }
        return out;
    }
}
