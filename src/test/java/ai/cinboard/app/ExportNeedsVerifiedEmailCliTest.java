package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.UsersCliTest.Result;
import ai.cinboard.app.cli.StudioCommand;
import ai.cinboard.testing.TestStudios;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AccountService.requireVerified on the command line: an unverified member may edit, but not export. */
class ExportNeedsVerifiedEmailCliTest {
    private static final String REFUSAL = "error: Exporting needs a verified email; verify new@example.com (an"
            + " administrator can run `cinboard users verify EMAIL`) and log in again.";

    @Test
    void anUnverifiedMemberIsRefusedEveryExportUntilVerified(@TempDir Path dir) throws Exception {
        Map<String, String> env = TestStudios.environment(dir.resolve("home"));
        Result added = UsersCliTest.run(
                env, "a long enough password\n", "users", "add", "new@example.com", "--first", "Noa", "--last", "Ito");
        assertEquals(0, added.exit(), added.err());
        Map<String, String> member = new HashMap<>(env);
        member.put("CINBOARD_USER", "new@example.com");
        member.put("CINBOARD_USER_PASSWORD", "a long enough password");
        Path story = Files.writeString(dir.resolve("harbour.txt"), "The ferry left the harbour at dawn.");
        Result analyzed = UsersCliTest.run(member, "", "analyze", story.toString(), "--json");
        assertEquals(0, analyzed.exit(), analyzed.err());
        String project =
                new ObjectMapper().readTree(analyzed.out()).get("inputRecordId").asText();

        Path csv = dir.resolve("out/shots.csv");
        Result refused = UsersCliTest.run(member, "", "export", project, "--format", "csv", "--out", csv.toString());
        assertEquals(StudioCommand.EXIT_USER_ERROR, refused.exit());
        assertEquals(REFUSAL, refused.err().strip());
        assertFalse(Files.exists(csv), "nothing written");
        // MP4 with --render-changes is refused before any rendering starts.
        Path mp4 = dir.resolve("out/film.mp4");
        Result refusedMp4 = UsersCliTest.run(
                member, "", "export", project, "--format", "mp4", "--render-changes", "--out", mp4.toString());
        assertEquals(StudioCommand.EXIT_USER_ERROR, refusedMp4.exit());
        assertEquals(REFUSAL, refusedMp4.err().strip());
        assertEquals("", refusedMp4.out());
        // A project archive takes the work out of the studio too.
        Path archive = dir.resolve("out/story.cinboard");
        Result refusedArchive = UsersCliTest.run(member, "", "project", "export", project, "--out", archive.toString());
        assertEquals(StudioCommand.EXIT_USER_ERROR, refusedArchive.exit());
        assertEquals(REFUSAL, refusedArchive.err().strip());
        assertFalse(Files.exists(archive), "no archive written");

        assertEquals(
                0,
                UsersCliTest.run(env, "", "users", "verify", "new@example.com").exit());
        // Verified, the export goes past the gate to the project itself (analyzed, not rendered yet), into a
        // folder that exists: a missing one is refused before the project is looked at.
        Files.createDirectories(archive.getParent());
        Result past = UsersCliTest.run(member, "", "export", project, "--format", "csv", "--out", csv.toString());
        assertEquals(StudioCommand.EXIT_USER_ERROR, past.exit());
        assertTrue(past.err().contains("has neither a clip nor keyframes"), past.err());
        assertFalse(past.err().contains("verified email"), past.err());
        Result exported = UsersCliTest.run(member, "", "project", "export", project, "--out", archive.toString());
        assertEquals(0, exported.exit(), exported.err());
        assertTrue(Files.size(archive) > 0, "a verified member exports the archive");
    }
}
