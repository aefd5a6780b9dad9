package ai.cinboard.service.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

class PdfFontsTest {

    @Test
    void eachRunUsesTheFirstFontThatHasItsGlyphsAndUncoveredCharactersAreCounted() throws Exception {
        try (PDDocument doc = new PDDocument();
                PdfFonts fonts = new PdfFonts(doc, List.of())) {
            PdfFonts.VisualLine line = fonts.visual("Hi Мир 日本");
            assertEquals(
                    List.of("Hi Мир ", "日本"),
                    line.runs().stream().map(PdfFonts.Run::text).toList());
            assertNotSame(line.runs().get(0).font(), line.runs().get(1).font());
            assertFalse(line.rightToLeft());
            assertEquals(0, fonts.missingGlyphs());

            fonts.visual("\uD80C\uDC00"); // EGYPTIAN HIEROGLYPH A001: in none of the fonts we look for
            assertEquals(1, fonts.missingGlyphs());
        }
    }

    @Test
    void arabicIsShapedIntoJoinedFormsAndReversedForDrawing() throws Exception {
        try (PDDocument doc = new PDDocument();
                PdfFonts fonts = new PdfFonts(doc, List.of())) {
            PdfFonts.VisualLine line = fonts.visual("سلام");
            String drawn =
                    String.join("", line.runs().stream().map(PdfFonts.Run::text).toList());
            assertTrue(line.rightToLeft());
            // seen + lam + alef + meem become initial seen, lam-alef ligature (final), isolated meem; drawn
            // left to right that is meem first.
            assertEquals("\uFEE1\uFEFC\uFEB3", drawn);
        }
    }
}
