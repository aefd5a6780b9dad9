package ai.cinboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.Project;
import ai.cinboard.media.ffmpeg.MediaInfo;
import ai.cinboard.media.ffmpeg.MediaProbe;
import ai.cinboard.persistence.ProjectRepository;
import ai.cinboard.service.export.AspectRatio;
import ai.cinboard.service.export.ExportJob;
import ai.cinboard.service.export.ExportOptions;
import ai.cinboard.service.export.ExportProgress;
import ai.cinboard.service.export.Mp4Preset;
import ai.cinboard.service.export.Mp4Quality;
import ai.cinboard.testing.TestStudios;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** Every export format, written for one story rendered by the real pipeline, and read back. */
class ExportRenderedStoryTest {
    private static Studio studio;
    private static Project project;

    @BeforeAll
    static void render() {
        Path home = TestStudios.tempHome();
        studio = TestStudios.open(home);
        int id = studio.intake().run(new StoryInput(TestStudios.story("ferry.fountain"), "ferry.fountain",
                studio.localUserId(), null, null, "test"), PhaseListener.NONE).inputRecordId();
        studio.render(TestStudios.smallRender(home)).run(id, RenderPlan.MISSING_ONLY, PhaseListener.NONE);
        project = new ProjectRepository(studio.database()).load(id).orElseThrow();
    }

    @AfterAll
    static void close() {
        studio.close();
    }

    private Path export(String format, Path out, ExportOptions options) throws java.io.IOException {
        ExportJob job = ExportJob.of(project, studio.media()::open, options);
        studio.exporters().forFormat(format).export(job, out, ExportProgress.NONE);
        return out;
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    /** An FCPXML time: "Ns" or "a/bs". */
    private static double seconds(String time) {
        String t = time.substring(0, time.length() - 1);
        String[] parts = t.split("/");
        return parts.length == 1 ? Double.parseDouble(parts[0]) : Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]);
    }

    @Test
    void everyFormatIsWrittenAndReadsBack(@TempDir Path dir) throws Exception {
        int clips = project.scenes().size();
        ExportOptions options = ExportOptions.defaults();

        Document fcp = xml(export("fcpxml", dir.resolve("edit.fcpxml"), options));
        // The spine holds the picture; the voiceover is a connected clip inside it (lane -1).
        org.w3c.dom.Node spine = fcp.getElementsByTagName("spine").item(0);
        List<org.w3c.dom.Element> spineClips = new java.util.ArrayList<>();
        for (int i = 0; i < spine.getChildNodes().getLength(); i++) {
            if (spine.getChildNodes().item(i) instanceof org.w3c.dom.Element e && e.getTagName().equals("asset-clip")) {
                spineClips.add(e);
            }
        }
        assertEquals(clips, spineClips.size(), "FCPXML clips on the spine");
        String sequenceDuration = ((org.w3c.dom.Element) fcp.getElementsByTagName("sequence").item(0)).getAttribute("duration");
        double sum = spineClips.stream().mapToDouble(e -> seconds(e.getAttribute("duration"))).sum();
        assertEquals(seconds(sequenceDuration), sum, 1e-9, "clip durations add up to the sequence duration");

        Document xmeml = xml(export("xmeml", dir.resolve("edit.xml"), options));
        assertTrue(xmeml.getElementsByTagName("clipitem").getLength() >= clips, "xmeml clip items");
        assertTrue(xmeml.getElementsByTagName("sequence").item(0).getTextContent().length() > 0);

        List<String> edl = Files.readAllLines(export("edl", dir.resolve("edit.edl"), options));
        assertTrue(edl.get(0).startsWith("TITLE:"), edl.get(0));
        assertEquals(clips, edl.stream().filter(l -> l.matches("^\\d{3}\\s+\\S{1,8}\\s+V\\s+C.*")).count(), "EDL video events");

        String srt = Files.readString(export("srt", dir.resolve("subs.srt"), options), StandardCharsets.UTF_8);
        assertTrue(srt.contains("-->") && srt.contains("Hold the rope"), srt);

        String csv = Files.readString(export("csv", dir.resolve("shots.csv"), options), StandardCharsets.UTF_8);
        assertEquals(1 + project.keyframes().size(), csv.strip().lines().count(), "a header and one row per shot");

        Path pngs = export("png", dir.resolve("frames"), options);
        try (var files = Files.list(pngs)) {
            assertEquals(project.keyframes().size(), files.filter(f -> f.toString().endsWith(".png")).count());
        }

        try (PDDocument pdf = Loader.loadPDF(export("pdf", dir.resolve("board.pdf"), options).toFile())) {
            assertTrue(pdf.getNumberOfPages() >= 2, "a title page and panels");
        }

        Path mp4 = export("mp4", dir.resolve("final.mp4"),
                options.withMp4(Mp4Preset.P480, AspectRatio.SQUARE, Mp4Quality.LOW));
        MediaInfo info = MediaProbe.probeAndDecode(mp4);
        assertEquals("h264", info.videoCodec());
        assertEquals("aac", info.audioCodec());
        assertEquals(480, info.width());
        assertEquals(480, info.height());
        Project after = new ProjectRepository(studio.database()).load(project.record().id()).orElseThrow();
        assertNotNull(after.finalVideos().get(after.finalVideos().size() - 1).deliveredAt(), "delivery recorded");
    }
}
