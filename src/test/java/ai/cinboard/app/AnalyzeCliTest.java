package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.cli.StudioCommand;
import ai.cinboard.testing.TestStudios;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** analyze through the real command line: a story becomes scenes; bad input exits 2 with one line. */
class AnalyzeCliTest {
    private record Result(int exit, String out, String err) {}

    private static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = StudioCommand.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void analyzesAScreenplayAsJson(@TempDir Path dir) throws Exception {
        Map<String, String> env = TestStudios.environment(dir.resolve("home"));
        Path story = dir.resolve("ferry.fountain");
        Files.write(story, TestStudios.story("ferry.fountain"));
        Result r = run(env, "analyze", story.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("en", doc.get("language").asText());
        assertEquals(2, doc.get("scenes").size());
        assertEquals("allow", doc.get("policy").get("verdict").asText());
        assertEquals(2, doc.get("characters").size());
    }

    @Test
    void badInputExitsTwoWithOneLineAndStoresNothing(@TempDir Path dir) throws Exception {
        Map<String, String> env = TestStudios.environment(dir.resolve("home"));
        Path empty = Files.writeString(dir.resolve("empty.txt"), "   \n\t ");
        Path binary = Files.write(dir.resolve("binary.txt"), new byte[] {0, 1, 2, (byte) 0xff, 0, 0x7f, 0});
        Path latin1 =
                Files.write(dir.resolve("latin1.txt"), "Caf\u00e9 cr\u00e8me".getBytes(StandardCharsets.ISO_8859_1));
        Path pdf = Files.writeString(dir.resolve("story.pdf"), "%PDF-1.7");
        Path passwd = Files.writeString(dir.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        for (Path bad : new Path[] {empty, binary, latin1, pdf, passwd, dir}) {
            for (String command : List.of("analyze", "render")) {
                Result r = run(env, command, bad.toString());
                assertEquals(StudioCommand.EXIT_USER_ERROR, r.exit(), bad + ": " + r.err());
                assertEquals(1, r.err().lines().count(), "one line, no progress: " + r.err());
                assertTrue(r.err().startsWith("error: "), r.err());
                assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "no stack trace: " + r.err());
                assertFalse(r.err().contains("root:x"), "a file of another type is not read: " + r.err());
            }
        }
        // a device is no story, and it is not "missing" either: the line says what it is
        Path devNull = Path.of("/dev/null");
        if (Files.exists(devNull)) {
            Result device = run(env, "analyze", devNull.toString());
            assertEquals(StudioCommand.EXIT_USER_ERROR, device.exit(), device.err());
            assertEquals(
                    "error: /dev/null is not a regular file (a device or pipe). Give the path of a .fountain, .fdx,"
                            + " .txt or .md story.",
                    device.err().strip());
        }
        Result info = run(env, "db", "info", "--json");
        JsonNode tables = new ObjectMapper().readTree(info.out()).get("tables");
        assertEquals(0, tables.get("input_records").asInt(), "refused input is not stored");
        assertEquals(0, tables.get("processing_statuses").asInt());
        assertEquals(0, tables.get("scenes").asInt());
        assertEquals(0, tables.get("characters").asInt());
    }

    @Test
    void finalDraftScreenplaysAreReadAndHostileOnesStoreNothing(@TempDir Path dir) throws Exception {
        Map<String, String> env = TestStudios.environment(dir.resolve("home"));
        Path script = Files.writeString(dir.resolve("ferry.fdx"), ai.cinboard.text.fdx.FinalDraftReaderTestData.FDX);
        Result r = run(env, "analyze", script.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(2, doc.get("scenes").size());
        assertEquals(3, doc.get("characters").size());

        Path xxe = Files.writeString(
                dir.resolve("xxe.fdx"),
                "<?xml version=\"1.0\"?><!DOCTYPE FinalDraft [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<FinalDraft><Content><Paragraph Type=\"Action\"><Text>&x;</Text></Paragraph></Content>"
                        + "</FinalDraft>");
        Path broken = Files.writeString(dir.resolve("broken.fdx"), "<FinalDraft><Content><Paragraph");
        for (Path bad : new Path[] {xxe, broken}) {
            Result refused = run(env, "analyze", bad.toString());
            assertEquals(StudioCommand.EXIT_USER_ERROR, refused.exit(), bad + ": " + refused.err());
            assertEquals(1, refused.err().lines().count(), refused.err());
            assertFalse(refused.err().contains("root:"), "nothing of /etc/passwd: " + refused.err());
        }
        JsonNode tables = new ObjectMapper()
                .readTree(run(env, "db", "info", "--json").out())
                .get("tables");
        assertEquals(1, tables.get("input_records").asInt(), "only the good screenplay is stored");
    }
}
