package ai.cinboard.service.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SRT and shot list CSV, each parsed back. */
class TextExportersTest {
    @TempDir
    Path tmp;

    record ParsedCue(int index, long start, long end, String text) {}

    static List<ParsedCue> parseSrt(String srt) {
        List<ParsedCue> cues = new ArrayList<>();
        Pattern time = Pattern.compile("^(\\d{2}):(\\d{2}):(\\d{2}),(\\d{3}) --> (\\d{2}):(\\d{2}):(\\d{2}),(\\d{3})$");
        for (String block : srt.split("\n\n")) {
            if (block.isBlank()) {
                continue;
            }
            String[] lines = block.split("\n", 3);
            Matcher m = time.matcher(lines[1]);
            assertTrue(m.matches(), "bad time line: " + lines[1]);
            long start =
                    ((Long.parseLong(m.group(1)) * 60 + Long.parseLong(m.group(2))) * 60 + Long.parseLong(m.group(3)))
                                    * 1000
                            + Long.parseLong(m.group(4));
            long end =
                    ((Long.parseLong(m.group(5)) * 60 + Long.parseLong(m.group(6))) * 60 + Long.parseLong(m.group(7)))
                                    * 1000
                            + Long.parseLong(m.group(8));
            cues.add(new ParsedCue(Integer.parseInt(lines[0]), start, end, lines[2]));
        }
        return cues;
    }

    @Test
    void srtRoundTripsTheCompositionCuesWithoutOverlaps() throws Exception {
        SampleProject sample = new SampleProject(tmp.resolve("media"));
        Path out = tmp.resolve("subs.srt");
        new SrtExporter()
                .export(ExportJob.of(sample.project, sample.media, ExportOptions.defaults()), out, ExportProgress.NONE);
        byte[] bytes = Files.readAllBytes(out);
        assertTrue(bytes[0] != (byte) 0xEF, "SRT is written without a BOM");
        List<ParsedCue> cues = parseSrt(new String(bytes, StandardCharsets.UTF_8));
        assertEquals(4, cues.size());
        for (int i = 0; i < cues.size(); i++) {
            assertEquals(i + 1, cues.get(i).index());
            assertTrue(cues.get(i).end() > cues.get(i).start());
            if (i > 0) {
                assertTrue(cues.get(i).start() >= cues.get(i - 1).end(), "cues overlap at " + (i + 1));
            }
        }
        assertEquals(new ParsedCue(1, 500, 2800, "The keeper climbs, slowly."), cues.get(0));
        assertEquals(new ParsedCue(3, 5000, 8000, "美咲：「待ってたよ」"), cues.get(2));
        assertEquals("АННА: Где ты был?\n" + SampleProject.ARABIC, cues.get(3).text());
        // 11.5 s is cut to the edit's end: 293 frames at 24 fps = 12.208 s, so it stays.
        assertEquals(11500, cues.get(3).end());
    }

    @Test
    void srtFormatsHoursAndDropsEmptyCues() {
        String srt = SrtExporter.render(
                List.of(
                        new SubtitleCue(3_723_004, 3_724_000, "late\r\n\r\nline"),
                        new SubtitleCue(1000, 1000, "zero length"),
                        new SubtitleCue(0, 5000, "   ")),
                4_000_000);
        assertEquals("1\n01:02:03,004 --> 01:02:04,000\nlate\nline\n\n", srt);
    }

    @Test
    void srtFallsBackToSentencesOfEachSceneWhenThePipelineGaveNoCues() throws Exception {
        SampleProject sample = new SampleProject(tmp.resolve("media"));
        var p = sample.project;
        var noCues = new ai.cinboard.domain.Project(
                p.record(),
                p.statuses(),
                p.scenes(),
                p.sceneCharacters(),
                p.characters(),
                p.characterImages(),
                p.keyframes(),
                p.keyframeImages(),
                p.clips(),
                p.voiceovers(),
                List.of());
        EditDecisionList edl = EditDecisionList.from(noCues, ExportOptions.defaults());
        List<ParsedCue> cues = parseSrt(SrtExporter.render(edl.cues(), 1_000_000));
        assertTrue(cues.size() >= 3);
        assertEquals(0, cues.get(0).start());
        assertEquals(
                FrameRate.FPS_24.millisAt(edl.totalFrames()),
                cues.get(cues.size() - 1).end());
        assertTrue(cues.stream().anyMatch(c -> c.text().equals(SampleProject.JAPANESE)));
    }

