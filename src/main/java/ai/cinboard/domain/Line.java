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

    /**
     * A caption timed inside its scene, in seconds from the scene's start. {@code opens}: it starts a line or a
     * sentence, where a voice pauses before it (a page cut at a clause or between words has no pause before it).
     * {@code spokenFrom}: where the words said begin in {@code text}, after a dialogue page's speaker ("MARA: ").
     */
    public record Timed(double start, double end, String text, boolean opens, int spokenFrom) {}

    /** Cuts a caption into pages of at most so many units, and says how wide a text is in them. */
    public interface Pager {
        java.util.List<String> pages(String text, int maxUnits);

        int units(String text);
    }

    private static final java.util.regex.Pattern ENDS_SENTENCE =
            java.util.regex.Pattern.compile(".*[.!?…。！？][\"'»”」』)]*$");

    /**
     * The one subtitle timing of a scene's lines over {@code seconds}: each line that says something gets a share
     * in proportion to its length, in order, and a line too long for one subtitle of {@code maxUnits} is shown as
     * {@code pager}'s pages, one after another, each for its share of the line's time. Dialogue shows its speaker
     * ("MARA: ") on its first page, never on a page of its own. The render's cues (the MP4's SRT and burned-in
     * subtitles) and the exports of an edit not rendered yet both come from here.
     */
    public static java.util.List<Timed> timed(java.util.List<Line> lines, double seconds, Pager pager, int maxUnits) {
        java.util.List<Line> spoken = lines == null
                ? java.util.List.of()
                : lines.stream().filter(l -> !l.text().isBlank()).toList();
        int total = spoken.stream().mapToInt(l -> l.text().length()).sum();
        java.util.List<Timed> out = new java.util.ArrayList<>();
        double t = 0;
        for (Line l : spoken) {
            double span = seconds * l.text().length() / Math.max(1, total);
            String label = l.kind == Kind.DIALOGUE ? l.speaker + ": " : "";
            java.util.List<String> pages =
                    new java.util.ArrayList<>(pager.pages(l.text.strip(), maxUnits - pager.units(label)));
            if (!pages.isEmpty()) {
                pages.set(0, label + pages.get(0));
            }
            int units = pages.stream().mapToInt(pager::units).sum();
            double at = t;
            for (int i = 0; i < pages.size(); i++) {
                String page = pages.get(i);
                double share = span * pager.units(page) / Math.max(1, units);
                boolean opens =
                        i == 0 || ENDS_SENTENCE.matcher(pages.get(i - 1)).matches();
                out.add(new Timed(at, at + share, page, opens, i == 0 ? label.length() : 0));
                at += share;
            }
            t += span;
        }
        return out;
    }
}
