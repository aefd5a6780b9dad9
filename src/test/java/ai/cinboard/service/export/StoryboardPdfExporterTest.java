package ai.cinboard.service.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoryboardPdfExporterTest {
    @TempDir
    Path tmp;

    private Path export(PanelLayout layout, SampleProject sample) throws Exception {
        Path out = tmp.resolve("board-" + layout + ".pdf");
        ExportOptions options = ExportOptions.defaults()
                .withPanelLayout(layout)
                .withClock(Clock.fixed(Instant.parse("2026-11-25T06:00:00Z"), ZoneOffset.UTC));
        List<String> messages = new ArrayList<>();
        new StoryboardPdfExporter()
                .export(ExportJob.of(sample.project, sample.media, options), out, (f, m) -> messages.add(m));
        assertEquals("Storyboard PDF written", messages.get(messages.size() - 1));
        return out;
    }

    /** Text as a reader sees it: compatibility forms folded, so shaped Arabic compares to its letters. */
    private static String plain(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).replaceAll("\\s+", "");
    }

    @Test
    void titlePageAndPanelsCarryEveryScriptAndTheImages() throws Exception {
        SampleProject sample = new SampleProject(tmp.resolve("media"));
        Path pdf = export(PanelLayout.SIX, sample);
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertEquals(2, doc.getNumberOfPages(), "title page + 6 shots on one 3x2 page");
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(1);
            stripper.setEndPage(1);
            String title = stripper.getText(doc);
            assertTrue(title.contains("Scenes: 3"), title);
            assertTrue(title.contains("Shots: 6"), title);
            assertTrue(title.contains("00:00:12:05"), title); // 293 frames at 24 fps
            assertTrue(title.contains("2026-11-25"), title);
            assertTrue(title.contains("Language: en"), title);

            stripper.setStartPage(2);
            stripper.setEndPage(2);
            String panels = plain(stripper.getText(doc));
            assertTrue(panels.contains(plain("駅のホーム・夜")), panels);
            assertTrue(panels.contains(plain("ショット1：傘をさした女性")), panels);
            assertTrue(panels.contains(plain(SampleProject.RUSSIAN)), panels);
            assertTrue(panels.contains(plain(SampleProject.ARABIC)), panels);
            assertTrue(panels.contains(plain("「待ってたよ」")), panels);
            assertTrue(panels.contains(plain("АННА: Где ты был?")), panels);
            assertTrue(panels.contains(plain("Shot 2.3")), panels);

            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(1, 100);
            Path shots = Path.of(System.getProperty("cinboard.test.screenshots", "target/screenshots"));
            Files.createDirectories(shots);
            ImageIO.write(page, "png", shots.resolve("storyboard-pdf.png").toFile());

            // The first panel's image area (top-left, below the header) holds the drawn keyframe: a
            // yellow-ish frame with a white ring, not the white page.
            int w = page.getWidth();
            int h = page.getHeight();
            int colored = 0;
            for (int y = (int) (h * 0.12); y < h * 0.35; y += 2) {
                for (int x = (int) (w * 0.06); x < w * 0.3; x += 2) {
                    int rgb = page.getRGB(x, y);
                    int r = rgb >> 16 & 0xff;
                    int g = rgb >> 8 & 0xff;
                    int b = rgb & 0xff;
                    if (Math.abs(r - 200) < 20 && Math.abs(g - 170) < 20 && Math.abs(b - 60) < 20) {
                        colored++;
                    }
                }
            }
            assertTrue(colored > 500, "keyframe pixels in panel 1: " + colored);
        }
    }

    @Test
    void layoutsPutOneFourOrSixPanelsOnAPage() throws Exception {
        SampleProject sample = new SampleProject(tmp.resolve("media"));
        try (PDDocument one = Loader.loadPDF(export(PanelLayout.ONE, sample).toFile());
                PDDocument four =
                        Loader.loadPDF(export(PanelLayout.FOUR, sample).toFile())) {
            assertEquals(1 + 6, one.getNumberOfPages());
            assertEquals(1 + 2, four.getNumberOfPages());
        }
    }

    @Test
    void aMissingKeyframeFileIsDrawnAsAnUnavailableFrameNotAFailure() throws Exception {
        SampleProject sample = new SampleProject(tmp.resolve("media"));
        Files.delete(sample.dir.resolve("keyframes/ru_1.png"));
        Path pdf = export(PanelLayout.SIX, sample);
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertTrue(new PDFTextStripper().getText(doc).contains("image unavailable"));
        }
    }
}
