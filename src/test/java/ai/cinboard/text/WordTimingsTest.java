package ai.cinboard.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Word-by-word timings: back to back inside the cue, in order, shared by syllables or characters per script. */
class WordTimingsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "en | MARA: Hold the rope, little brother! | 6",
                "es | La vecina del quinto no contestó. | 6",
                "ru | Паром отошёл от берега в полночь. | 6",
                "ar | قالت الجدة: البحر لا ينسى أحداً | 6",
                "ja | 月の郵便局は、今夜も灯りをともしている。 | 4",
                "th | แม่น้ำไหลผ่านหมู่บ้านทุกคืน | 3",
            })
    void timingsAreMonotonicAndInsideTheCue(String language, String text, int minWords) {
        double start = 12.5, end = 16.25;
        List<WordTimings.Word> words = WordTimings.spread(text.strip(), start, end, Locale.forLanguageTag(language));
        assertTrue(words.size() >= minWords, language + " words: " + words.size());
        assertEquals(start, words.get(0).start(), 1e-9);
        assertEquals(end, words.get(words.size() - 1).end(), 1e-9);
        for (int i = 0; i < words.size(); i++) {
            WordTimings.Word w = words.get(i);
            assertTrue(w.start() >= start && w.end() <= end && w.end() > w.start(), "inside the cue: " + w);
            assertTrue(w.from() < w.to(), "a word has characters: " + w);
            if (i > 0) {
                assertEquals(words.get(i - 1).end(), w.start(), 1e-9, "back to back");
                assertTrue(words.get(i - 1).to() <= w.from(), "in text order");
            }
        }
    }

    @Test
    void spacedScriptsCountSyllablesAndUnspacedOnesCharacters() {
        assertEquals(2, WordTimings.weight("brother"));
        assertEquals(3, WordTimings.weight("contestó"));
        assertEquals(2, WordTimings.weight("полночь"));
        assertEquals(3, WordTimings.weight("θάλασσα"));
        assertEquals(3, WordTimings.weight("郵便局"));
        // Arabic writes few vowels: its letters count
        assertEquals(5, WordTimings.weight("البحر"));
        // a long word takes longer than a short one
        List<WordTimings.Word> w = WordTimings.spread("I understand", 0, 1, Locale.ENGLISH);
        assertTrue(
                w.get(1).end() - w.get(1).start()
                        > 2 * (w.get(0).end() - w.get(0).start()),
                w.toString());
    }

    @Test
    void aTextWithoutWordsHasNoTimings() {
        assertTrue(WordTimings.spread("… — !", 0, 1, Locale.ROOT).isEmpty());
    }
}
