package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.cli.StudioCommand;
import ai.cinboard.media.ffmpeg.MediaInfo;
import ai.cinboard.media.ffmpeg.MediaProbe;
import ai.cinboard.testing.TestStudios;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * render FILE... / --manifest: each story with its own options, on past a failing story, a summary naming the
 * failure and exit 1; a bad manifest is one line and exit 2 before anything is stored.
 */
class BatchRenderCliTest {
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

    /** The subtitle presets stored with the projects, in project order (projects without one left out). */
    private static List<String> storedPresets(Map<String, String> env) {
        try (Studio studio = Studio.open(StudioConfig.load(env))) {
            return studio.database().read(s -> {
                try (ResultSet rs = s.getConnection()
                        .createStatement()
                        .executeQuery("SELECT render_settings->'subtitles'->>'preset' FROM input_records"
                                + " WHERE render_settings->'subtitles' IS NOT NULL ORDER BY id")) {
                    List<String> presets = new java.util.ArrayList<>();
                    while (rs.next()) {
                        presets.add(rs.getString(1));
                    }
                    return presets;
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    private static void assertRefused(Map<String, String> env, Path csv, String content, String mentions)
            throws Exception {
        Files.writeString(csv, content);
        Result r = run(env, "render", "--manifest", csv.toString());
        assertEquals(StudioCommand.EXIT_USER_ERROR, r.exit(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(mentions), mentions + " in: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void aBatchGoesOnPastAFailingStoryAndSumsUp(@TempDir Path home) throws Exception {
        Map<String, String> env = new HashMap<>(TestStudios.environment(home));
        env.put("CINBOARD_RENDER_RESOLUTION", "320x180");
        env.put("CINBOARD_RENDER_FPS", "12");
        Path dir = Files.createDirectories(home.resolve("stories"));
        Files.write(dir.resolve("harbour4.fountain"), TestStudios.story("harbour4.fountain"));
        Files.write(dir.resolve("ferry.fountain"), TestStudios.story("ferry.fountain"));
        // exists and reads, but is no story: intake refuses it
        Files.writeString(dir.resolve("broken.txt"), "  \n\n  ");
        Path csv = dir.resolve("batch.csv");

        assertRefused(env, csv, "story,colour\nharbour4.fountain,red\n", "unknown column \"colour\"");
        assertRefused(env, csv, "story,aspect\nharbour4.fountain,9:16\nmissing.fountain,\n", "line 3");
        assertRefused(env, csv, "story,aspect\nharbour4.fountain,4:3\n", "16:9, 9:16 or 1:1");
        assertRefused(env, csv, "story,resolution\nharbour4.fountain,big\n", "--resolution");
        assertRefused(env, csv, "story,music\nharbour4.fountain,nothing.mp3\n", "--music");
        assertRefused(
                env,
                csv,
                "story,subtitle_preset\nharbour4.fountain,sparkly\n",
                "classic, boxed, bold-outline or karaoke");
        assertRefused(env, csv, "\"story,aspect\nharbour4.fountain,9:16\n", "never closed");
        Result noManifest =
                run(env, "render", "--manifest", dir.resolve("gone.csv").toString());
        assertEquals(StudioCommand.EXIT_USER_ERROR, noManifest.exit());
        assertEquals(0, projects(env), "nothing stored for a bad manifest");

        // three stories, each with its own options; the broken one fails, the others are rendered
        Files.writeString(
                csv,
                "story,aspect,resolution,subtitle_preset\n"
                        + "harbour4.fountain,9:16,,boxed\n"
                        + "broken.txt,,,\n"
                        + "\"ferry.fountain\",,256x144,karaoke\n");
        Path out = home.resolve("videos");
        Result batch = run(env, "render", "--manifest", csv.toString(), "--out", out.toString());
        assertEquals(1, batch.exit(), "a failed story makes the batch exit 1: " + batch.out() + batch.err());
        List<String> lines = batch.out().lines().filter(l -> !l.isBlank()).toList();
        assertTrue(lines.get(0).matches("story\\s+project\\s+status\\s+video\\s+wall"), batch.out());
        assertTrue(
                lines.get(1).matches("harbour4\\.fountain\\s+\\d+\\s+rendered\\s+\\d+\\.\\d s\\s+\\d+\\.\\d s"),
                batch.out());
        // refused input is not stored: no project
        assertTrue(lines.get(2).matches("broken\\.txt\\s+-\\s+FAILED\\s+-\\s+\\d+\\.\\d s"), batch.out());
        assertTrue(lines.get(3).startsWith("  ") && lines.get(3).length() > 10, "the failure's reason: " + batch.out());
        assertTrue(lines.get(4).matches("ferry\\.fountain\\s+\\d+\\s+rendered\\s+.*"), batch.out());
        assertTrue(batch.out().contains("2 of 3 stories rendered, 1 failed"), batch.out());

        List<Path> videos;
        try (Stream<Path> s = Files.list(out)) {
            videos = s.filter(p -> p.toString().endsWith(".mp4")).sorted().toList();
        }
        assertEquals(2, videos.size(), "two videos: " + videos);
        // each with its own options: 9:16 at the configured 320x180's short side, and 256x144
        List<String> sizes = videos.stream()
                .map(v -> {
                    MediaInfo i = MediaProbe.probe(v);
                    return i.width() + "x" + i.height();
                })
                .sorted()
                .toList();
        assertEquals(List.of("180x320", "256x144"), sizes);
        // each with its own subtitle preset, stored with its project
        assertEquals(List.of("boxed", "karaoke"), storedPresets(env));
        // and its own size: the project rendered at 256x144 is up to date at it, not at the studio's 320x180
        String ferry = lines.get(4).split("\\s+")[1];
        Result show = run(env, "project", "show", ferry, "--json");
        assertEquals(0, show.exit(), show.err());
        assertFalse(
                new ObjectMapper()
                        .readTree(show.out())
                        .get("final_video")
                        .get("stale")
                        .asBoolean(),
                show.out());
        Result again = run(env, "render", "--project", ferry, "--json");
        assertEquals(0, again.exit(), again.err());
        JsonNode frame = new ObjectMapper().readTree(again.out()).get("frame");
        assertEquals(256, frame.get("width").asInt(), "the project's own size is reported: " + frame);
        assertEquals(144, frame.get("height").asInt(), "the project's own size is reported: " + frame);
        JsonNode rerendered = new ObjectMapper().readTree(again.out()).get("rerendered");
        for (String kind : List.of("characters", "keyframes", "voiceover", "clips", "composition")) {
            assertEquals(0, rerendered.get(kind).asInt(), kind + " in " + again.out());
        }

        // the same batch as files on the command line, --json: one object per story
        Result json = run(
                env,
                "render",
                dir.resolve("broken.txt").toString(),
                dir.resolve("harbour4.fountain").toString(),
                "--json");
        assertEquals(1, json.exit(), json.err());
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertEquals(1, doc.get("rendered").asInt());
        assertEquals(1, doc.get("failed").asInt());
        assertEquals("failed", doc.get("stories").get(0).get("status").asText());
        assertFalse(doc.get("stories").get(0).get("error").asText().isBlank());
        assertEquals("rendered", doc.get("stories").get(1).get("status").asText());
        assertTrue(doc.get("stories").get(1).get("videoSeconds").asDouble() > 1);
    }
}
