package ai.cinboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.StudioException;
import ai.cinboard.media.ffmpeg.MediaInfo;
import ai.cinboard.media.ffmpeg.MediaProbe;
import ai.cinboard.persistence.ProjectRepository;
import ai.cinboard.service.export.ExportProgress;
import ai.cinboard.service.export.ExportRequest;
import ai.cinboard.testing.TestStudios;
import ai.cinboard.ui.task.CurrentThreadTaskExecutor;
import ai.cinboard.ui.viewmodel.ExportViewModel;
import ai.cinboard.ui.viewmodel.Notifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        int id = studio.intake()
                .run(
                        new StoryInput(
                                TestStudios.story("ferry.fountain"),
                                "ferry.fountain",
                                studio.localUserId(),
                                null,
                                null,
                                "test"),
                        PhaseListener.NONE)
                .projectId();
        studio.render(TestStudios.smallRender(home)).run(id, RenderPlan.MISSING_ONLY, PhaseListener.NONE);
        project = new ProjectRepository(studio.database()).load(id).orElseThrow();
    }

    @AfterAll
    static void close() {
        studio.close();
    }

    /** Through the one export path the dialog and the CLI use. */
    private Path export(ExportRequest request, Path out) {
        studio.exports().export(project.record().id(), request, out, ExportProgress.NONE);
        return out;
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    /** An FCPXML time: "Ns" or "a/bs". */
    private static double seconds(String time) {
        String t = time.substring(0, time.length() - 1);
        String[] parts = t.split("/");
        return parts.length == 1
                ? Double.parseDouble(parts[0])
                : Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]);
    }

    @Test
    void everyFormatIsWrittenAndReadsBack(@TempDir Path dir) throws Exception {
        int clips = project.scenes().size();
        Document fcp = xml(export(ExportRequest.of("fcpxml"), dir.resolve("edit.fcpxml")));
        // The spine holds the picture; the voiceover is a connected clip inside it (lane -1).
        org.w3c.dom.Node spine = fcp.getElementsByTagName("spine").item(0);
        List<org.w3c.dom.Element> spineClips = new java.util.ArrayList<>();
        for (int i = 0; i < spine.getChildNodes().getLength(); i++) {
            if (spine.getChildNodes().item(i) instanceof org.w3c.dom.Element e
                    && e.getTagName().equals("asset-clip")) {
                spineClips.add(e);
            }
        }
        assertEquals(clips, spineClips.size(), "FCPXML clips on the spine");
        String sequenceDuration =
                ((org.w3c.dom.Element) fcp.getElementsByTagName("sequence").item(0)).getAttribute("duration");
        double sum = spineClips.stream()
                .mapToDouble(e -> seconds(e.getAttribute("duration")))
                .sum();
        assertEquals(seconds(sequenceDuration), sum, 1e-9, "clip durations add up to the sequence duration");

        Document xmeml = xml(export(ExportRequest.of("xmeml"), dir.resolve("edit.xml")));
        assertTrue(xmeml.getElementsByTagName("clipitem").getLength() >= clips, "xmeml clip items");
        assertTrue(
                xmeml.getElementsByTagName("sequence").item(0).getTextContent().length() > 0);

        List<String> edl = Files.readAllLines(export(ExportRequest.of("edl"), dir.resolve("edit.edl")));
        assertTrue(edl.get(0).startsWith("TITLE:"), edl.get(0));
        assertEquals(
                clips,
                edl.stream()
                        .filter(l -> l.matches("^\\d{3}\\s+\\S{1,8}\\s+V\\s+C.*"))
                        .count(),
                "EDL video events");

        String srt = Files.readString(export(ExportRequest.of("srt"), dir.resolve("subs.srt")), StandardCharsets.UTF_8);
        assertTrue(srt.contains("-->") && srt.contains("Hold the rope"), srt);

        String csv =
                Files.readString(export(ExportRequest.of("csv"), dir.resolve("shots.csv")), StandardCharsets.UTF_8);
        assertEquals(1 + project.keyframes().size(), csv.strip().lines().count(), "a header and one row per shot");

        Path pngs = export(ExportRequest.of("png"), dir.resolve("frames"));
        try (var files = Files.list(pngs)) {
            assertEquals(
                    project.keyframes().size(),
                    files.filter(f -> f.toString().endsWith(".png")).count());
        }

        try (PDDocument pdf = Loader.loadPDF(
                export(ExportRequest.of("pdf"), dir.resolve("board.pdf")).toFile())) {
            assertTrue(pdf.getNumberOfPages() >= 2, "a title page and panels");
        }

        Path mp4 =
                export(ExportRequest.parse("mp4", null, null, "480p", "1:1", "low", false), dir.resolve("final.mp4"));
        MediaInfo info = MediaProbe.probeAndDecode(mp4);
        assertEquals("h264", info.videoCodec());
        assertEquals("aac", info.audioCodec());
        assertEquals(480, info.width());
        assertEquals(480, info.height());
        Project after = new ProjectRepository(studio.database())
                .load(project.record().id())
                .orElseThrow();
        assertNotNull(after.finalVideos().get(after.finalVideos().size() - 1).deliveredAt(), "delivery recorded");
    }

    @Test
    void editorTimelinesPointAtMediaFilesThatExist(@TempDir Path dir) throws Exception {
        Document fcp = xml(export(ExportRequest.of("fcpxml"), dir.resolve("edit.fcpxml")));
        var assets = fcp.getElementsByTagName("media-rep");
        assertTrue(assets.getLength() > 0, "FCPXML media");
        for (int i = 0; i < assets.getLength(); i++) {
            String src = ((org.w3c.dom.Element) assets.item(i)).getAttribute("src");
            assertTrue(src.startsWith("file:"), "an editor opens file URLs, not " + src);
            assertTrue(Files.isRegularFile(Path.of(java.net.URI.create(src))), "exists: " + src);
        }
        // each asset is as long as its file, to the frame (the rows keep whole seconds; the exports don't)
        var declared = fcp.getElementsByTagName("asset");
        int checked = 0;
        for (int i = 0; i < declared.getLength(); i++) {
            org.w3c.dom.Element asset = (org.w3c.dom.Element) declared.item(i);
            Path file = Path.of(java.net.URI.create(((org.w3c.dom.Element)
                            asset.getElementsByTagName("media-rep").item(0))
                    .getAttribute("src")));
            String name = file.getFileName().toString();
            if (!name.endsWith(".wav") && !name.endsWith(".mp4")) {
                continue; // stills have no length of their own
            }
            String[] d = asset.getAttribute("duration").replace("s", "").split("/");
            double seconds = Double.parseDouble(d[0]) / (d.length > 1 ? Double.parseDouble(d[1]) : 1);
            double real = name.endsWith(".wav")
                    ? ai.cinboard.media.ffmpeg.Wav.read(file).durationSeconds()
                    : ai.cinboard.media.ffmpeg.MediaProbe.probe(file).durationSeconds();
            assertEquals(real, seconds, 1 / 24.0 + 0.03, name);
            checked++;
        }
        assertTrue(checked >= 2, "the clips and the voiceover: " + checked);

        // the editor is told each sound's own rate and channels, as its file has them
        int sounds = 0;
        for (int i = 0; i < declared.getLength(); i++) {
            org.w3c.dom.Element asset = (org.w3c.dom.Element) declared.item(i);
            if (!asset.getAttribute("hasAudio").equals("1")) {
                continue;
            }
            Path file = Path.of(java.net.URI.create(((org.w3c.dom.Element)
                            asset.getElementsByTagName("media-rep").item(0))
                    .getAttribute("src")));
            ai.cinboard.media.ffmpeg.Wav sound = ai.cinboard.media.ffmpeg.Wav.read(file);
            assertEquals(String.valueOf(sound.sampleRate()), asset.getAttribute("audioRate"), file.toString());
            assertEquals(String.valueOf(sound.channels()), asset.getAttribute("audioChannels"), file.toString());
            sounds++;
        }
        assertEquals(1, sounds, "the voiceover");

        // the files are copies in a folder beside the timeline, which goes wherever it goes
        Path folder = dir.resolve("edit.fcpxml-media");
        for (int i = 0; i < assets.getLength(); i++) {
            Path file = Path.of(java.net.URI.create(((org.w3c.dom.Element) assets.item(i)).getAttribute("src")));
            assertEquals(folder, file.getParent(), "a copy beside the timeline: " + file);
        }
        Document xmeml = xml(export(ExportRequest.of("xmeml"), dir.resolve("edit.xml")));
        var paths = xmeml.getElementsByTagName("pathurl");
        assertTrue(paths.getLength() > 0, "xmeml media");
        for (int i = 0; i < paths.getLength(); i++) {
            Path file = Path.of(java.net.URI.create(paths.item(i).getTextContent()));
            assertEquals(dir.resolve("edit.xml-media"), file.getParent(), "xmeml names the copies too: " + file);
            assertTrue(Files.isRegularFile(file), file.toString());
        }

        // A clip followed by a transition has its handle: the transition starts at the cut and runs on the
        // outgoing clip's frames past its out point, which hold its last picture, as the render does.
        Map<String, org.w3c.dom.Element> assetById = new HashMap<>();
        for (int i = 0; i < declared.getLength(); i++) {
            org.w3c.dom.Element asset = (org.w3c.dom.Element) declared.item(i);
            assetById.put(asset.getAttribute("id"), asset);
        }
        org.w3c.dom.Node spine = fcp.getElementsByTagName("spine").item(0);
        org.w3c.dom.Element before = null;
        int handles = 0;
        for (int i = 0; i < spine.getChildNodes().getLength(); i++) {
            if (!(spine.getChildNodes().item(i) instanceof org.w3c.dom.Element e)) {
                continue;
            }
            if (e.getTagName().equals("transition") && before != null) {
                org.w3c.dom.Element asset = assetById.get(before.getAttribute("ref"));
                double out = seconds(before.getAttribute("start")) + seconds(before.getAttribute("duration"));
                double transition = seconds(e.getAttribute("duration"));
                assertTrue(
                        seconds(asset.getAttribute("duration")) >= out + transition - 1e-9,
                        "media past the out point for the whole transition: " + asset.getAttribute("name"));
                Path file = Path.of(java.net.URI.create(((org.w3c.dom.Element)
                                asset.getElementsByTagName("media-rep").item(0))
                        .getAttribute("src")));
                try (var frames = new ai.cinboard.media.ffmpeg.FrameExtractor(file)) {
                    java.awt.image.BufferedImage last = frames.frameAt(out - 0.5 / 24);
                    java.awt.image.BufferedImage held = frames.frameAt(out + transition - 0.5 / 24);
                    assertTrue(
                            meanDifference(last, held) < 2.0,
                            "the handle holds the clip's last picture: " + meanDifference(last, held));
                }
                handles++;
            }
            before = e.getTagName().equals("asset-clip") ? e : null;
        }
        assertEquals(project.scenes().size() - 1, handles, "every cut but the first opens with the default crossfade");

        // the EDL names no files: its clip names and reels are those of the copies an editor relinks it to
        List<String> edl = Files.readAllLines(export(ExportRequest.of("edl"), dir.resolve("edit.edl")));
        List<String> clipNames = edl.stream()
                .filter(l -> l.startsWith("* FROM CLIP NAME: scene-"))
                .map(l -> l.substring("* FROM CLIP NAME: ".length()))
                .toList();
        assertEquals(project.scenes().size(), clipNames.size(), edl.toString());
        for (String name : clipNames) {
            assertTrue(Files.isRegularFile(dir.resolve("edit.edl-media").resolve(name)), name);
        }
        assertTrue(edl.stream().anyMatch(l -> l.matches("^\\d{3}\\s+SCENE01\\s+V\\s+C.*")), edl.toString());
    }

    @Test
    void aTimelineWhoseMediaFolderNameIsTakenByAFileIsRefusedBeforeAnythingIsWritten(@TempDir Path dir)
            throws Exception {
        Path taken = Files.writeString(dir.resolve("cut.fcpxml-media"), "my notes");
        ai.cinboard.domain.StudioException e = assertThrows(
                ai.cinboard.domain.StudioException.class,
                () -> export(ExportRequest.of("fcpxml"), dir.resolve("cut.fcpxml")));
        assertTrue(e.getMessage().contains("which is a file"), e.getMessage());
        assertEquals("my notes", Files.readString(taken));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(taken), files.toList(), "nothing else written");
        }
    }

    /** The mean absolute difference of two pictures' RGB values, 0–255. */
    private static double meanDifference(java.awt.image.BufferedImage a, java.awt.image.BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }

    @Test
    void aCancelledExportLeavesNoFileBehind(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cancelled.mp4");
        // Interrupting the exporting thread is how the dialog's Cancel reaches the export.
        ExportProgress interruptOnFirstUpdate =
                (fraction, message) -> Thread.currentThread().interrupt();
        try {
            assertThrows(
                    java.util.concurrent.CancellationException.class,
                    () -> studio.exports()
                            .export(
                                    project.record().id(),
                                    ExportRequest.parse("mp4", null, null, "480p", null, "low", false),
                                    out,
                                    interruptOnFirstUpdate));
        } finally {
            Thread.interrupted();
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "neither the target nor a partial file");
        }
    }

    @Test
    void unknownChoicesAndProjectsAreClearMessages(@TempDir Path dir) {
        StudioException format =
                assertThrows(StudioException.class, () -> export(ExportRequest.of("mov"), dir.resolve("x.mov")));
        assertTrue(
                format.getMessage().contains("Unknown export format \"mov\"")
                        && format.getMessage().contains("fcpxml"),
                format.getMessage());
        StudioException aspect = assertThrows(
                StudioException.class, () -> ExportRequest.parse("mp4", null, null, null, "4:3", null, false));
        assertTrue(aspect.getMessage().contains("16:9, 9:16 or 1:1"), aspect.getMessage());
        StudioException missing = assertThrows(
                StudioException.class,
                () -> studio.exports()
                        .export(987654, ExportRequest.of("srt"), dir.resolve("x.srt"), ExportProgress.NONE));
        assertTrue(missing.getMessage().contains("no project 987654"), missing.getMessage());
    }

    @Test
    void theExportDialogModelExportsWithProgress(@TempDir Path dir) throws Exception {
        Notifier notifier = new Notifier();
        ExportViewModel vm = new ExportViewModel(
                studio.exports(),
                new CurrentThreadTaskExecutor(),
                notifier,
                project.record().id(),
                "The Ferry / draft");
        assertEquals("mp4", vm.formats().get(0).id(), "MP4 first");
        assertEquals(8, vm.formats().size());
        vm.formatProperty()
                .set(vm.formats().stream()
                        .filter(f -> f.id().equals("pdf"))
                        .findFirst()
                        .orElseThrow());
        assertTrue(vm.pdfChosenProperty().get() && !vm.mp4ChosenProperty().get());
        assertEquals("The Ferry  draft.pdf", vm.suggestedName());
        List<Double> seen = new java.util.ArrayList<>();
        vm.progressProperty().addListener((o, a, b) -> seen.add(b.doubleValue()));
        boolean[] closed = {false};
        Path out = dir.resolve(vm.suggestedName());
        vm.start(out, () -> closed[0] = true);
        assertTrue(closed[0], notifier.latestProperty().get().text());
        assertFalse(vm.runningProperty().get());
        assertTrue(seen.size() >= 2 && seen.get(seen.size() - 1) == 1.0, "progress reported: " + seen);
        assertTrue(notifier.latestProperty().get().text().startsWith("Exported Storyboard PDF"));
        try (PDDocument pdf = Loader.loadPDF(out.toFile())) {
            assertTrue(pdf.getNumberOfPages() >= 2);
        }
    }
}
