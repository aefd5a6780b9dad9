package ai.cinboard.text;

import com.ibm.icu.text.BreakIterator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When each word of a subtitle is said, for word-by-word highlighting, when the speech engine gives no word timings:
 * the subtitle's time is spread over its words in proportion to how long each takes to say. Words are found with
 * ICU's word BreakIterator (dictionary-based for Thai, Japanese and Chinese, which have no spaces); a word's length
 * is its syllables where the script writes its vowels (Latin, Cyrillic, Greek: one per group of vowel letters), and
 * its characters elsewhere: a CJK character or Hangul block is a syllable, and Arabic, Hebrew, Thai or Devanagari
 * write too few of their vowels (or fold them into the consonant) for vowel groups to count anything.
 */
public final class WordTimings {
    private WordTimings() {}

    /** A word: its chars {@code [from, to)} in the text, and when it is said. */
    public record Word(int from, int to, double start, double end) {}

    /**
     * The words of {@code text}, timed back to back from {@code start} to {@code end}: the first starts at
     * {@code start}, each starts where the one before ends, and the last ends at {@code end}. Empty when the text
     * has no words (only punctuation or spaces).
     */
    public static List<Word> spread(String text, double start, double end, Locale locale) {
        List<int[]> words = words(text, locale);
        double total = 0;
        double[] weights = new double[words.size()];
        for (int i = 0; i < words.size(); i++) {
            weights[i] = weight(text.substring(words.get(i)[0], words.get(i)[1]));
            total += weights[i];
        }
        List<Word> out = new ArrayList<>();
        double t = start;
        double acc = 0;
        for (int i = 0; i < words.size(); i++) {
            acc += weights[i];
            // from the running sum, so rounding never lets the last word end anywhere but at the cue's end
            double next = i == words.size() - 1 ? end : start + (end - start) * acc / total;
            out.add(new Word(words.get(i)[0], words.get(i)[1], t, next));
            t = next;
        }
        return out;
    }

    /** The word segments of the text (not spaces or punctuation), as {from, to}. */
    static List<int[]> words(String text, Locale locale) {
        List<int[]> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        BreakIterator it = BreakIterator.getWordInstance(locale == null ? Locale.ROOT : locale);
        it.setText(text);
        for (int from = it.first(), to = it.next(); to != BreakIterator.DONE; from = to, to = it.next()) {
            if (it.getRuleStatus() != BreakIterator.WORD_NONE) {
                out.add(new int[] {from, to});
            }
        }
        return out;
    }

    /** How long a word takes to say, in syllables (vowel groups) or characters, depending on its script; at least 1. */
    static int weight(String word) {
        int letters = 0;
        int vowelGroups = 0;
        boolean voweled = true;
        boolean inVowel = false;
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetterOrDigit(cp)) {
                inVowel = false;
                continue;
            }
            letters++;
            voweled &= writesVowels(cp);
            boolean vowel = isVowel(cp);
            if (vowel && !inVowel) {
                vowelGroups++;
            }
            inVowel = vowel;
        }
        return Math.max(1, voweled && vowelGroups > 0 ? vowelGroups : letters);
    }

    /** Scripts whose every vowel is a letter of its own, so groups of vowel letters are syllables. */
    private static boolean writesVowels(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.LATIN
                || s == Character.UnicodeScript.CYRILLIC
                || s == Character.UnicodeScript.GREEK
                || s == Character.UnicodeScript.ARMENIAN
                || s == Character.UnicodeScript.GEORGIAN
                || s == Character.UnicodeScript.COMMON;
    }

    private static final String VOWELS = "aeiouyæøœ" + "аеёиоуыэюяіїєў" + "αεηιουω" + "աեէըիոօ" + "აეიოუ";

    private static boolean isVowel(int cp) {
        // accents off first: é, ü and ά are the vowels e, u and α
        String base =
                Normalizer.normalize(new String(Character.toChars(Character.toLowerCase(cp))), Normalizer.Form.NFD);
        return VOWELS.indexOf(base.charAt(0)) >= 0;
    }
}
