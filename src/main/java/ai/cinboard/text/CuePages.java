package ai.cinboard.text;

import ai.cinboard.domain.Line;
import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A line too long for one subtitle, cut into pages shown one after another: at sentence ends first, then at
 * clause marks, then between words, the words of a run split evenly over the pages it needs (so no page is left
 * with one word), and only as a last resort inside a run of letters. Words come from ICU's dictionary-based word
 * breaks, which keep Japanese, Chinese and Thai words whole (降り続け, not 降り|続け). Punctuation never starts
 * a page. Lengths are in units of half an em: a Latin, Cyrillic, Arabic or Thai letter is one, a Chinese,
 * Japanese or Korean character (as wide as it is high) two.
 */
public final class CuePages implements Line.Pager {
    /** The pager the render and the exports share. */
    public static final CuePages PAGER = new CuePages();

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=" + Sentences.end(".!?…。！？") + ")[\"'»”」』)]*\\s*");
    private static final Pattern CLAUSE_END = Pattern.compile("(?<=[,;:，、；：—])\\s*");

    private CuePages() {}

    @Override
    public List<String> pages(String text, int maxUnits) {
        return split(text, maxUnits);
    }

    @Override
    public int units(String s) {
        return width(s);
    }

    /** Width of {@code s} in half-em units. */
    public static int width(String s) {
        return s.codePoints().map(cp -> wide(cp) ? 2 : 1).sum();
    }

    /** {@code text} as pages of at most {@code maxUnits} each; text that fits is one page. */
    public static List<String> split(String text, int maxUnits) {
        int max = Math.max(ai.cinboard.domain.SubtitleStyle.MIN_PAGE_UNITS, maxUnits);
        String t = text.strip();
        List<String> out = new ArrayList<>();
        if (t.isEmpty()) {
            return out;
        }
        if (width(t) <= max) {
            out.add(t);
            return out;
        }
        pack(cut(t, SENTENCE_END), max, out, 0);
        return out;
    }

    /**
     * Greedy packing of {@code parts} (kept with their trailing spaces) into pages. A part longer than a page is
     * cut at the next finer level: clauses, then words, then characters.
     */
    private static void pack(List<String> parts, int max, List<String> out, int level) {
        StringBuilder page = new StringBuilder();
        for (String part : parts) {
            if (punctuation(part)) {
                // a comma or a full stop stays with the words before it, a little over the width or not
                if (page.isEmpty() && !out.isEmpty()) {
                    out.set(out.size() - 1, out.get(out.size() - 1) + part.strip());
                } else {
                    page.append(part);
                }
                continue;
            }
            if (width(page + part.stripTrailing()) <= max) {
                page.append(part);
                continue;
            }
            flush(page, out);
            if (width(part.strip()) <= max) {
                page.append(part);
            } else if (level == 0) {
                pack(cut(part, CLAUSE_END), max, out, 1);
            } else {
                evenly(words(part), max, out);
            }
        }
        flush(page, out);
    }

    /** Words over as few pages as they need, each page about as wide as the others. */
    private static void evenly(List<String> words, int max, List<String> out) {
        int total = width(String.join("", words).strip());
        int pages = (total + max - 1) / max;
        int target = (total + pages - 1) / pages;
        StringBuilder page = new StringBuilder();
        for (String w : words) {
            if (punctuation(w)) {
                page.append(w);
                continue;
            }
            int now = width(page.toString().strip());
            if (now > 0 && (now + width(w.stripTrailing()) > max || now >= target)) {
                flush(page, out);
            }
            if (width(w.strip()) > max) {
                // one "word" wider than a page (a long run without breaks): cut between characters
                w.codePoints().forEach(cp -> {
                    if (width(page.toString()) + (wide(cp) ? 2 : 1) > max) {
                        flush(page, out);
                    }
                    page.appendCodePoint(cp);
                });
                continue;
            }
            page.append(w);
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

    private static boolean punctuation(String part) {
        String p = part.strip();
        return !p.isEmpty() && p.codePoints().noneMatch(Character::isLetterOrDigit);
    }

    /** {@code s} cut after each match of {@code boundary}, each piece keeping what follows it up to the next. */
    private static List<String> cut(String s, Pattern boundary) {
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

    /** ICU's words (with the spaces between them as parts of their own): dictionary-based for CJK and Thai. */
    private static List<String> words(String s) {
        BreakIterator it = BreakIterator.getWordInstance(ULocale.ROOT);
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
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.HANGUL
                || (cp >= 0x3000 && cp <= 0x303F)
                || (cp >= 0xFF00 && cp <= 0xFF60);
    }
}
