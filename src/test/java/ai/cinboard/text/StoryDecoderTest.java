package ai.cinboard.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.StudioException;
import ai.cinboard.text.StoryDecoder.DetectedEncoding;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoryDecoderTest {
    private static final String STORY = "ÉLODIE sieht 美羽 an. «Привет», sagt sie. مرحبا 🙂";
    private final StoryDecoder decoder = new StoryDecoder();

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    @Test
    void plainUtf8() {
        StoryDecoder.Decoded d = decoder.decode(STORY.getBytes(StandardCharsets.UTF_8), "story.txt");
        assertEquals(STORY, d.text());
        assertEquals(DetectedEncoding.UTF8, d.encoding());
    }

    @Test
    void byteOrderMarksAreDetectedAndRemoved() {
        assertEquals(
                new StoryDecoder.Decoded(STORY, DetectedEncoding.UTF8_BOM),
                decoder.decode(
                        concat(
                                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                                STORY.getBytes(StandardCharsets.UTF_8)),
                        "a.fountain"));
        assertEquals(
                new StoryDecoder.Decoded(STORY, DetectedEncoding.UTF16LE_BOM),
                decoder.decode(
                        concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, STORY.getBytes(StandardCharsets.UTF_16LE)),
                        "a.md"));
        assertEquals(
                new StoryDecoder.Decoded(STORY, DetectedEncoding.UTF16BE_BOM),
                decoder.decode(
                        concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, STORY.getBytes(StandardCharsets.UTF_16BE)),
                        "a.txt"));
    }

    @Test
    void bomlessUtf16IsRecognisedByItsNulPattern() {
        String latin = "INT. KITCHEN - NIGHT\n\nMIRA\nHello, Élodie.";
        assertEquals(
                new StoryDecoder.Decoded(latin, DetectedEncoding.UTF16LE_NO_BOM),
                decoder.decode(latin.getBytes(StandardCharsets.UTF_16LE), "a.fountain"));
        assertEquals(
                new StoryDecoder.Decoded(latin, DetectedEncoding.UTF16BE_NO_BOM),
                decoder.decode(latin.getBytes(StandardCharsets.UTF_16BE), "a.fountain"));
    }

    @Test
    void latin1IsRefusedWithTheFix() {
        byte[] latin1 = "Café in Zürich, Señora".getBytes(Charset.forName("ISO-8859-1"));
        StudioException e = assertThrows(StudioException.class, () -> decoder.decode(latin1, "old.txt"));
        assertTrue(
                e.getMessage().contains("not valid UTF-8") && e.getMessage().contains("save it as UTF-8"),
                e.getMessage());
    }

    @Test
    void binaryIsRefused() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R', 0, 0, 1, 0
        };
        StudioException e = assertThrows(StudioException.class, () -> decoder.decode(png, "story.txt"));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        byte[] nulInText = "abc\0def".getBytes(StandardCharsets.UTF_8);
        assertTrue(assertThrows(StudioException.class, () -> decoder.decode(nulInText, "s.txt"))
                .getMessage()
                .contains("binary"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"story.docx", "story.pdf", "story", "story.fountain.exe", "README"})
    void otherFileTypesAreRefused(String name) {
        StudioException e =
                assertThrows(StudioException.class, () -> decoder.decode("x".getBytes(StandardCharsets.UTF_8), name));
        assertTrue(e.getMessage().contains(".fountain, .fdx, .txt and .md"), e.getMessage());
    }

    @Test
    void extensionCaseDoesNotMatterAndPastedTextHasNoName() {
        assertEquals(
                "x",
                decoder.decode("x".getBytes(StandardCharsets.UTF_8), "STORY.FOUNTAIN")
                        .text());
        assertEquals(
                "x", decoder.decode("x".getBytes(StandardCharsets.UTF_8), null).text());
        assertEquals("", decoder.decode(new byte[0], "empty.txt").text(), "emptiness is the validator's call");
    }
}
