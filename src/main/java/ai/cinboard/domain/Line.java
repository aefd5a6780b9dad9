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

    /** A caption timed inside its scene, in seconds from the scene's start. */
    public record Timed(double start, double end, String text) {}

    /**
     * The one subtitle timing of a scene's lines over {@code seconds}: each line that says something gets a share
     * in proportion to its length, in order, and a line too long for one subtitle of {@code maxUnits} (see
     * {@link CuePages}) is shown as pages, one after another, each for its share of the line's time. The render's
     * cues (the MP4's SRT and burned-in subtitles) and the exports of an edit not rendered yet both come from here.
     */
    public static java.util.List<Timed> timed(java.util.List<Line> lines, double seconds, int maxUnits) {
        java.util.List<Line> spoken = lines == null
                ? java.util.List.of()
                : lines.stream().filter(l -> !l.text().isBlank()).toList();
        int total = spoken.stream().mapToInt(l -> l.text().length()).sum();
        java.util.List<Timed> out = new java.util.ArrayList<>();
        double t = 0;
        for (Line l : spoken) {
            double span = seconds * l.text().length() / Math.max(1, total);
            String full = l.kind == Kind.DIALOGUE ? l.speaker + ": " + l.text.strip() : l.text.strip();
            java.util.List<String> pages = CuePages.pages(full, maxUnits);
            int units = pages.stream().mapToInt(CuePages::units).sum();
            double at = t;
            for (String page : pages) {
                double share = span * CuePages.units(page) / Math.max(1, units);
                out.add(new Timed(at, at + share, page));
                at += share;
            }
            t += span;
        }
        return out;
    }
}
