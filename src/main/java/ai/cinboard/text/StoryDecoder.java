package ai.cinboard.text;

import ai.cinboard.domain.FileNames;
import ai.cinboard.domain.StudioException;
import ai.cinboard.text.fdx.FinalDraftReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;

/**
 * Turns the bytes of an uploaded story file into text. Only UTF-8 and UTF-16 are accepted: guessing a
 * legacy code page would silently corrupt names and dialogue, so anything else is refused with a hint.
 */
public final class StoryDecoder {
    /** File types a story may come in; the studio has no parser for anything else. */
    public static final Set<String> ACCEPTED_EXTENSIONS = Set.of("fountain", "fdx", "txt", "md");

    /** What was found at the start of the bytes, so the intake can record it. */
    public enum DetectedEncoding {
        UTF8_BOM("UTF-8 with BOM"),
        UTF8("UTF-8"),
        UTF16LE_BOM("UTF-16LE with BOM"),
        UTF16BE_BOM("UTF-16BE with BOM"),
        UTF16LE_NO_BOM("UTF-16LE without BOM"),
        UTF16BE_NO_BOM("UTF-16BE without BOM"),
        /** A Final Draft screenplay, read as XML (whose declaration names its encoding) into Fountain text. */
        FINAL_DRAFT_XML("Final Draft XML");

        private final String label;

        DetectedEncoding(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public record Decoded(String text, DetectedEncoding encoding) {}

    /**
     * Decodes {@code bytes} read from a file called {@code fileName}.
     *
     * @throws StudioException for an unsupported file type or an encoding other than UTF-8/UTF-16
     */
    public Decoded decode(byte[] bytes, String fileName) {
        Objects.requireNonNull(bytes, "bytes");
        checkExtension(fileName);
        if (FinalDraftReader.isFinalDraft(fileName)) {
            return new Decoded(FinalDraftReader.toFountain(bytes, fileName), DetectedEncoding.FINAL_DRAFT_XML);
        }
        String shown = fileName == null ? "the story" : fileName;
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return new Decoded(strict(bytes, 3, StandardCharsets.UTF_8, shown), DetectedEncoding.UTF8_BOM);
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return new Decoded(strict(bytes, 2, StandardCharsets.UTF_16LE, shown), DetectedEncoding.UTF16LE_BOM);
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return new Decoded(strict(bytes, 2, StandardCharsets.UTF_16BE, shown), DetectedEncoding.UTF16BE_BOM);
        }
        DetectedEncoding utf16 = guessBomlessUtf16(bytes);
        if (utf16 != null) {
            Charset cs =
                    utf16 == DetectedEncoding.UTF16LE_NO_BOM ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
            return new Decoded(strict(bytes, 0, cs, shown), utf16);
        }
        if (indexOfNul(bytes) >= 0) {
            // UTF-8 text never contains NUL; a NUL that does not fit the UTF-16 pattern means binary data.
            throw new StudioException(shown + " looks like a binary file, not text (it contains NUL bytes). "
                    + "Open it in a text editor and save it as UTF-8 plain text (.fountain, .txt or .md).");
        }
        return new Decoded(strict(bytes, 0, StandardCharsets.UTF_8, shown), DetectedEncoding.UTF8);
    }

    /** Refuses a file name of a type the studio can't read, before any of the file is read. */
    public static void checkExtension(String fileName) {
        if (fileName == null) {
            return; // pasted text has no name and no type to check
        }
        String ext = FileNames.extension(fileName);
        if (!ACCEPTED_EXTENSIONS.contains(ext)) {
            throw new StudioException("Cannot read " + fileName + ": only .fountain, .fdx, .txt and .md files are"
                    + " accepted. "
                    + "Save the story as plain text with one of those extensions, or paste it in.");
        }
    }

    /**
     * BOM-less UTF-16 of mostly Latin text has a NUL in every other byte. We require NULs on at least
     * 40% of one parity and almost none (under 5%) on the other; CJK-heavy UTF-16 without a BOM is not
     * recognised this way and ends up refused as invalid UTF-8, which tells the user to re-save.
     */
    private static DetectedEncoding guessBomlessUtf16(byte[] bytes) {
        if (bytes.length < 4 || bytes.length % 2 != 0) {
            return null;
        }
        int evenNul = 0;
        int oddNul = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                if (i % 2 == 0) {
                    evenNul++;
                } else {
                    oddNul++;
                }
            }
        }
        int pairs = bytes.length / 2;
        if (oddNul >= pairs * 0.4 && evenNul <= pairs * 0.05) {
            return DetectedEncoding.UTF16LE_NO_BOM;
        }
        if (evenNul >= pairs * 0.4 && oddNul <= pairs * 0.05) {
            return DetectedEncoding.UTF16BE_NO_BOM;
        }
        return null;
    }

    private static String strict(byte[] bytes, int offset, Charset charset, String shown) {
        try {
            String text = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
                    .toString();
            if (text.indexOf('\0') >= 0) {
                throw new StudioException(shown + " decodes as " + charset.name() + " but contains NUL characters, "
                        + "so it is probably binary. Save the story as UTF-8 plain text.");
            }
            return text;
        } catch (CharacterCodingException e) {
            throw new StudioException(
                    shown + " is not valid " + charset.name()
                            + " (it may be Latin-1, Windows-1252 or another legacy encoding). "
                            + "Open it in a text editor and save it as UTF-8.",
                    e);
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfNul(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
