package ai.cinboard.generation.local;

import com.ibm.icu.text.Transliterator;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.ja.tokenattributes.ReadingAttribute;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Text as espeak-ng can say it. Its Japanese voice reads kana only, and says "Chinese letter" in English for every
 * kanji; its Mandarin voice, as Debian ships it, reads each character's pinyin with the tone digit in English
 * ("ni three"). So Japanese goes to espeak in katakana, as Kuromoji pronounces each word (は as ワ), and Chinese as
 * pinyin with tone marks (ICU's Han-Latin) to espeak's pinyin voice. Other languages go as they are.
 */
final class SpokenText {
    /** espeak-ng's Mandarin voice that reads pinyin; the plain {@code cmn} one is what misreads characters. */
    static final String PINYIN_VOICE = "cmn-latn-pinyin";

    private static final Map<Character, String> CJK_PUNCTUATION = Map.ofEntries(
            Map.entry('。', ". "),
            Map.entry('．', ". "),
            Map.entry('，', ", "),
            Map.entry('、', ", "),
            Map.entry('！', "! "),
            Map.entry('？', "? "),
            Map.entry('：', ": "),
            Map.entry('；', "; "),
            Map.entry('…', "... "),
            Map.entry('「', " "),
            Map.entry('」', " "),
            Map.entry('『', " "),
            Map.entry('』', " "),
            Map.entry('“', " "),
            Map.entry('”', " "),
            Map.entry('《', " "),
            Map.entry('》', " "),
            Map.entry('（', " ("),
            Map.entry('）', ") "));

    /** Han-Latin builds its tables on first use (about a second): once, and only for a Chinese story. */
    private static final class Pinyin {
        static final Transliterator HAN_LATIN = Transliterator.getInstance("Han-Latin");
    }

    private SpokenText() {}

    /** What espeak-ng reads for {@code text} in {@code voice}. */
    static String forVoice(String voice, String text) {
        if (voice.equals("ja")) {
            return punctuation(katakana(text));
        }
        if (voice.equals(PINYIN_VOICE)) {
            return punctuation(Pinyin.HAN_LATIN.transliterate(text));
        }
        return text;
    }

    /**
     * Every word the dictionary knows as its pronunciation in katakana; other kana, Latin letters and punctuation
     * kept. A word the dictionary doesn't know (a rare given name) is read character by character; a kanji with
     * no reading at all is left out rather than announced as a letter.
     */
    static String katakana(String text) {
        StringBuilder out = new StringBuilder(text.length());
        try (JapaneseTokenizer tokens = new JapaneseTokenizer(null, false, JapaneseTokenizer.Mode.NORMAL)) {
            tokens.setReader(new StringReader(text));
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            ReadingAttribute reading = tokens.addAttribute(ReadingAttribute.class);
            OffsetAttribute offset = tokens.addAttribute(OffsetAttribute.class);
            tokens.reset();
            int at = 0;
            while (tokens.incrementToken()) {
                out.append(text, at, Math.max(at, offset.startOffset())); // spaces the tokenizer skips
                String word = term.toString();
                if (reading.getPronunciation() != null) {
                    out.append(reading.getPronunciation()); // the particle は said as ワ, へ as エ
                } else if (!hasKanji(word)) {
                    out.append(word);
                } else if (word.length() > 1) {
                    out.append(eachCharacter(word));
                }
                at = Math.max(at, offset.endOffset());
            }
            tokens.end();
            out.append(text, Math.min(at, text.length()), text.length());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String eachCharacter(String word) {
        StringBuilder out = new StringBuilder();
        word.codePoints().forEach(cp -> {
            String one = new String(Character.toChars(cp));
            String read = katakana(one);
            if (!hasKanji(read)) {
                out.append(read);
            }
        });
        return out.toString();
    }

    private static boolean hasKanji(String s) {
        return s.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    /** Full-width punctuation as the pauses espeak-ng makes for ASCII punctuation; quotes and brackets as spaces. */
    private static String punctuation(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(CJK_PUNCTUATION.getOrDefault(c, String.valueOf(c)));
        }
        return out.toString().replaceAll(" {2,}", " ").strip();
    }
}
