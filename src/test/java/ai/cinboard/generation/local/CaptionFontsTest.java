package ai.cinboard.generation.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A keyframe caption longer than its lines ends after a whole word with "…", never mid-sentence. */
class CaptionFontsTest {
    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    @Test
    void aCaptionThatDoesNotFitEndsInAnEllipsisAfterAWholeWord() {
        String text = "Mara walks the length of the library, returning books from the cart to the shelf, one by"
                + " one, while the rain keeps drumming on the tall windows above her.";
        Font font = CaptionFonts.fontFor(text, 20f);
        String fitted = CaptionFonts.fitting(FRC, text, font, 300, 2, Locale.ENGLISH);
        assertTrue(fitted.endsWith("…"), fitted);
        String kept = fitted.substring(0, fitted.length() - 1);
        assertTrue(text.startsWith(kept), fitted);
        assertTrue(text.charAt(kept.length()) == ' ' || text.charAt(kept.length()) == ',', "a whole word: " + fitted);
        assertEquals("Short.", CaptionFonts.fitting(FRC, "Short.", font, 300, 2, Locale.ENGLISH));
    }
}
