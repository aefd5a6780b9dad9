package ai.cinboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.Line;
import ai.cinboard.domain.Scene;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SceneScriptsTest {

    private static Scene scene(int seconds) {
        return new Scene(
                1,
                1,
                1,
                1,
                "INT. KITCHEN - MORNING",
                "KITCHEN",
                "MORNING",
                "",
                BigDecimal.valueOf(seconds),
                null,
                null,
                List.of(),
                null);
    }

    private static List<Integer> timings(Scene scene, List<Line> lines) {
        return IntStream.range(0, 3)
                .mapToObj(k -> SceneScripts.timing(scene, lines, k, 3))
                .toList();
    }

    /** A keyframe is shown when its line begins to be said: after the text before it, not at an even third. */
    @Test
    void aKeyframeIsShownWhenItsLineBegins() {
        List<Line> lines = List.of(
                Line.action("x".repeat(100)), Line.dialogue("MARA", "y".repeat(20)), Line.action("z".repeat(60)));
        // keyframe 1 shows the dialogue (after 100 of 180 characters), keyframe 2 the last line (after 120)
        assertEquals(List.of(0, 6, 8), timings(scene(12), lines));
        assertEquals(
                List.of("x".repeat(100), "MARA: " + "y".repeat(20), "z".repeat(60)),
                SceneScripts.keyframeDescriptions(scene(12), lines, 3));
    }

    @Test
    void keyframesOfOneLineOrNoneAreSpreadEvenly() {
        assertEquals(List.of(0, 4, 8), timings(scene(12), List.of(Line.action("The rain falls."))));
        assertEquals(List.of(0, 4, 8), timings(scene(12), List.of()));
    }

    @Test
    void keyframesOfOneLineShareItsTimeAndTimesAlwaysRise() {
        // two lines, three keyframes: the second line begins after a tenth of the text, and its two keyframes
        // share the rest
        List<Line> two = List.of(Line.action("a".repeat(10)), Line.action("b".repeat(90)));
        assertEquals(List.of(0, 4, 22), timings(scene(40), two));
        // a long first line: the short last one's two keyframes still get a second each
        assertEquals(
                List.of(0, 10, 11),
                timings(scene(12), List.of(Line.action("x".repeat(100)), Line.action("y".repeat(10)))));
        // short first lines would put two keyframes in the same second: spread evenly instead
        assertEquals(
                List.of(0, 4, 8),
                timings(scene(12), List.of(Line.action("One."), Line.action("Two."), Line.action("z".repeat(100)))));
    }

    /** Two lines, three keyframes: the longer line's sentences give the third picture its own words. */
    @Test
    void fewerLinesThanKeyframesCutALineAtASentenceSoNoTwoKeyframesShowTheSameWords() {
        List<Line> lines = List.of(
                Line.action("Mira climbs the lighthouse stairs."),
                Line.dialogue("MIRA", "Forty-two steps. Then the door. Mr. Vance said it sticks."));
        List<String> shown = SceneScripts.keyframeDescriptions(scene(12), lines, 3);
        assertEquals(
                List.of(
                        "Mira climbs the lighthouse stairs.",
                        "MIRA: Forty-two steps. Then the door.",
                        "MIRA: Mr. Vance said it sticks."),
                shown,
                "the speaker keeps both parts, and \"Mr.\" is no sentence's end");
        List<Integer> times = timings(scene(12), lines);
        assertTrue(times.get(1) < times.get(2), times.toString());
        // one sentence per line: nothing to cut, the keyframes share the line
        assertEquals(
                List.of("Rain.", "Rain.", "Rain."),
                SceneScripts.keyframeDescriptions(scene(12), List.of(Line.action("Rain.")), 3));
    }
}
