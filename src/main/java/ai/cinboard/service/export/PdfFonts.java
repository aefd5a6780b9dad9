package ai.cinboard.service.export;

import ai.cinboard.domain.StudioException;
import com.ibm.icu.text.ArabicShaping;
import com.ibm.icu.text.ArabicShapingException;
import com.ibm.icu.text.Bidi;
import com.ibm.icu.text.BreakIterator;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.OTFParser;
import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The storyboard's fonts and text drawing. A list of fonts is tried in order for every character, so a
 * line mixing Latin, Cyrillic, Japanese and Arabic is drawn as runs, each in the first font that has the
 * glyph. Arabic is shaped into its joined presentation forms with ICU and each line is reordered with the
 * Unicode bidi algorithm before drawing, because PDF text operators place glyphs strictly left to right.
 */
final class PdfFonts implements Closeable {

    /** Preferred files by name, in fallback order; found under the usual font directories. */
    static final List<String> DEFAULT_FONT_FILES = List.of(
            "NotoSans-Regular.ttf",
            "NotoSansArabic-Regular.ttf",
            "NotoNaskhArabic-Regular.ttf",
            "DroidSansFallbackFull.ttf",
            "wqy-zenhei.ttc",
            "DejaVuSans.ttf");

    private record Face(PDType0Font font, CmapLookup cmap, String name) {}

    record Run(PDType0Font font, String text) {}

    /** A line ready to draw: its runs in visual order and whether its paragraph reads right to left. */
    record VisualLine(List<Run> runs, boolean rightToLeft) {}

    private final List<Face> faces = new ArrayList<>();
    private final List<Closeable> open = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private int missingGlyphs;

    PdfFonts(PDDocument document, List<Path> configured) throws IOException {
        List<Path> files = configured.isEmpty() ? findInstalled() : configured;
        for (Path file : files) {
            load(document, file);
        }
        if (faces.isEmpty()) {
            throw new StudioException("No usable font for the storyboard PDF was found"
                    + (skipped.isEmpty() ? "" : " (skipped: " + String.join(", ", skipped) + ")")
                    + ". Install TrueType fonts "
                    + "(Debian/Ubuntu: apt install fonts-noto-core fonts-droid-fallback fonts-dejavu-core), "
                    + "then export again.");
        }
    }

    private static List<Path> findInstalled() throws IOException {
        List<Path> roots = new ArrayList<>(List.of(Path.of("/usr/share/fonts"), Path.of("/usr/local/share/fonts")));
        String home = System.getProperty("user.home");
        if (home != null) {
            roots.add(Path.of(home, ".local/share/fonts"));
            roots.add(Path.of(home, ".fonts"));
        }
        List<Path> found = new ArrayList<>();
        for (String wanted : DEFAULT_FONT_FILES) {
            for (Path root : roots) {
                if (Files.isDirectory(root)) {
                    java.util.Optional<Path> hit;
                    try (Stream<Path> walk = Files.walk(root)) {
                        hit = walk.filter(p -> p.getFileName().toString().equals(wanted))
                                .findFirst();
                    }
                    if (hit.isPresent()) {
                        found.add(hit.get());
                        break;
                    }
                }
            }
        }
        return found;
    }

