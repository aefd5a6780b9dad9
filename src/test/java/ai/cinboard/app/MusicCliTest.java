package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.cli.StudioCommand;
import ai.cinboard.media.ffmpeg.Wav;
import ai.cinboard.testing.TestStudios;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** render --loudness / --music / --no-music: checked before anything is stored, kept with the project. */
class MusicCliTest {
    record Result(int exit, String out, String err) {}

    private static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = StudioCommand.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static void assertOneLineRefusal(Result r, String mentions) {
        assertEquals(StudioCommand.EXIT_USER_ERROR, r.exit(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(mentions), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
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

    @Test
    void badOptionsAreRefusedAndGoodOnesAreKeptWithTheProject(@TempDir Path home) throws Exception {
        Map<String, String> env = new HashMap<>(TestStudios.environment(home));
        env.put("CINBOARD_RENDER_RESOLUTION", "320x180");
        env.put("CINBOARD_RENDER_FPS", "12");
        Path story = home.resolve("harbour4.fountain");
        Files.write(story, TestStudios.story("harbour4.fountain"));
        Path notes = Files.writeString(home.resolve("notes.txt"), "not music");
        Path broken = Files.write(home.resolve("broken.flac"), new byte[] {0, 1, 2, 3});

        assertOneLineRefusal(run(env, "render", story.toString(), "--music", notes.toString()), "--music");
        assertOneLineRefusal(run(env, "render", story.toString(), "--music", broken.toString()), "--music");
        // a folder exists: it is named as a folder, not as missing
        Path folder = Files.createDirectories(home.resolve("songs"));
        assertOneLineRefusal(
                run(env, "render", story.toString(), "--music", folder.toString()),
                "is a folder. Give an audio file in it (MP3, WAV, FLAC or Ogg).");
        byte[] noise = new byte[3000];
        new java.util.Random(7).nextBytes(noise);
        Result garbled = run(
                env,
                "render",
                story.toString(),
                "--music",
                Files.write(home.resolve("noise.mp3"), noise).toString());
        assertOneLineRefusal(garbled, "is damaged or not audio");
        assertFalse(garbled.err().contains("avformat"), "our words, not the decoder library's: " + garbled.err());
        assertOneLineRefusal(
                run(
                        env,
                        "render",
                        story.toString(),
                        "--music",
                        home.resolve("gone.mp3").toString()),
                "--music");
        assertOneLineRefusal(run(env, "render", story.toString(), "--loudness", "-9"), "--loudness");
        // a bad --out is found before the render, not after it
        assertOneLineRefusal(run(env, "render", story.toString(), "--out", notes.toString()), "--out");
        assertEquals(0, projects(env), "nothing stored for refused options");

        Path bed = home.resolve("bed.wav");
        short[] s = new short[48_000 * 3];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (8000 * Math.sin(2 * Math.PI * 330 * i / 48_000.0));
        }
        new Wav(s, 48_000, 1).write(bed);
        Result first = run(env, "render", story.toString(), "--loudness", "-23", "--music", bed.toString(), "--json");
        assertEquals(0, first.exit(), first.err());
        JsonNode doc = new ObjectMapper().readTree(first.out());
        assertEquals(-23.0, doc.get("loudness").get("target_lufs").asDouble());
        assertEquals(-23.0, doc.get("loudness").get("integrated_lufs").asDouble(), 1.0);
        assertTrue(doc.get("loudness").get("true_peak_dbtp").asDouble() <= -1.0);
        assertEquals("bed.wav", doc.get("music").get("name").asText());

        // re-rendered without options: the project's settings stay, nothing is recomposed
        String id = doc.get("inputRecordId").asText();
        JsonNode again = new ObjectMapper()
                .readTree(run(env, "render", "--project", id, "--json").out());
        assertEquals(0, again.get("rerendered").get("composition").asInt());
        assertEquals(-23.0, again.get("loudness").get("target_lufs").asDouble());
        assertEquals("bed.wav", again.get("music").get("name").asText());

        // --no-music recomposes without it, at the kept target
        Result plain = run(env, "render", "--project", id, "--no-music");
        assertEquals(0, plain.exit(), plain.err());
        assertTrue(plain.out().contains("(target -23 LUFS)"), plain.out());
        assertFalse(plain.out().contains("music  "), plain.out());
    }
}
