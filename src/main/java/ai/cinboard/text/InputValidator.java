package ai.cinboard.text;

import ai.cinboard.domain.StudioException;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The validation phase: refuses empty and over-long input, and cleans the rest so every later step sees
 * one canonical form (LF line ends, NFC, no invisible control or bidi-override characters).
 */
public final class InputValidator {
    /** The spec's default maximum: 200,000 characters, counted in code points. */
    public static final int DEFAULT_MAX_CODE_POINTS = 200_000;

    private final int maxCodePoints;

    public InputValidator() {
        this(DEFAULT_MAX_CODE_POINTS);
    }

    public InputValidator(int maxCodePoints) {
        if (maxCodePoints < 1) {
            throw new IllegalArgumentException("maxCodePoints must be positive: " + maxCodePoints);
        }
        this.maxCodePoints = maxCodePoints;
    }

    public int maxCodePoints() {
        return maxCodePoints;
    }

    /**
     * @param text    the cleaned story
     * @param changes what was changed, for {@code input_records.validation_result} (JSONB)
     */
    public record Result(String text, Map<String, Object> changes) {
        public Result {
            changes = Map.copyOf(changes);
        }
    }

    public Result validate(String raw) {
        if (raw == null) {
            throw new StudioException("The story is empty. Paste or open a story with some text in it.");
        }
        // Length is checked on the input as received, before anything is removed, so the figure the
        // user sees matches what they sent. It is never cut down to fit.
        int originalLength = raw.codePointCount(0, raw.length());
        if (originalLength > maxCodePoints) {
            throw new StudioException(String.format(
                    java.util.Locale.ROOT,
                    "The story is too long: %,d characters, the limit is %,d. "
                            + "Split it into parts or raise the maximum input length in settings.",
                    originalLength,
                    maxCodePoints));
        }
        if (hasNoVisibleText(raw)) {
            throw new StudioException("The story is empty (only spaces or blank lines). "
                    + "Paste or open a story with some text in it.");
        }

        int crlf = count(raw, "\r\n");
        String text = raw.replace("\r\n", "\n");
        int lonelyCr = count(text, "\r");
        text = text.replace('\r', '\n');

        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        boolean nfcChanged = !nfc.equals(text);

        StringBuilder out = new StringBuilder(nfc.length());
        int controls = 0;
        int bidi = 0;
        for (int i = 0; i < nfc.length(); ) {
            int cp = nfc.codePointAt(i);
            i += java.lang.Character.charCount(cp);
            if (isBidiControl(cp)) {
                bidi++;
            } else if (isStrippedControl(cp)) {
                controls++;
            } else {
                out.appendCodePoint(cp);
            }
        }
        String cleaned = out.toString();
        if (hasNoVisibleText(cleaned)) {
            throw new StudioException("The story is empty once invisible control characters are removed. "
                    + "Paste or open a story with readable text in it.");
        }

        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("valid", true);
        changes.put("max_length", maxCodePoints);
        changes.put("original_length", originalLength);
        changes.put("final_length", cleaned.codePointCount(0, cleaned.length()));
        changes.put("crlf_normalized", crlf);
        changes.put("cr_normalized", lonelyCr);
        changes.put("nfc_applied", true);
        changes.put("nfc_changed", nfcChanged);
        changes.put("control_chars_removed", controls);
        changes.put("bidi_controls_removed", bidi);
        return new Result(cleaned, changes);
    }

    /**
     * True when nothing would show: only whitespace, no-break and ideographic spaces, controls and invisible
     * format characters (zero-width space, joiners, bidi marks). String.strip() alone misses U+00A0.
     */
    static boolean hasNoVisibleText(String s) {
        return s.codePoints()
                .allMatch(cp -> java.lang.Character.isWhitespace(cp)
                        || java.lang.Character.isSpaceChar(cp)
                        || java.lang.Character.getType(cp) == java.lang.Character.CONTROL
                        || java.lang.Character.getType(cp) == java.lang.Character.FORMAT);
    }

    /** Explicit embeddings/overrides (U+202A–202E) and isolates (U+2066–2069) can disguise text. */
    static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }

    /** C0/C1 controls and DEL, except newline and tab which carry the story's layout. */
    static boolean isStrippedControl(int cp) {
        return cp != '\n' && cp != '\t' && java.lang.Character.getType(cp) == java.lang.Character.CONTROL;
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
