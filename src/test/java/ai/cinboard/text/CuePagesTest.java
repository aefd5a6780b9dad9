package ai.cinboard.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A line too long for one subtitle is shown as pages: cut where a reader pauses, nothing lost, none too wide. */
class CuePagesTest {

    private static void assertPaged(String text, int max, List<String> pages) {
        for (String p : pages) {
            assertTrue(CuePages.width(p) <= max, "\"" + p + "\" is " + CuePages.width(p) + " units, more than " + max);
            assertEquals(p.strip(), p);
        }
        assertEquals(text.replaceAll("\\s+", ""), String.join("", pages).replaceAll("\\s+", ""), "nothing lost");
    }

    @Test
    void aLineThatFitsIsOnePage() {
        assertEquals(List.of("MARA: Hold the rope!"), CuePages.split("  MARA: Hold the rope! ", 84));
        assertEquals(List.of(), CuePages.split("   ", 84));
    }

    @Test
    void longProseIsCutAtSentencesThenClausesThenWords() {
        String text = "A single flashlight beam cuts across the vault, sweeping over the rows of deposit boxes."
                + " Rico steps in first. Then Dana, carrying the drill, and behind her the old man who built the"
                + " alarm system thirty years ago and never told anyone how it works.";
        List<String> pages = CuePages.split(text, 84);
        assertPaged(text, 84, pages);
        assertEquals(
                List.of(
                        "A single flashlight beam cuts across the vault,",
                        "sweeping over the rows of deposit boxes.",
                        "Rico steps in first.",
                        "Then Dana, carrying the drill,"),
                pages.subList(0, 4),
                "the first sentence is too long: cut at its comma");
        // the last clause is longer than a page: cut between words
        assertEquals(6, pages.size(), pages.toString());
        // split evenly: no page is left with one word
        assertTrue(pages.stream().allMatch(p -> p.contains(" ")), pages.toString());
        assertTrue(
                pages.get(4).startsWith("and behind her") && pages.get(5).endsWith("how it works."), pages.toString());
    }

    @Test
    void chineseAndJapaneseCountDoubleAndBreakAtTheirOwnPunctuation() {
        String ja = "朝、美咲は駅に向かった。雨が静かに屋根を打ち、遠くで電車の音がした。彼女は傘を持っていなかった。";
        List<String> pages = CuePages.split(ja, 30);
        assertPaged(ja, 30, pages);
        assertTrue(pages.size() >= 3, pages.toString());
        assertTrue(pages.get(0).endsWith("。") || pages.get(0).endsWith("、"), pages.toString());
        // ICU's dictionary keeps words whole, and no page is a lone comma
        String rain = "雨は夜になっても降り続け、駅前の通りはすっかり人影がなくなって、店の明かりだけが濡れた石畳に映っていた。";
        List<String> paged = CuePages.split(rain, 24);
        assertPaged(rain, 26, paged);
        assertTrue(paged.stream().noneMatch(p -> p.startsWith("、") || p.startsWith("。")), paged.toString());
        assertTrue(paged.stream().anyMatch(p -> p.contains("降り続け")), "a word is not cut: " + paged);
        assertEquals(2, CuePages.width("雨"));
        assertEquals(1, CuePages.width("a"));
    }

    @Test
    void thaiIsCutBetweenWordsAndARunWithoutBreaksBetweenCharacters() {
        String th = "ยายรออยู่ที่บ้านตั้งแต่เช้าจนถึงเย็นเพื่อรอหลานที่กำลังเดินทางกลับมาจากกรุงเทพ";
        List<String> pages = CuePages.split(th, 24);
        assertPaged(th, 24, pages);
        assertTrue(pages.size() >= 3, pages.toString());
        String run = "x".repeat(50);
        assertPaged(run, 16, CuePages.split(run, 16));
    }
}
