package ai.cinboard.text.breakdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.Line;
import ai.cinboard.generation.TextEngine;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class LlmSceneBreakdownTest {
    private static final String STORY =
            "Anna packed her bag in the kitchen.\n\nThe next morning Anna met Ben at the harbour.\n\n\"Late again,\" said Ben.";

    private static TextEngine engine(Function<String, String> answer, AtomicInteger calls) {
        return new TextEngine() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public String completeJson(
                    String systemPrompt, String userPrompt, String schemaName, Map<String, Object> jsonSchema) {
                calls.incrementAndGet();
                assertEquals(LlmSceneBreakdown.SCHEMA, jsonSchema);
                return answer.apply(userPrompt);
            }
        };
    }

    @Test
    void validAnswerIsUsedWithOurOwnDurationsAndKeys() {
        String answer = """
                {"scenes":[
                  {"heading":"Packing","location":"kitchen","time_of_day":"","text":"Anna packed her bag in the kitchen.","characters":["Anna"]},
                  {"heading":"Harbour","location":"harbour","time_of_day":"morning","text":"The next morning Anna met Ben at the harbour.\\n\\n\\"Late again,\\" said Ben.","characters":["anna","Ben"]}],
                 "characters":[{"name":"Anna","description":"A traveller."},{"name":"Ben","description":"Her friend."}]}""";
        Breakdown b = new LlmSceneBreakdown(engine(u -> answer, new AtomicInteger()), new SceneBreakdown())
                .breakdown(STORY, "s.txt");
        assertEquals("llm", b.method());
        assertEquals(2, b.scenes().size());
        assertEquals(List.of("Anna", "Ben"), b.scenes().get(1).characterNames());
        assertEquals(null, b.scenes().get(0).timeOfDay());
        assertTrue(b.scenes().get(1).lines().contains(Line.dialogue("Ben", "Late again,")));
        assertEquals(
                new SceneBreakdown().prose(STORY).characters().get(0).consistencyKey(),
                b.characters().get(0).consistencyKey(),
                "same story and name give the same key whichever method found them");
    }

    @Test
    void badAnswersFallBackToTheHeuristic() {
        List<String> bad = List.of(
                "not json",
                "{\"scenes\":[],\"characters\":[]}",
                "{\"scenes\":[{\"heading\":\"x\",\"text\":\"  \",\"characters\":[]}],\"characters\":[]}",
                "{\"scenes\":[{\"heading\":\"x\",\"text\":\"t\",\"characters\":[\"Zed\"]}],\"characters\":[]}",
                "{\"scenes\":[{\"heading\":\"x\",\"text\":\"t\",\"characters\":[]}],\"characters\":[{\"name\":\" \",\"description\":\"\"}]}",
                "{\"scenes\":[{\"heading\":\"x\",\"text\":\"t\",\"characters\":[]}],\"characters\":[{\"name\":\"A\"},{\"name\":\"a\"}]}");
        Breakdown heuristic = new SceneBreakdown().prose(STORY);
        for (String answer : bad) {
            Breakdown b = new LlmSceneBreakdown(engine(u -> answer, new AtomicInteger()), new SceneBreakdown())
                    .breakdown(STORY, null);
            assertTrue(b.method().startsWith("prose (llm answer rejected: "), answer + " -> " + b.method());
            assertEquals(heuristic.scenes(), b.scenes());
        }
        Breakdown failing = new LlmSceneBreakdown(
                        engine(
                                u -> {
                                    throw new IllegalStateException("HTTP 500");
                                },
                                new AtomicInteger()),
                        new SceneBreakdown())
                .breakdown(STORY, null);
        assertTrue(failing.method().contains("HTTP 500"));
    }

    @Test
    void fountainNeverGoesToTheModel() {
        AtomicInteger calls = new AtomicInteger();
        Breakdown b = new LlmSceneBreakdown(engine(u -> "{}", calls), new SceneBreakdown())
                .breakdown("INT. ROOM - DAY\n\nANNA\nHello.\n", "a.fountain");
        assertEquals(0, calls.get());
        assertEquals("fountain", b.method());
        assertEquals(
                List.of("Anna"),
                b.characters().stream().map(CharacterDraft::name).toList());
    }
}
