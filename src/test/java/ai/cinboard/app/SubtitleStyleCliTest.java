package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.cli.StudioCommand;
import ai.cinboard.testing.TestStudios;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** render's subtitle options: a bad value is one line naming it and the allowed values, exit 2, nothing stored. */
class SubtitleStyleCliTest {

    @Test
    void badSubtitleSettingsAreRefusedBeforeAnythingIsStored(@TempDir Path home) throws Exception {
        Map<String, String> env = TestStudios.environment(home);
        Path story = home.resolve("ferry.fountain");
        Files.write(story, TestStudios.story("ferry.fountain"));
        String s = story.toString();

        refused(env, "classic, boxed, bold-outline or karaoke, or auto", "render", s, "--subtitles", "sparkly");
        refused(env, "sans, bold or serif", "render", s, "--subtitle-font", "comic");
        refused(env, "2 to 10", "render", s, "--subtitle-size", "40");
        refused(env, "is not a number", "render", s, "--subtitle-size", "big");
        refused(env, "#RRGGBB", "render", s, "--subtitle-color", "mauve-ish");
        refused(env, "0 (none) to 25", "render", s, "--subtitle-outline", "-3");
        refused(env, "bottom, middle or top", "render", s, "--subtitle-position", "left");
        refused(env, "without other subtitle settings", "render", s, "--subtitles", "auto", "--word-highlight");

        try (Studio studio = Studio.open(StudioConfig.load(env))) {
            int projects = studio.database().read(x -> {
                try (ResultSet rs =
                        x.getConnection().createStatement().executeQuery("SELECT count(*) FROM input_records")) {
                    rs.next();
                    return rs.getInt(1);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(0, projects, "nothing stored");
        }
    }

    private static void refused(Map<String, String> env, String mentions, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = StudioCommand.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertEquals(StudioCommand.EXIT_USER_ERROR, exit, String.join(" ", args) + ": " + out + err);
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains(mentions), mentions + " in: " + err);
        assertFalse(err.toString().contains("\tat "), "no stack trace");
    }
}
