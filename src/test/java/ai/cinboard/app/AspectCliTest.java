package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.cli.StudioCommand;
import ai.cinboard.domain.KeyframeImage;
import ai.cinboard.domain.Project;
import ai.cinboard.media.ffmpeg.FrameExtractor;
import ai.cinboard.media.ffmpeg.MediaInfo;
import ai.cinboard.media.ffmpeg.MediaProbe;
import ai.cinboard.persistence.ProjectRepository;
import ai.cinboard.testing.TestStudios;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * render --aspect: a 9:16 project renders natively (keyframes composed for the vertical frame, clips and video at
 * its size), keeps its frame through re-renders, goes stale when the frame changes, and exports at the preset's
 * size in its own frame. A bad value is one line and exit 2, with nothing stored.
 */
class AspectCliTest {
    record Result(int exit, String out, String err) {}

    private static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = StudioCommand.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static int projects(Map<String, String> env) {
        try (Studio studio = Studio.open(StudioConfig.load(env))) {
            return studio.database().read(s -> {
                try (ResultSet rs =
                        s.getConnection().createStatement().executeQuery("SELECT count(*) FROM input_records")) {
                    rs.next();
                    return rs.getInt(1);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    /** The vertical frame's safe area: 8 % in from the sides and the top, clear of the bottom fifth. */
    private static Rectangle verticalSafeArea(int w, int h) {
        return new Rectangle((int) (w * 0.08), (int) (h * 0.08), (int) Math.ceil(w * 0.84), (int) Math.ceil(h * 0.72));
    }

    @Test
    void aVerticalRenderIsComposedForItsFrameAndKeepsIt(@TempDir Path home) throws Exception {
        Map<String, String> env = new HashMap<>(TestStudios.environment(home));
        env.put("CINBOARD_RENDER_RESOLUTION", "640x360");
        env.put("CINBOARD_RENDER_FPS", "12");
        Path story = Files.write(home.resolve("harbour4.fountain"), TestStudios.story("harbour4.fountain"));

        Result bad = run(env, "render", story.toString(), "--aspect", "4:3");
        assertEquals(StudioCommand.EXIT_USER_ERROR, bad.exit(), bad.out() + bad.err());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertTrue(bad.err().contains("--aspect") && bad.err().contains("16:9, 9:16 or 1:1"), bad.err());
        assertFalse(bad.err().contains("\tat "), "no stack trace");
        assertEquals(0, projects(env), "nothing stored for a refused --aspect");
        Result huge = run(env, "render", story.toString(), "--resolution", "100000x100000");
        assertEquals(StudioCommand.EXIT_USER_ERROR, huge.exit(), huge.out() + huge.err());
        assertEquals(1, huge.err().lines().count(), huge.err());
        assertTrue(huge.err().contains("64 to 8192"), huge.err());
        assertEquals(0, projects(env), "nothing stored for a size that can't be encoded");

        Result first = run(env, "render", story.toString(), "--aspect", "9:16", "--json");
        assertEquals(0, first.exit(), first.err());
        JsonNode doc = new ObjectMapper().readTree(first.out());
        assertEquals("9:16", doc.get("frame").get("aspect").asText());
        assertEquals(360, doc.get("frame").get("width").asInt());
        assertEquals(640, doc.get("frame").get("height").asInt());
        Path video = Path.of(doc.get("finalVideo").get("path").asText());
        MediaInfo info = MediaProbe.probe(video);
        assertEquals(
                info.durationSeconds(),
                doc.get("finalVideo").get("durationSeconds").asDouble(),
                0.001,
                "the video's own length, not whole seconds");
        assertEquals(360, info.width());
        assertEquals(640, info.height());
        int id = doc.get("inputRecordId").asInt();
        // the subtitles are paged for the narrow frame: no cue wider than two of its lines
        int pageUnits = ai.cinboard.domain.SubtitleStyle.CLASSIC.pageUnits(360, 640);
        String srt = Files.readString(Path.of(doc.get("finalVideo").get("srt").asText()));
        List<String> cues = srt.lines()
                .filter(l -> !l.isBlank() && !l.matches("\\d+") && !l.contains(" --> "))
                .toList();
        assertFalse(cues.isEmpty(), srt);
        for (String cue : cues) {
            assertTrue(ai.cinboard.text.CuePages.width(cue) <= pageUnits, cue + " is wider than " + pageUnits);
        }

        // every keyframe was drawn for the vertical frame, its heads and caption inside the safe area
        Rectangle safe = verticalSafeArea(360, 640);
        try (Studio studio = Studio.open(StudioConfig.load(env))) {
            Project p = new ProjectRepository(studio.database()).load(id).orElseThrow();
            assertFalse(p.keyframeImages().isEmpty());
            for (KeyframeImage k : p.keyframeImages()) {
                Map<String, Object> params = k.generationParams();
                assertEquals("vertical", params.get("framing"), "keyframe " + k.id());
                assertEquals(360, ((Number) params.get("width")).intValue());
                assertEquals(640, ((Number) params.get("height")).intValue());
                for (Object head : (List<?>) params.get("head_regions")) {
                    assertTrue(safe.contains(rect(head)), "keyframe " + k.id() + " head " + head);
                }
                Object caption = params.get("caption_region");
                if (caption instanceof List<?> c && !c.isEmpty()) {
                    assertTrue(safe.contains(rect(c)), "keyframe " + k.id() + " caption " + c);
                }
            }
        }

        // frames of the video: the caption's white text is inside the safe area, never in the bottom fifth
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        try (FrameExtractor frames = new FrameExtractor(video)) {
            double duration = frames.durationSeconds();
            int inside = 0;
            // eight frames: a few fall on a keyframe's change, where two captions cross-fade
            for (int i = 0; i < 8; i++) {
                BufferedImage frame = frames.frameAt(duration * (i + 0.5) / 8);
                assertEquals(360, frame.getWidth());
                assertEquals(640, frame.getHeight());
                ImageIO.write(
                        frame,
                        "png",
                        shots.resolve("aspect-9x16-frame" + (i + 1) + ".png").toFile());
                for (int y = 0; y < frame.getHeight(); y++) {
                    for (int x = 0; x < frame.getWidth(); x++) {
                        int c = frame.getRGB(x, y);
                        boolean white = ((c >> 16) & 0xff) > 235 && ((c >> 8) & 0xff) > 235 && (c & 0xff) > 235;
                        if (!white) {
                            continue;
                        }
                        assertTrue(y < 640 * 0.8, "caption text in the bottom fifth at " + x + "," + y);
                        inside += safe.contains(x, y) ? 1 : 0;
                    }
                }
            }
            assertTrue(inside > 500, "caption text seen in the safe area: " + inside + " pixels");
        }

        // the frame is kept: a re-render without --aspect changes nothing
        JsonNode again = new ObjectMapper()
                .readTree(run(env, "render", "--project", String.valueOf(id), "--json")
                        .out());
        assertEquals("9:16", again.get("frame").get("aspect").asText());
        assertEquals(0, again.get("rerendered").get("keyframes").asInt());
        assertEquals(0, again.get("rerendered").get("composition").asInt());

        // the MP4 export keeps the project's frame at the preset's size
        Path mp4 = home.resolve("vertical.mp4");
        Result export =
                run(env, "export", String.valueOf(id), "--format", "mp4", "--preset", "1080p", "--out", mp4.toString());
        assertEquals(0, export.exit(), export.err());
        MediaInfo exported = MediaProbe.probe(mp4);
        assertEquals(1080, exported.width());
        assertEquals(1920, exported.height());
        // another shape is a crop of this one: the export says so and how to get a layout of its own
        Result wide = run(
                env,
                "export",
                String.valueOf(id),
                "--format",
                "mp4",
                "--preset",
                "480p",
                "--aspect",
                "16:9",
                "--out",
                home.resolve("wide.mp4").toString());
        assertEquals(0, wide.exit(), wide.err());
        assertTrue(
                wide.err().contains("note: project " + id + " is framed 9:16; this 16:9 MP4 is cropped"), wide.err());

        // a new frame makes keyframes, clips and the video stale: all are made again, square
        Result square = run(env, "render", "--project", String.valueOf(id), "--aspect", "1:1", "--json");
        assertEquals(0, square.exit(), square.err());
        JsonNode sq = new ObjectMapper().readTree(square.out());
        int keyframes;
        try (Studio studio = Studio.open(StudioConfig.load(env))) {
            keyframes = new ProjectRepository(studio.database())
                    .load(id)
                    .orElseThrow()
                    .keyframes()
                    .size();
        }
        assertEquals(keyframes, sq.get("rerendered").get("keyframes").asInt());
        assertEquals(4, sq.get("rerendered").get("clips").asInt());
        assertEquals(1, sq.get("rerendered").get("composition").asInt());
        assertEquals(0, sq.get("rerendered").get("characters").asInt(), "character sheets don't depend on the frame");
        MediaInfo squared =
                MediaProbe.probe(Path.of(sq.get("finalVideo").get("path").asText()));
        assertEquals(360, squared.width());
        assertEquals(360, squared.height());
    }

    private static Rectangle rect(Object o) {
        List<?> r = (List<?>) o;
        return new Rectangle(
                ((Number) r.get(0)).intValue(),
                ((Number) r.get(1)).intValue(),
                ((Number) r.get(2)).intValue(),
                ((Number) r.get(3)).intValue());
    }
}
