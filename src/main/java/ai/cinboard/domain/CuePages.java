package ai.cinboard.domain;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A line too long for one subtitle, cut into pages shown one after another: at sentence ends first, then at
 * clause marks, then between words (java.text's word breaks, which also find Thai words), and only as a last
 * resort inside a run of letters. Lengths are in units of half an em: a Latin, Cyrillic, Arabic or Thai letter is
 * one, a Chinese, Japanese or Korean character (as wide as it is high) two.
 */
public final class CuePages {
    /** Two lines of 42 characters: the usual subtitle limit, for a wide frame at the usual text size. */
    public static final int DEFAULT_UNITS = 84;

    /** The fewest units a page holds, whatever the frame: a few words. */
    public static final int MIN_UNITS = 16;

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?…。！？])[\"'»”」』)]*\\s*");
    private static final Pattern CLAUSE_END = Pattern.compile("(?<=[,;:，、；：—])\\s*");

    private CuePages() {}

    /** Width of {@code s} in half-em units. */
    public static int units(String s) {
        return s.codePoints().map(cp -> wide(cp) ? 2 : 1).sum();
    }

    /** {@code text} as pages of at most {@code maxUnits} each; text that fits is one page. */
    public static List<String> pages(String text, int maxUnits) {
        int max = Math.max(MIN_UNITS, maxUnits);
        String t = text.strip();
        List<String> out = new ArrayList<>();
        if (t.isEmpty()) {
            return out;
        }
        if (units(t) <= max) {
            out.add(t);
            return out;
        }
        pack(split(t, SENTENCE_END), max, out, 0);
        return out;
    }

    /**
     * Greedy packing of {@code parts} (kept with their trailing spaces) into pages. A part longer than a page is
     * cut at the next finer level: clauses, then words, then characters.
     */
    private static void pack(List<String> parts, int max, List<String> out, int level) {
        StringBuilder page = new StringBuilder();
        for (String part : parts) {
            if (units(page + part.stripTrailing()) <= max) {
                page.append(part);
                continue;
            }
            flush(page, out);
            if (units(part.strip()) <= max) {
                page.append(part);
            } else if (level == 0) {
                pack(split(part, CLAUSE_END), max, out, 1);
            } else if (level == 1) {
                pack(words(part), max, out, 2);
            } else {
                // one "word" wider than a page (a long run without breaks): cut between characters
                int[] cps = part.codePoints().toArray();
                StringBuilder piece = new StringBuilder();
                for (int cp : cps) {
                    if (units(piece.toString()) + (wide(cp) ? 2 : 1) > max) {
                        flush(piece, out);
                    }
                    piece.appendCodePoint(cp);
                }
                page.append(piece);
            }
        }
        flush(page, out);
    }

    private static void flush(StringBuilder page, List<String> out) {
        String p = page.toString().strip();
        if (!p.isEmpty()) {
            out.add(p);
        }
        page.setLength(0);
    }

    /** {@code s} cut after each match of {@code boundary}, each piece keeping what follows it up to the next. */
    private static List<String> split(String s, Pattern boundary) {
        List<String> parts = new ArrayList<>();
        var m = boundary.matcher(s);
        int from = 0;
        while (m.find()) {
            if (m.end() > from && m.end() < s.length()) {
                parts.add(s.substring(from, m.end()));
                from = m.end();
            }
        }
        parts.add(s.substring(from));
        return parts;
    }

    private static List<String> words(String s) {
        // the JDK finds Thai words with its dictionary only when asked for Thai
        boolean thai = s.codePoints()
                .anyMatch(cp -> java.lang.Character.UnicodeScript.of(cp) == java.lang.Character.UnicodeScript.THAI);
        BreakIterator it = BreakIterator.getWordInstance(thai ? Locale.forLanguageTag("th") : Locale.ROOT);
        it.setText(s);
        List<String> parts = new ArrayList<>();
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            parts.add(s.substring(start, end));
        }
        return parts;
    }

    /** Full-width: CJK ideographs, kana, Hangul and full-width forms. */
    private static boolean wide(int cp) {
        java.lang.Character.UnicodeScript script = java.lang.Character.UnicodeScript.of(cp);
        return script == java.lang.Character.UnicodeScript.HAN
                || script == java.lang.Character.UnicodeScript.HIRAGANA
                || script == java.lang.Character.UnicodeScript.KATAKANA
                || script == java.lang.Character.UnicodeScript.HANGUL
                || (cp >= 0x3000 && cp <= 0x303F)
                || (cp >= 0xFF00 && cp <= 0xFF60);
    }
}
