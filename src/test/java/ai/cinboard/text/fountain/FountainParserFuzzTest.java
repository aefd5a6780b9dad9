package ai.cinboard.text.fountain;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The parser must never throw, whatever it is given. Plain {@code mvn test} replays the saved inputs in
 * {@code FountainParserFuzzTestInputs/parserNeverThrows}; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class FountainParserFuzzTest {
    @FuzzTest
    void parserNeverThrows(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        List<FountainElement> elements = new FountainParser().parse(text);
        assertNotNull(elements);
        for (FountainElement e : elements) {
            assertNotNull(e.text(), "every element has text, possibly empty");
            if (e instanceof FountainElement.CharacterCue cue) {
                assertTrue(!cue.name().isEmpty(), "a cue always names someone: " + cue);
            }
        }
    }
}
