package ai.cinboard.text.breakdown;

import ai.cinboard.domain.ScriptClass;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A scene's duration from the time it takes to read aloud, since the voiceover sets the animatic's pace.
 * Spaced scripts are counted in words, CJK and Thai in characters; a mixed scene adds both.
 */
public final class ReadingTime {
    /** Audiobook narration runs at about 150–160 words a minute; we take the calmer end for a storyboard. */
    public static final double WORDS_PER_MINUTE = 150.0;
    /** Narrated Mandarin and Japanese run at roughly 4–6 characters a second; 5 is the middle. */
    public static final double CJK_CHARS_PER_SECOND = 5.0;
    /** Thai syllables take about three letters and speech runs near five syllables a second. */
    public static final double THAI_CHARS_PER_SECOND = 14.0;
    /** Shorter than this, a shot can't be read or even registered on screen. */
    public static final double MIN_SECONDS = 2.0;

    private ReadingTime() {}

    public static BigDecimal seconds(String text) {
        long cjk = 0;
        long thai = 0;
        long words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK) {
                continue; // vowel signs and accents belong to the letter before them
            }
            if (Character.isLetterOrDigit(cp) && ScriptClass.isUnspacedScript(cp)) {
                Character.UnicodeScript script = Character.UnicodeScript.of(cp);
                if (script == Character.UnicodeScript.HAN
                        || script == Character.UnicodeScript.HIRAGANA
                        || script == Character.UnicodeScript.KATAKANA) {
                    cjk++;
                } else {
                    thai++; // Thai, Lao, Khmer, Myanmar, Tibetan: alphabetic, unspaced
                }
                inWord = false;
            } else if (Character.isLetterOrDigit(cp) || (inWord && (cp == '\'' || cp == '’' || cp == '-'))) {
                if (!inWord) {
                    words++;
                    inWord = true;
                }
            } else {
                inWord = false;
            }
        }
        double s = words / WORDS_PER_MINUTE * 60.0 + cjk / CJK_CHARS_PER_SECOND + thai / THAI_CHARS_PER_SECOND;
        return BigDecimal.valueOf(Math.max(MIN_SECONDS, s)).setScale(2, RoundingMode.HALF_UP);
    }
}