    private void load(PDDocument document, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".ttc") || name.endsWith(".otc")) {
            TrueTypeCollection collection = new TrueTypeCollection(file.toFile());
            open.add(collection);
            // A collection's first face is its default (WenQuanYi Zen Hei's proportional face, for one).
            TrueTypeFont[] first = new TrueTypeFont[1];
            collection.processAllFonts(f -> {
                if (first[0] == null) {
                    first[0] = f;
                }
            });
            add(document, first[0], file);
        } else {
            TrueTypeFont font = name.endsWith(".otf")
                    ? new OTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()))
                    : new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()));
            open.add(font);
            add(document, font, file);
        }
    }

    private void add(PDDocument document, TrueTypeFont font, Path file) throws IOException {
        if (font == null) {
            return;
        }
        if (font instanceof OpenTypeFont otf && otf.isPostScript()) {
            // PDFBox 3.0 can neither subset nor embed CFF outlines (Noto Sans CJK, Source Han): it fails at
            // save time. Such a font is skipped here, so a glyf-outline font further down the list is used.
            skipped.add(file + " (CFF outlines)");
            return;
        }
        // Subsetting keeps a 20 MB CJK font down to the glyphs the storyboard uses.
        faces.add(new Face(PDType0Font.load(document, font, true), font.getUnicodeCmapLookup(), file.toString()));
    }

    /** How many characters no font could draw; they are shown as '?' so the gap is visible. */
    int missingGlyphs() {
        return missingGlyphs;
    }

    /** Shapes and reorders one logical line and splits it into font runs. */
    VisualLine visual(String logical) {
        String text = logical.replace('\t', ' ');
        boolean rtl = false;
        if (Bidi.requiresBidi(text.toCharArray(), 0, text.length())) {
            try {
                text = new ArabicShaping(ArabicShaping.LETTERS_SHAPE
                                | ArabicShaping.LENGTH_GROW_SHRINK
                                | ArabicShaping.TEXT_DIRECTION_LOGICAL)
                        .shape(text);
            } catch (ArabicShapingException e) {
                // Unshaped Arabic is still legible letter by letter; better than failing the whole export.
            }
            Bidi bidi = new Bidi(text, Bidi.LEVEL_DEFAULT_LTR);
            rtl = (bidi.getParaLevel() & 1) == 1;
            text = bidi.writeReordered(Bidi.DO_MIRRORING | Bidi.REMOVE_BIDI_CONTROLS);
        }
        List<Run> runs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        PDType0Font currentFont = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.CONTROL || Character.getType(cp) == Character.FORMAT) {
                continue;
            }
            PDType0Font font = null;
            // Spaces join the run they sit in, so a sentence does not flip fonts on every blank.
            if (cp == ' ' && currentFont != null && has(currentFont, cp)) {
                font = currentFont;
            }
            for (int f = 0; font == null && f < faces.size(); f++) {
                if (faces.get(f).cmap().getGlyphId(cp) > 0) {
                    font = faces.get(f).font();
                }
            }
            if (font == null) {
                missingGlyphs++;
                cp = '?';
                font = faces.get(0).font();
            }
            if (font != currentFont && current.length() > 0) {
                runs.add(new Run(currentFont, current.toString()));
                current.setLength(0);
            }
            currentFont = font;
            current.appendCodePoint(cp);
        }
        if (current.length() > 0) {
            runs.add(new Run(currentFont, current.toString()));
        }
        return new VisualLine(runs, rtl);
    }

    private boolean has(PDType0Font font, int cp) {
        for (Face f : faces) {
            if (f.font() == font) {
                return f.cmap().getGlyphId(cp) > 0;
            }
        }
        return false;
    }

    float width(VisualLine line, float size) throws IOException {
        float w = 0;
        for (Run r : line.runs()) {
            w += r.font().getStringWidth(r.text()) / 1000f * size;
        }
        return w;
    }

    float width(String logical, float size) throws IOException {
        return width(visual(logical), size);
    }

    /**
     * Draws a line with its left edge at x, or, for a right-to-left paragraph, its right edge at
     * {@code x + boxWidth}.
     */
    void draw(PDPageContentStream cs, String logical, float x, float y, float boxWidth, float size) throws IOException {
        VisualLine line = visual(logical);
        float start = line.rightToLeft() ? x + boxWidth - width(line, size) : x;
        cs.beginText();
        cs.newLineAtOffset(start, y);
        for (Run r : line.runs()) {
            cs.setFont(r.font(), size);
            cs.showText(r.text());
        }
        cs.endText();
    }

    /**
     * Breaks logical text into lines no wider than {@code maxWidth}, at the line-break opportunities ICU
     * finds (spaces for Latin, Cyrillic and Arabic; between characters for Japanese and Chinese). At most
     * {@code maxLines} lines; a cut ends in an ellipsis.
     */
    List<String> wrap(String text, float maxWidth, float size, int maxLines) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\\R")) {
            BreakIterator it = BreakIterator.getLineInstance();
            it.setText(paragraph);
            StringBuilder line = new StringBuilder();
            for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
                String piece = paragraph.substring(start, end);
                if (width(line + piece.stripTrailing(), size) <= maxWidth) {
                    line.append(piece);
                    continue;
                }
                if (line.length() > 0) {
                    lines.add(line.toString().strip());
                    line.setLength(0);
                }
                // A piece wider than the box on its own (a long word or URL) is cut by characters.
                while (width(piece.stripTrailing(), size) > maxWidth && piece.length() > 1) {
                    int cut = piece.length() - 1;
                    while (cut > 1 && width(piece.substring(0, cut), size) > maxWidth) {
                        cut--;
                    }
                    if (Character.isLowSurrogate(piece.charAt(cut))) {
                        cut--;
                    }
                    lines.add(piece.substring(0, cut));
                    piece = piece.substring(cut);
                }
                line.append(piece);
            }
            if (!line.toString().isBlank()) {
                lines.add(line.toString().strip());
            }
        }
        if (lines.size() > maxLines) {
            List<String> cut = new ArrayList<>(lines.subList(0, maxLines));
            String last = cut.get(maxLines - 1);
            while (!last.isEmpty() && width(last + "…", size) > maxWidth) {
                last = last.substring(0, last.offsetByCodePoints(last.length(), -1));
            }
            cut.set(maxLines - 1, last + "…");
            return cut;
        }
        return lines;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Closeable c : open) {
            try {
                c.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
