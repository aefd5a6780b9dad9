package ai.cinboard.text.breakdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chat-model path (CINBOARD_TEXT_ENGINE=openai) scored on the corpus against a fake server that answers
 * from the gold files: every prose story goes through the real prompt, the JSON-schema request, the engine's
 * schema check and the breakdown's own validation. A model that names someone absent from the story is
 * rejected, and the offline breakdown is used instead.
 */
class LlmBreakdownCorpusTest {
    @Test
    void goldAnswersThroughTheWireComeOutAsTheGold() throws Exception {
        List<IntakeCorpus.Story> prose = IntakeCorpus.load().stream()
                .filter(s -> s.gold().format().equals("prose"))
                .toList();
        List<IntakeScore.Result> results = new ArrayList<>();
        try (GoldChatServer server = new GoldChatServer(prose, a -> a)) {
            LlmSceneBreakdown llm = new LlmSceneBreakdown(server.engine(), new SceneBreakdown());
            for (IntakeCorpus.Story s : prose) {
                Breakdown b = llm.breakdown(s.text(), s.file().getFileName().toString());
                assertEquals("llm", b.method(), s.id());
                results.add(IntakeScore.score(s, b, s.gold().language()));
            }
            assertEquals(prose.size(), server.requests());
        }
        IntakeScore.Totals all = IntakeScore.overall(results);
        String report = "\n" + IntakeScore.table(results) + IntakeScore.misses(results);
        assertEquals(1.0, all.precision(), report);
        assertEquals(1.0, all.recall(), report);
        // the fake cuts the story evenly into the gold number of scenes, so counts come out exact
        assertEquals(1.0, all.exactShare(), report);
    }

    @Test
    void anInventedNameIsRejectedAndTheOfflineBreakdownIsUsed() throws Exception {
        IntakeCorpus.Story story = IntakeCorpus.load().stream()
                .filter(s -> s.gold().format().equals("prose"))
                .findFirst()
                .orElseThrow();
        try (GoldChatServer server = new GoldChatServer(List.of(story), a -> {
            a.withArray("characters").addObject().put("name", "Zebedee Nobody").put("description", "");
            return a;
        })) {
            Breakdown b = new LlmSceneBreakdown(server.engine(), new SceneBreakdown())
                    .breakdown(story.text(), story.file().getFileName().toString());
            assertTrue(b.method().startsWith("prose (llm answer rejected: "), b.method());
            assertTrue(b.method().contains("does not occur in the story"), b.method());
            assertEquals(new SceneBreakdown().prose(story.text()).scenes(), b.scenes());
        }
    }
}
