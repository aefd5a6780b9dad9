package ai.cinboard.app;

import static ai.cinboard.app.CliRuns.assertOneLineRefusal;
import static ai.cinboard.app.CliRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.CliRuns.Result;
import ai.cinboard.testing.TestStudios;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where render, export, project export and backup write. The render's JSON names the files it delivered to
 * --out; a place that can't take the output (a missing or unwritable
 * folder, a folder given as the file) is refused up front with one line and exit 2, and nothing is made.
 */
class OutputPlacesCliTest {
    @Test
    void outputsGoOnlyWhereTheyCanBeWritten(@TempDir Path home) throws Exception {
        Map<String, String> env = new HashMap<>(TestStudios.environment(home));
        env.put("CINBOARD_RENDER_RESOLUTION", "320x180");
        env.put("CINBOARD_RENDER_FPS", "12");
        Path story = home.resolve("harbour4.fountain");
        Files.write(story, TestStudios.story("harbour4.fountain"));

        Result rendered = run(env, "render", story.toString(), "--json");
        assertEquals(0, rendered.exit(), rendered.err());
        String id =
                new ObjectMapper().readTree(rendered.out()).get("inputRecordId").asText();

        // a missing folder: refused before any work, and not made
        Path missing = home.resolve("nonexist");
        for (String f : new String[] {"pdf", "mp4", "edl"}) {
            assertOneLineRefusal(
                    run(
                            env,
                            "export",
                            id,
                            "--format",
                            f,
                            "--out",
                            missing.resolve("y." + f).toString()),
                    "the folder " + missing + " does not exist");
        }
        assertOneLineRefusal(
                run(
                        env,
                        "export",
                        id,
                        "--format",
                        "png",
                        "--out",
                        missing.resolve("frames").toString()),
                "does not exist");
        assertFalse(Files.exists(missing), "no folder was made");

        // a folder given as the file: refused before any media is written
        Path archiveFolder = Files.createDirectories(home.resolve("d.cinboard"));
        assertOneLineRefusal(
                run(env, "project", "export", id, "--out", archiveFolder.toString()),
                archiveFolder + " is a folder. Give a file path ending in .cinboard.");
        Path backupFolder = Files.createDirectories(home.resolve("backups"));
        assertOneLineRefusal(run(env, "backup", backupFolder.toString()), backupFolder + " is a folder.");
        try (var left = Files.list(home)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no part file left");
        }

        // a folder that takes no file (as root too): the reason in one line, before any work
        Path proc = Path.of("/proc");
        Assumptions.assumeTrue(Files.isDirectory(proc), "a Linux /proc");
        assertOneLineRefusal(
                run(env, "export", id, "--format", "mp4", "--out", "/proc/x.mp4"),
                "Cannot write in /proc (permission denied): choose another --out.");
        assertOneLineRefusal(
                run(env, "project", "export", id, "--out", "/proc/x.cinboard"),
                "Cannot write in /proc (permission denied): choose another --out.");
        assertOneLineRefusal(run(env, "backup", "/proc/x.bak"), "Cannot write in /proc (permission denied)");
    }

    @Test
    void renderJsonNamesTheFilesDeliveredToOut(@TempDir Path home) throws Exception {
        Map<String, String> env = new HashMap<>(TestStudios.environment(home));
        env.put("CINBOARD_RENDER_RESOLUTION", "320x180");
        env.put("CINBOARD_RENDER_FPS", "12");
        Path story = home.resolve("harbour4.fountain");
        Files.write(story, TestStudios.story("harbour4.fountain"));
        Path delivered = home.resolve("delivered");
        Result rendered = run(env, "render", story.toString(), "--json", "--out", delivered.toString());
        assertEquals(0, rendered.exit(), rendered.err());
        com.fasterxml.jackson.databind.JsonNode video =
                new ObjectMapper().readTree(rendered.out()).get("finalVideo");
        String id =
                new ObjectMapper().readTree(rendered.out()).get("inputRecordId").asText();
        // the subtitles beside the delivered MP4, not the work folder's file the next render replaces
        assertEquals(
                delivered.resolve("project-" + id + ".mp4").toString(),
                video.get("path").asText());
        Path srt = Path.of(video.get("srt").asText());
        assertEquals(delivered.resolve("project-" + id + ".srt"), srt);
        assertTrue(Files.size(srt) > 0);
    }
}
