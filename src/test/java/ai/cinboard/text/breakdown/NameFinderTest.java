package ai.cinboard.text.breakdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The name finder's rules one at a time, on sentences written for each. */
class NameFinderTest {
    private final NameFinder finder = new NameFinder(ProseCues.all());

    @Test
    void kanjiNamesComeFromKuromojisPersonTags() {
        String story = "朝、美咲は駅に向かった。担任の佐藤先生が黒板に字を書いた。夜、美咲は本を読んだ。";
        List<String> names = finder.find(story);
        assertTrue(names.contains("美咲"), names.toString());
        assertTrue(names.contains("佐藤先生"), "met once, with its title: " + names);
        assertFalse(JapaneseNames.isJapanese("林小梅走进茶馆。"), "Chinese has no kana: Kuromoji is not loaded");
    }

    @Test
    void aRoleThatRecursIsACharacterAlsoAfterAnIndefiniteArticle() {
        String story = "A fisherman mended his net on the quay. \"Cold today,\" the fisherman said. Nora nodded.";
        assertTrue(finder.find(story).contains("the fisherman"));
        assertFalse(
                finder.find("The fisherman had gone. Nora walked home.").contains("the fisherman"),
                "once is not enough");
    }

    @Test
    void rolesWithParticlesAndThaiRoleWords() {
        assertTrue(finder.find("외할머니는 시장에 갔다. 외할머니가 웃었다.").contains("외할머니"));
        List<String> thai = finder.find("ยายรออยู่ที่บ้าน ยายกอดหลานแน่น");
        assertTrue(thai.contains("ยาย"), thai.toString());
    }

    @Test
    void aRelativeNamedOnlyByAPossessive() {
        String story = "Im Winter wurde sie krank. Meine Mutter brachte ihr Suppe. Später sagte meine Mutter nichts.";
        assertTrue(finder.find(story).stream().anyMatch(n -> n.equalsIgnoreCase("meine Mutter")));
        String named = "My sister June came home. My sister June laughed. \"Hi,\" June said.";
        List<String> names = finder.find(named);
        assertTrue(names.contains("June"), "a month name after a kinship word is a person: " + names);
        assertFalse(names.stream().anyMatch(n -> n.equalsIgnoreCase("my sister")), names.toString());
    }

    @Test
    void aNameThatIsAlsoASeasonPassesAfterItsTitle() {
        String story = "Im Sommer zog Frau Sommer ein. Frau Sommer malte Bilder. »Komm rein«, sagte Frau Sommer.";
        assertEquals(List.of("Frau Sommer"), finder.find(story));
    }

    @Test
    void hindiTitleAfterASurnameStaysWithIt() {
        String story =
                "दोपहर को खन्ना मैडम आईं। खन्ना मैडम ने कहा, \"अच्छा है।\" प्रिया ने सिर हिलाया। प्रिया ने चाय पी।";
        List<String> names = finder.find(story);
        assertTrue(names.contains("खन्ना मैडम"), names.toString());
        assertFalse(names.contains("मैडम"), names.toString());
    }

    @Test
    void chineseAdverbsBeforeASpeechVerbAreNotNames() {
        String story = "奶奶一边剥豆子一边问：“冷不冷？”她一边笑一边说：“好看。”";
        assertFalse(finder.find(story).contains("一边"));
    }
}