    /** RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                assertTrue(c != '\n' && c != '\r', "bare line break outside quotes at " + i);
                field.append(c);
            }
        }
        assertTrue(field.length() == 0 && row.isEmpty(), "file must end with CRLF");
        return rows;
    }

    @Test
    void shotListIsRfc4180WithBomAndSurvivesCommasQuotesNewlinesAndJapanese() throws Exception {
        SampleProject sample = new SampleProject(tmp.resolve("media"));
        Path out = tmp.resolve("shots.csv");
        new ShotListCsvExporter()
                .export(ExportJob.of(sample.project, sample.media, ExportOptions.defaults()), out, ExportProgress.NONE);
        byte[] bytes = Files.readAllBytes(out);
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, java.util.Arrays.copyOf(bytes, 3));
        List<List<String>> rows = parseCsv(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
        assertEquals(List.of("scene", "shot", "description", "duration", "characters"), rows.get(0));
        assertEquals(1 + 6, rows.size());
        assertEquals(
                List.of(
                        "1 EXT. LIGHTHOUSE, \"THE EDGE\" - DUSK",
                        "1",
                        "A lighthouse keeper, seen from the sea, at dusk",
                        "4.500",
                        "Keeper"),
                rows.get(1));
        assertEquals(List.of("2 駅のホーム・夜", "1", "ショット1：傘をさした女性", "1.000", "美咲"), rows.get(2));
        assertEquals("Анна; Keeper", rows.get(6).get(4));
        assertEquals("'" + SampleProject.FORMULA, rows.get(6).get(2), "a formula in story text is written as text");
        double total = rows.stream()
                .skip(1)
                .mapToDouble(r -> Double.parseDouble(r.get(3)))
                .sum();
        assertEquals(293 / 24.0, total, 0.0015);

        StringBuilder b = new StringBuilder();
        ShotListCsvExporter.row(b, List.of("a,b", "say \"hi\"", "two\nlines", "plain", ""));
        assertEquals("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",plain,\r\n", b.toString());
        assertEquals(List.of(List.of("a,b", "say \"hi\"", "two\nlines", "plain", "")), parseCsv(b.toString()));
    }

    @Test
    void shotListCellsThatASpreadsheetWouldRunAsFormulasAreWrittenAsText() {
        StringBuilder b = new StringBuilder();
        ShotListCsvExporter.row(
                b, List.of("=1+1", "+SUM(A1:A9)", "-2+3", "@cmd", "\t=1", "\r=1", "a=b", "2-1", "'quoted", ""));
        assertEquals(
                List.of(List.of(
                        "'=1+1", "'+SUM(A1:A9)", "'-2+3", "'@cmd", "'\t=1", "'\r=1", "a=b", "2-1", "'quoted", "")),
                parseCsv(b.toString()));
        // Quoting still applies on top: the apostrophe goes inside the quotes.
        b.setLength(0);
        ShotListCsvExporter.row(b, List.of("=HYPERLINK(\"x\",\"y, z\")"));
        assertEquals("\"'=HYPERLINK(\"\"x\"\",\"\"y, z\"\")\"\r\n", b.toString());
    }

    @Test
    void pngSequenceIsNumberedInEditOrderAndCopiesTheImages() throws Exception {
        SampleProject sample = new SampleProject(tmp.resolve("media"));
        Path out = tmp.resolve("frames");
        new PngSequenceExporter()
                .export(ExportJob.of(sample.project, sample.media, ExportOptions.defaults()), out, ExportProgress.NONE);
        List<String> names;
        try (var s = Files.list(out)) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(
                List.of(
                        "0001_s01_k0.png",
                        "0002_s02_k0.png",
                        "0003_s02_k1.png",
                        "0004_s02_k2.png",
                        "0005_s03_k0.png",
                        "0006_s03_k1.png"),
                names);
        assertArrayEquals(
                Files.readAllBytes(sample.dir.resolve("keyframes/jp_1.png")),
                Files.readAllBytes(out.resolve("0003_s02_k1.png")));
        assertTrue(javax.imageio.ImageIO.read(out.resolve("0006_s03_k1.png").toFile())
                        .getWidth()
                == 320);
    }

    @Test
    void exporterRegistryNamesEveryFormatAndRejectsUnknownOnes() {
        Exporters exporters = Exporters.standard();
        assertEquals(
                List.of("fcpxml", "xmeml", "edl", "srt", "csv", "png", "pdf"),
                exporters.all().stream().map(Exporter::format).toList());
        var e = org.junit.jupiter.api.Assertions.assertThrows(
                ai.cinboard.domain.StudioException.class, () -> exporters.forFormat("mov"));
        assertTrue(e.getMessage().contains("fcpxml, xmeml, edl"), e.getMessage());
        assertEquals("pdf", exporters.forFormat(" PDF ").format());
    }
}
