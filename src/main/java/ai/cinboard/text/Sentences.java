package ai.cinboard.text;

import java.util.regex.Pattern;

/**
 * Where sentences end. A full stop after a title ("Mr. Okafor", "Dr. Lindqvist", "Sra. Gómez") abbreviates the
 * title and does not end the sentence, so the name after it is not a sentence opening, a heading is not cut at
 * "Mrs." and a subtitle page does not break between a title and its name. Every sentence pattern of intake and
 * of the subtitle pager is built here, so they agree on that.
 */
public final class Sentences {
    /** Titles written with a full stop, in the languages that abbreviate them so; never after another letter. */
    private static final String TITLE = "(?<![\\p{L}\\p{M}])(?:Mr|Mrs|Ms|Mx|Dr|Prof|St|Sr|Sra|Srta|Dra|Mme|Mlle|Hr|Fr"
            + "|Jr|Capt|Sgt|Lt|Col|Rev|Gen|Gov|Insp|Det)";

    private static final Pattern CLOSES_TITLE = Pattern.compile(TITLE + "\\.$");
    private static final Pattern TITLE_BEFORE = Pattern.compile(TITLE + "\\.[ \\u00A0]+$");

    private Sentences() {}

    /**
     * A regex matching one sentence-ending mark from {@code marks} (characters as in a class, with or without a
     * full stop): a full stop among them counts only where it does not close a title.
     */
    public static String end(String marks) {
        String others = marks.replace(".", "");
        String stop = "(?<!" + TITLE + ")\\.";
        if (!marks.contains(".")) {
            return "[" + others + "]";
        }
        return others.isEmpty() ? stop : "(?:[" + others + "]|" + stop + ")";
    }

    /** A regex matching one character of a sentence's body: anything but {@code marks} and a line break. */
    public static String body(String marks) {
        String inner = "[^" + marks + "\\n]";
        return marks.contains(".") ? "(?:" + inner + "|(?<=" + TITLE + ")\\.)" : inner;
    }

    /** True when the full stop at {@code period} in {@code text} closes a title ("Mrs.") rather than a sentence. */
    public static boolean closesTitle(CharSequence text, int period) {
        if (period < 0 || period >= text.length() || text.charAt(period) != '.') {
            return false;
        }
        return CLOSES_TITLE
                .matcher(text)
                .region(Math.max(0, period - 6), period + 1)
                .useTransparentBounds(true)
                .find();
    }

    /** The abbreviated title ("Mrs.") written right before the word at {@code start}, or null. */
    public static String titleBefore(CharSequence text, int start) {
        java.util.regex.Matcher m =
                TITLE_BEFORE.matcher(text).region(Math.max(0, start - 8), start).useTransparentBounds(true);
        return m.find() ? m.group().strip() : null;
    }
}
