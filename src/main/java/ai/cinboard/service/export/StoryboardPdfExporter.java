package ai.cinboard.service.export;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Storyboard PDF on landscape A4: a title page, then the shots as panels (1, 4 or 6 a page). Each panel
 * shows the shot's keyframe, the scene heading, the shot number and duration, the action (the keyframe's
 * description) and the scene's dialogue lines shared out over its shots.
 */
public final class StoryboardPdfExporter implements Exporter {
    private static final float MARGIN = 36;
    private static final float GAP = 14;
    private static final Color INK = new Color(0x1f, 0x23, 0x28);
    private static final Color MUTED = new Color(0x5b, 0x63, 0x6e);

    @Override
    public String format() {
        return "pdf";
    }

    @Override
    public String extension() {
        return "pdf";
    }

    @Override
    public String label() {
        return "Storyboard PDF";
    }

    /** A shot on a panel, with the dialogue lines it carries. */
    private record Panel(SceneCut cut, Shot shot, List<String> dialogue, String action) {}

    @Override
    public void export(ExportJob job, Path out, ExportProgress progress) throws IOException {
        EditDecisionList edl = job.edit();
        List<Panel> panels = panels(edl);
        PanelLayout layout = job.options().panelLayout();
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        progress.update(0, "Loading fonts");
        try (PDDocument doc = new PDDocument();
                PdfFonts fonts = new PdfFonts(doc, job.options().fontFiles())) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(edl.title());
            info.setCreator("CinBoard Studio");
            titlePage(doc, fonts, edl, job.options().clock());
            Map<String, PDImageXObject> images = new HashMap<>();
            int pages = (panels.size() + layout.perPage() - 1) / layout.perPage();
            for (int p = 0; p < pages; p++) {
                List<Panel> onPage =
                        panels.subList(p * layout.perPage(), Math.min(panels.size(), (p + 1) * layout.perPage()));
                panelPage(doc, fonts, edl, layout, onPage, p + 2, pages + 1, images, job.media());
                progress.update(0.9 * (p + 1) / pages, "Page " + (p + 2) + " of " + (pages + 1));
            }
            // Fonts are subset when saving, so the font files must stay open until save returns.
            doc.save(out.toFile());
            progress.update(
                    1,
                    fonts.missingGlyphs() == 0
                            ? "Storyboard PDF written"
                            : "Storyboard PDF written; " + fonts.missingGlyphs() + " characters had no installed font "
                                    + "and show as '?'. Install fonts for that script (e.g. the Noto family) and export again.");
        }
    }

    private static List<Panel> panels(EditDecisionList edl) {
        List<Panel> panels = new ArrayList<>();
        for (SceneCut cut : edl.scenes()) {
            ScriptText script = ScriptText.parse(cut.scene().text());
            int shots = cut.shots().size();
            List<List<String>> share = new ArrayList<>();
            for (int i = 0; i < shots; i++) {
                share.add(new ArrayList<>());
            }
            // Dialogue is spread over the scene's shots in order, as the keyframes follow the scene's text.
            for (int i = 0; i < script.dialogue().size(); i++) {
                share.get(i * shots / script.dialogue().size())
                        .add(script.dialogue().get(i));
            }
            for (int i = 0; i < shots; i++) {
                Shot shot = cut.shots().get(i);
                String action = shot.description().isBlank() ? script.action() : shot.description();
                panels.add(new Panel(cut, shot, share.get(i), action));
            }
        }
        return panels;
    }

    private static PDRectangle landscapeA4() {
        return new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
    }

    private static void titlePage(PDDocument doc, PdfFonts fonts, EditDecisionList edl, java.time.Clock clock)
            throws IOException {
        PDPage page = new PDPage(landscapeA4());
        doc.addPage(page);
        float w = page.getMediaBox().getWidth();
        float h = page.getMediaBox().getHeight();
        FrameRate rate = edl.frameRate();
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
            cs.setNonStrokingColor(new Color(0x2b, 0x6c, 0xb0));
            cs.addRect(0, h - 14, w, 14);
            cs.fill();
            cs.setNonStrokingColor(INK);
            float y = h - 170;
            for (String line : fonts.wrap(edl.title(), w - 2 * 72, 30, 3)) {
                fonts.draw(cs, line, 72, y, w - 2 * 72, 30);
                y -= 38;
            }
            cs.setNonStrokingColor(MUTED);
            y -= 20;
            String seconds = ShotListCsvExporter.seconds(rate, edl.totalFrames());
            List<String> facts = List.of(
                    "Storyboard",
                    "Language: " + edl.language(),
                    "Scenes: " + edl.scenes().size() + "    Shots: " + edl.shotCount(),
                    "Total duration: " + rate.timecode(edl.totalFrames()) + " (" + seconds + " s at " + rate + " fps)",
                    "Date: " + LocalDate.now(clock));
            for (String fact : facts) {
                fonts.draw(cs, fact, 72, y, w - 144, 14);
                y -= 22;
            }
            fonts.draw(cs, "CinBoard Studio", 72, 48, w - 144, 10);
        }
    }

    private static void panelPage(
            PDDocument doc,
            PdfFonts fonts,
            EditDecisionList edl,
            PanelLayout layout,
            List<Panel> panels,
            int pageNo,
            int pageCount,
            Map<String, PDImageXObject> images,
            MediaReader media)
            throws IOException {
        PDPage page = new PDPage(landscapeA4());
        doc.addPage(page);
        float w = page.getMediaBox().getWidth();
        float h = page.getMediaBox().getHeight();
        float header = 22;
        float cellW = (w - 2 * MARGIN - (layout.columns() - 1) * GAP) / layout.columns();
        float cellH = (h - 2 * MARGIN - header - (layout.rows() - 1) * GAP) / layout.rows();
        float size = switch (layout) {
            case ONE -> 12f;
            case FOUR -> 8.5f;
            case SIX -> 7f;
        };
        float leading = size * 1.3f;
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
            cs.setNonStrokingColor(MUTED);
            fonts.draw(cs, edl.title(), MARGIN, h - MARGIN - 10, w * 0.7f, 9);
            String pageLabel = pageNo + " / " + pageCount;
            fonts.draw(cs, pageLabel, w - MARGIN - fonts.width(pageLabel, 9), h - MARGIN - 10, 100, 9);
            for (int i = 0; i < panels.size(); i++) {
                Panel panel = panels.get(i);
                int col = i % layout.columns();
                int row = i / layout.columns();
                float x = MARGIN + col * (cellW + GAP);
                float top = h - MARGIN - header - row * (cellH + GAP);
                // 16:9 frame, but never more than 60% of the cell, so the text below keeps room.
                float imgH = Math.min(cellW * 9 / 16, cellH * 0.6f);
                float imgW = imgH * 16 / 9;
                float imgX = x + (cellW - imgW) / 2;
                float imgY = top - imgH;
                drawImage(doc, cs, fonts, panel.shot().imageUrl(), imgX, imgY, imgW, imgH, images, media);

                float y = imgY - leading - 2;
                float bottom = top - cellH;
                cs.setNonStrokingColor(INK);
                String heading = panel.cut().index() + ". "
                        + (panel.cut().scene().heading() == null
                                ? ""
                                : panel.cut().scene().heading().strip());
                for (String line : fonts.wrap(heading, cellW, size * 1.15f, 1)) {
                    fonts.draw(cs, line, x, y, cellW, size * 1.15f);
                    y -= leading * 1.15f;
                }
                cs.setNonStrokingColor(MUTED);
                String shotLine =
                        "Shot " + panel.cut().index() + "." + panel.shot().number() + "  ·  "
                                + seconds(edl.frameRate(), panel.shot().length()) + " s";
                fonts.draw(cs, shotLine, x, y, cellW, size);
                y -= leading;
                cs.setNonStrokingColor(INK);
                int room = Math.max(0, (int) ((y - bottom) / leading) + 1);
                int actionLines = panel.dialogue().isEmpty() ? room : Math.max(1, room / 2);
                for (String line : fonts.wrap(panel.action(), cellW, size, actionLines)) {
                    fonts.draw(cs, line, x, y, cellW, size);
                    y -= leading;
                }
                cs.setNonStrokingColor(new Color(0x2b, 0x6c, 0xb0));
                for (String d : panel.dialogue()) {
                    int left = (int) ((y - bottom) / leading) + 1;
                    if (left <= 0) {
                        break;
                    }
                    for (String line : fonts.wrap(d, cellW - 8, size, left)) {
                        fonts.draw(cs, line, x + 8, y, cellW - 8, size);
                        y -= leading;
                    }
                }
            }
        }
    }

    private static String seconds(FrameRate rate, long frames) {
        // Trailing zeros removed: "3.5 s" reads better on a panel than "3.500 s".
        return new BigDecimal(ShotListCsvExporter.seconds(rate, frames))
                .stripTrailingZeros()
                .toPlainString();
    }

    private static void drawImage(
            PDDocument doc,
            PDPageContentStream cs,
            PdfFonts fonts,
            String url,
            float x,
            float y,
            float w,
            float h,
            Map<String, PDImageXObject> cache,
            MediaReader media)
            throws IOException {
        PDImageXObject image = url == null ? null : cache.get(url);
        if (image == null && url != null) {
            BufferedImage decoded = null;
            try (InputStream in = media.open(url)) {
                decoded = ImageIO.read(in);
            } catch (IOException e) {
                // Drawn below as an "image unavailable" frame: one lost file should not cost the whole board.
            }
            if (decoded != null) {
                image = LosslessFactory.createFromImage(doc, decoded);
                cache.put(url, image);
            }
        }
        cs.setStrokingColor(MUTED);
        cs.setLineWidth(0.6f);
        if (image != null) {
            // Letterbox inside the 16:9 frame, keeping the picture's own aspect ratio.
            float scale = Math.min(w / image.getWidth(), h / image.getHeight());
            float iw = image.getWidth() * scale;
            float ih = image.getHeight() * scale;
            cs.setNonStrokingColor(Color.BLACK);
            cs.addRect(x, y, w, h);
            cs.fill();
            cs.drawImage(image, x + (w - iw) / 2, y + (h - ih) / 2, iw, ih);
        } else {
            cs.setNonStrokingColor(new Color(0xe8, 0xea, 0xed));
            cs.addRect(x, y, w, h);
            cs.fill();
            cs.moveTo(x, y);
            cs.lineTo(x + w, y + h);
            cs.moveTo(x, y + h);
            cs.lineTo(x + w, y);
            cs.stroke();
            cs.setNonStrokingColor(MUTED);
            fonts.draw(cs, "image unavailable", x + 6, y + 6, w - 12, 8);
        }
        cs.addRect(x, y, w, h);
        cs.stroke();
    }
}
