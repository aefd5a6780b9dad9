package ai.cinboard.text.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.text.policy.PolicyVerdict.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentPolicyCheckerTest {
    private final ContentPolicyChecker checker = new ContentPolicyChecker();

    @ParameterizedTest(name = "{0} blocks")
    @CsvSource(
            delimiter = '|',
            value = {
                "en|The file describes the sexual abuse of a child.",
                "de|Die Akte beschreibt sexuellen Missbrauch eines Kindes.",
                "es|El informe describe el abuso sexual de una niña.",
                "fr|Le dossier décrit des attouchements sur un enfant.",
                "ru|В деле описано сексуальное насилие над ребенком.",
                "ar|يصف الملف اعتداءً جنسياً على طفل.",
                "ja|報告書は児童への性的虐待を記述している。",
                "zh|报告描述了对儿童的性侵。"
            })
    void sexualContentInvolvingMinorsBlocksInEveryClaimedLanguage(String lang, String text) {
        PolicyVerdict v = checker.check("A quiet morning.\n" + text, lang);
        assertEquals(Verdict.BLOCK, v.verdict(), v.toJson().toString());
        assertTrue(v.blocked());
        assertTrue(v.categories().containsKey(PolicyCategory.SEXUAL_MINORS));
        assertTrue(v.languageCovered());
        assertFalse(v.reasons().isEmpty());
    }

    @ParameterizedTest(name = "{0} flags {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "en|VIOLENCE_GRAPHIC|They found the dismembered body.",
                "de|VIOLENCE_GRAPHIC|Man fand die verstümmelte Leiche.",
                "es|VIOLENCE_GRAPHIC|Encontraron el cuerpo descuartizado.",
                "fr|VIOLENCE_GRAPHIC|Ils trouvèrent le corps démembré.",
                "ru|VIOLENCE_GRAPHIC|Нашли расчленённое тело.",
                "ar|VIOLENCE_GRAPHIC|وجدوا آثار التعذيب على الجثة.",
                "ja|VIOLENCE_GRAPHIC|彼らは拷問の跡を見つけた。",
                "zh|VIOLENCE_GRAPHIC|他们发现了酷刑的痕迹。",
                "en|SELF_HARM|She thought about suicide every night.",
                "de|SELF_HARM|Er dachte an Selbstmord.",
                "es|SELF_HARM|Pensó en quitarse la vida.",
                "fr|SELF_HARM|Il voulait mettre fin à ses jours.",
                "ru|SELF_HARM|Он хотел покончить с собой.",
                "ar|SELF_HARM|فكر في الانتحار.",
                "ja|SELF_HARM|彼は自殺を考えた。",
                "zh|SELF_HARM|他想过自杀。",
                "en|HATE|They called the villagers subhuman and planned ethnic cleansing.",
                "de|HATE|Er nannte sie Untermenschen.",
                "es|SEXUAL|Se quedaron desnudos en la playa.",
                "ru|SEXUAL|Она позировала обнажённой."
            })
    void flagsWithAScore(String lang, PolicyCategory category, String text) {
        PolicyVerdict v = checker.check(text, lang);
        assertEquals(Verdict.FLAG, v.verdict(), v.toJson().toString());
        PolicyVerdict.CategoryResult r = v.categories().get(category);
        assertTrue(r != null && r.score() > 0 && r.score() < 1, v.toJson().toString());
        assertFalse(r.matchedTerms().isEmpty());
    }

    @Test
    void ordinaryStoriesAreAllowed() {
        String story = "Mira kissed Jonas at the harbour. The children ran along the pier, and a kind old man "
                + "sold them ice cream. Later a storm broke and the boat was lost; nobody was hurt.";
        PolicyVerdict v = checker.check(story, "en");
        assertEquals(Verdict.ALLOW, v.verdict(), v.toJson().toString());
        assertEquals("allow", v.toJson().get("verdict"));
    }

    @Test
    void childAndSexInDifferentSentencesOnlyFlags() {
        PolicyVerdict v = checker.check("The children slept upstairs. Downstairs the two adults had sex.", "en");
        assertEquals(Verdict.FLAG, v.verdict());
        assertFalse(v.categories().containsKey(PolicyCategory.SEXUAL_MINORS));
    }

    @Test
    void germanWordsDoNotMakeEnglishTextBlock() {
        // "kind" is German for child; for English text only the English lists can block
        PolicyVerdict v = checker.check("He was a kind man and they had sex.", "en");
        assertEquals(Verdict.FLAG, v.verdict());
    }

    @Test
    void wordBoundariesHoldForSpacedScripts() {
        assertEquals(
                Verdict.ALLOW,
                checker.check("Essex is a county; the gorge was deep; a sextant.", "en")
                        .verdict());
    }

    @Test
    void scoreGrowsWithCount() {
        assertEquals(0.28, ContentPolicyChecker.score(1));
        assertEquals(0.63, ContentPolicyChecker.score(3));
        double one = checker.check("A massacre.", "en")
                .categories()
                .get(PolicyCategory.VIOLENCE_GRAPHIC)
                .score();
        double three = checker.check("A massacre. Torture. Mutilation.", "en")
                .categories()
                .get(PolicyCategory.VIOLENCE_GRAPHIC)
                .score();
        assertTrue(three > one);
    }

    @Test
    void jsonNamesCategoriesTermsAndLanguages() {
        Map<String, Object> json =
                checker.check("Er dachte an Selbstmord.", "ko").toJson();
        assertEquals("flag", json.get("verdict"));
        @SuppressWarnings("unchecked")
        Map<String, Object> selfHarm =
                (Map<String, Object>) ((Map<String, Object>) json.get("categories")).get("self-harm");
        assertEquals(List.of("selbstmord"), selfHarm.get("matched_terms"));
        assertEquals(List.of("ar", "de", "en", "es", "fr", "ja", "ru", "zh"), json.get("languages_covered"));
        assertEquals(false, json.get("language_covered"), "Korean has no word lists");
    }

    @Test
    void arabicMatchesWithAttachedPrefixes() {
        PolicyVerdict v = checker.check("وقعت المذبحة في القرية والتعذيب استمر.", "ar");
        assertEquals(
                2,
                v.categories()
                        .get(PolicyCategory.VIOLENCE_GRAPHIC)
                        .matchedTerms()
                        .size(),
                v.toJson().toString());
    }
}
