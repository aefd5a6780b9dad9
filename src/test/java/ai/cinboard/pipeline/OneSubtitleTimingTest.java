package ai.cinboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.Line;
import ai.cinboard.domain.Scene;
import ai.cinboard.persistence.mapper.SceneMapper;
import ai.cinboard.service.export.ExportProgress;
import ai.cinboard.service.export.ExportRequest;
import ai.cinboard.testing.TestStudios;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * One subtitle timing (issue 15 §4): intake stores each scene's lines, the render reads those (not the raw text
 * broken down again), and the SRT beside the MP4, the SRT export and the FCPXML captions carry the same cues.
 */
class OneSubtitleTimingTest {
    /** One frame at the exports' default 24 fps, plus rounding: FCPXML times are whole frames. */
    private static final long FRAME_MS = 1000 / 24 + 1;

    record Cue(long startMillis, long endMillis, String text) {}

    @Test
    void theMp4sSrtTheSrtExportAndTheFcpxmlCaptionsHaveTheSameCues(@TempDir Path dir) throws Exception {
        Path home = TestStudios.tempHome();
        try (Studio studio = TestStudios.open(home)) {
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
            List<Scene> scenes =
                    studio.database().read(s -> s.getMapper(SceneMapper.class).listByInputRecord(id));
            for (Scene scene : scenes) {
                assertNotNull(scene.lines(), "intake stores the lines of scene " + scene.sceneNumber());
                assertFalse(scene.lines().isEmpty());
            }
            assertTrue(
                    scenes.stream()
                            .flatMap(s -> s.lines().stream())
                            .anyMatch(l ->
                                    l.kind() == Line.Kind.DIALOGUE && l.text().contains("Hold the rope")),
                    "dialogue is stored with its speaker: " + scenes.get(0).lines());

            // The stored story no longer says what the render shows: the lines stored at intake do.
            studio.database().useTransaction(s -> {
                try (var ps =
                        s.getConnection().prepareStatement("UPDATE input_records SET raw_input = ? WHERE id = ?")) {
                    ps.setString(1, "INT. NOWHERE - DAY\n\nNothing happens here at all.\n");
                    ps.setInt(2, id);
                    ps.executeUpdate();
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });

            RenderPipeline.Result result =
                    studio.render(TestStudios.smallRender(home)).run(id, RenderPlan.MISSING_ONLY, PhaseListener.NONE);
            List<Cue> beside = srt(Files.readString(result.srtFile(), StandardCharsets.UTF_8));
            assertTrue(beside.size() >= 4, "a cue per line: " + beside);
            assertTrue(beside.stream().anyMatch(c -> c.text().contains("Hold the rope")), beside.toString());
            assertTrue(beside.stream().noneMatch(c -> c.text().contains("Nothing happens")), "not the raw text again");

            Path srtOut = dir.resolve("subs.srt");
            studio.exports().export(id, ExportRequest.of("srt"), srtOut, ExportProgress.NONE);
            List<Cue> exported = srt(Files.readString(srtOut, StandardCharsets.UTF_8));
            Path fcpOut = dir.resolve("edit.fcpxml");
            studio.exports().export(id, ExportRequest.of("fcpxml"), fcpOut, ExportProgress.NONE);
            List<Cue> captions = fcpxmlCaptions(fcpOut);

            assertSame("the SRT export", beside, exported, 1);
            assertSame("the FCPXML captions", beside, captions, FRAME_MS);
        }
    }

    private static void assertSame(String what, List<Cue> expected, List<Cue> actual, long toleranceMillis) {
        assertEquals(
                expected.stream().map(Cue::text).toList(),
                actual.stream().map(Cue::text).toList(),
                what + " has the texts of the SRT beside the MP4");
        for (int i = 0; i < expected.size(); i++) {
            Cue e = expected.get(i), a = actual.get(i);
            assertTrue(
                    Math.abs(e.startMillis() - a.startMillis()) <= toleranceMillis
                            && Math.abs(e.endMillis() - a.endMillis()) <= toleranceMillis,
                    what + " cue " + (i + 1) + " is timed as the MP4's: " + e + " vs " + a);
        }
    }

    private static final Pattern SRT_TIME =
            Pattern.compile("(\\d+):(\\d\\d):(\\d\\d),(\\d{3}) --> (\\d+):(\\d\\d):(\\d\\d),(\\d{3})");

    static List<Cue> srt(String text) {
        List<Cue> cues = new ArrayList<>();
        for (String block : text.replace("\r\n", "\n").strip().split("\n\n")) {
            String[] lines = block.split("\n");
            Matcher m = SRT_TIME.matcher(lines[1]);
            assertTrue(m.matches(), "an SRT time line: " + lines[1]);
            cues.add(new Cue(
                    millis(m, 1), millis(m, 5), String.join("\n", List.of(lines).subList(2, lines.length))));
        }
        return cues;
    }

    private static long millis(Matcher m, int group) {
        return ((Long.parseLong(m.group(group)) * 60 + Long.parseLong(m.group(group + 1))) * 60
                                + Long.parseLong(m.group(group + 2)))
                        * 1000
                + Long.parseLong(m.group(group + 3));
    }

    /** The captions, on the timeline: their offset in the first clip's time, less that clip's start. */
    private static List<Cue> fcpxmlCaptions(Path file) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        NodeList captions = doc.getElementsByTagName("caption");
        List<Cue> cues = new ArrayList<>();
        for (int i = 0; i < captions.getLength(); i++) {
            Element c = (Element) captions.item(i);
            Element parent = (Element) c.getParentNode();
            assertEquals("asset-clip", parent.getTagName(), "a caption is connected to a clip on the spine");
            // a caption hangs off the spine clip it starts in: the clip's place in the sequence, plus its own
            // offset in the clip's local time
            double tcStart =
                    seconds(((Element) doc.getElementsByTagName("sequence").item(0)).getAttribute("tcStart"));
            double parentAt = seconds(parent.getAttribute("offset")) - tcStart;
            double start = parentAt + seconds(c.getAttribute("offset")) - seconds(parent.getAttribute("start"));
            double end = start + seconds(c.getAttribute("duration"));
            assertTrue(c.getAttribute("role").startsWith("SRT?captionFormat=SRT."), c.getAttribute("role"));
            cues.add(new Cue(
                    Math.round(start * 1000),
                    Math.round(end * 1000),
                    c.getElementsByTagName("text-style").item(0).getTextContent()));
        }
        return cues;
    }

    /** An FCPXML time: "Ns" or "a/bs". */
    private static double seconds(String time) {
        String[] parts = time.substring(0, time.length() - 1).split("/");
        return parts.length == 1
                ? Double.parseDouble(parts[0])
                : Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]);
    }
}
