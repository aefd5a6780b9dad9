package ai.cinboard.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.StudioException;
import ai.cinboard.text.breakdown.Breakdown;
import ai.cinboard.text.breakdown.SceneBreakdown;
import ai.cinboard.text.fountain.FountainParser;
import ai.cinboard.text.policy.ContentPolicyChecker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Validation, and the list of bad input run through the whole intake. */
class InputValidatorTest {
    private final InputValidator validator = new InputValidator();

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\n\t  \r\n", "\u3000\u00A0", "\u0001\u0002\u007F", "\u202E\u2066"})
    void emptyInputIsRefused(String input) {
        StudioException e = assertThrows(StudioException.class, () -> validator.validate(input));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void nullIsRefusedToo() {
        assertThrows(StudioException.class, () -> validator.validate(null));
    }

    @Test
    void fiveMegabytesAreRefusedWithLimitAndLengthNamed() {
        String big = "All work and no play. ".repeat(5 * 1024 * 1024 / 22 + 1);
        StudioException e = assertThrows(StudioException.class, () -> validator.validate(big));
        assertTrue(e.getMessage().contains("200,000"), e.getMessage());
        assertTrue(e.getMessage().contains(String.format(java.util.Locale.ROOT, "%,d", big.length())), e.getMessage());
    }

    @Test
    void limitIsConfigurableAndCountedInCodePoints() {
        InputValidator small = new InputValidator(5);
        assertEquals(
                "🙂🙂🙂🙂🙂", small.validate("🙂🙂🙂🙂🙂").text(), "five emoji are ten chars but five code points");
        assertThrows(StudioException.class, () -> small.validate("🙂🙂🙂🙂🙂🙂"));
        assertThrows(IllegalArgumentException.class, () -> new InputValidator(0));
    }

    @Test
    void cleansAndReportsWhatChanged() {
        String raw = "Line one\r\nLine two\rCafe\u0301 \u202Eevil\u202C name\u0000\u0007\tTab\n";
        InputValidator.Result r = validator.validate(raw);
        assertEquals("Line one\nLine two\nCafé evil name\tTab\n", r.text());
        Map<String, Object> c = r.changes();
        assertEquals(1, c.get("crlf_normalized"));
        assertEquals(1, c.get("cr_normalized"));
        assertEquals(true, c.get("nfc_changed"));
        assertEquals(2, c.get("control_chars_removed"));
        assertEquals(2, c.get("bidi_controls_removed"));
        assertEquals(raw.codePointCount(0, raw.length()), c.get("original_length"));
        assertEquals(r.text().length(), c.get("final_length"));
    }

    @Test
    void rtlTextKeepsItsMarksButLosesOverrides() {
        String arabic = "قالت مريم\u200F: \u2067مرحبا\u2069";
        InputValidator.Result r = validator.validate(arabic);
        assertEquals("قالت مريم\u200F: مرحبا", r.text(), "RLM is a mark, not an override: kept");
    }

    @Test
    void emojiAndJoinersSurviveUntouched() {
        String family = "Die Familie 👨‍👩‍👧 lacht. 🇩🇪 ❤️";
        assertEquals(family, validator.validate(family).text());
    }

    @Test
    void injectionInNamesIsJustText() {
        String script = "INT. DB ROOM - NIGHT\n\n@Robert'); DROP TABLE users;--\nHi.\n\n@%s%n%x\nThere.\n";
        String clean = validator.validate(script).text();
        Breakdown b = new SceneBreakdown().breakdown(clean, "x.fountain");
        assertEquals(
                List.of("Robert'); DROP TABLE users;--", "%s%n%x"),
                b.characters().stream().map(c -> c.name()).toList());
        assertEquals("robert-drop-table-users", b.characters().get(0).characterId());
        assertEquals("s-n-x", b.characters().get(1).characterId());
        new ContentPolicyChecker().check(clean, "en");
    }

    @Test
    void binaryControlCharactersEndUpAsACleanAnswer() {
        byte[] bytes = new byte[512];
        new java.util.Random(7).nextBytes(bytes);
        String junk = new String(bytes, StandardCharsets.ISO_8859_1);
        try {
            InputValidator.Result r = validator.validate(junk);
            assertTrue(r.text()
                    .codePoints()
                    .noneMatch(cp -> Character.getType(cp) == Character.CONTROL && cp != '\n' && cp != '\t'));
            new FountainParser().parse(r.text());
            new SceneBreakdown().breakdown(r.text(), null);
        } catch (StudioException expected) {
            assertTrue(expected.getMessage().contains("empty"));
        }
    }
}
