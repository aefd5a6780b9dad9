package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.UsersCliTest.Result;
import ai.cinboard.app.cli.StudioCommand;
import ai.cinboard.domain.AuditEntry;
import ai.cinboard.domain.InputRecord;
import ai.cinboard.persistence.mapper.AuditLogMapper;
import ai.cinboard.persistence.mapper.InputRecordMapper;
import ai.cinboard.persistence.mapper.UserMapper;
import ai.cinboard.service.account.AccountService;
import ai.cinboard.service.account.AuditLog;
import ai.cinboard.testing.TestStudios;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Team mode on the command line: CINBOARD_USER signs a member in; their work is theirs, others' is "not found". */
class TeamCliTest {

    @Test
    void commandsActAsTheSignedInMember(@TempDir Path dir) throws Exception {
        Map<String, String> env = TestStudios.environment(dir.resolve("home"));
        assertEquals(
                0,
                UsersCliTest.run(
                                env,
                                "a long enough password\n",
                                "users",
                                "add",
                                "mira@example.com",
                                "--first",
                                "Mira",
                                "--last",
                                "Chen",
                                "--verified")
                        .exit());
        Path story = Files.writeString(
                dir.resolve("harbour.txt"),
                "The ferry left the harbour at dawn. Mira counted" + " the gulls while Tom coiled the rope.");

        Map<String, String> wrong = new HashMap<>(env);
        wrong.put("CINBOARD_USER", "mira@example.com");
        wrong.put("CINBOARD_USER_PASSWORD", "not her password");
        Result refused = UsersCliTest.run(wrong, "", "analyze", story.toString());
        assertEquals(StudioCommand.EXIT_USER_ERROR, refused.exit());
        assertEquals("error: " + AccountService.BAD_CREDENTIALS, refused.err().strip());

        Map<String, String> mira = new HashMap<>(env);
        mira.put("CINBOARD_USER", "MIRA@example.com");
        mira.put("CINBOARD_USER_PASSWORD", "a long enough password");
        Result analyzed = UsersCliTest.run(mira, "", "analyze", story.toString(), "--json");
        assertEquals(0, analyzed.exit(), analyzed.err());
        int project =
                new ObjectMapper().readTree(analyzed.out()).get("inputRecordId").asInt();

        try (Studio studio = Studio.open(StudioConfig.load(env))) {
            int miraId = studio.database()
                    .read(s -> s.getMapper(UserMapper.class).findByEmail("mira@example.com"))
                    .id();
            InputRecord record = studio.database()
                    .read(s -> s.getMapper(InputRecordMapper.class).findById(project));
            assertEquals(miraId, record.userId(), "the project belongs to the signed-in member");
            assertNotEquals(studio.localUserId(), record.userId());
        }

        // As the local profile (no CINBOARD_USER), Mira's project is not found; as Mira, it is hers to delete.
        Path csv = dir.resolve("shots.csv");
        Result export = UsersCliTest.run(
                env, "", "export", String.valueOf(project), "--format", "csv", "--out", csv.toString());
        assertEquals(StudioCommand.EXIT_USER_ERROR, export.exit());
        assertTrue(export.err().contains("Project " + project + " was not found"), export.err());
        Result delete = UsersCliTest.run(env, "", "delete", String.valueOf(project));
        assertEquals(StudioCommand.EXIT_USER_ERROR, delete.exit());
        assertTrue(delete.err().contains("Project " + project + " was not found"), delete.err());
        Result deleted = UsersCliTest.run(mira, "", "delete", String.valueOf(project));
        assertEquals(0, deleted.exit(), deleted.err());

        try (Studio studio = Studio.open(StudioConfig.load(env))) {
            int miraId = studio.database()
                    .read(s -> s.getMapper(UserMapper.class).findByEmail("mira@example.com"))
                    .id();
            assertNull(studio.database()
                    .read(s -> s.getMapper(InputRecordMapper.class).findById(project)));
            List<AuditEntry> audit = studio.database()
                    .read(s -> s.getMapper(AuditLogMapper.class).listRecent(50));
            assertEquals(
                    1,
                    audit.stream()
                            .filter(e -> e.action().equals(AuditLog.LOGIN_FAILED))
                            .count(),
                    audit.toString());
            assertEquals(
                    2,
                    audit.stream()
                            .filter(e -> e.action().equals(AuditLog.LOGIN) && miraId == e.userId())
                            .count());
            assertEquals(
                    1,
                    audit.stream()
                            .filter(e -> e.action().equals(AuditLog.DELETE) && miraId == e.userId())
                            .count());
            assertEquals(
                    2,
                    audit.stream()
                            .filter(e -> e.action().equals(AuditLog.LOGOUT))
                            .count(),
                    "each command signs out when it ends");
        }
    }
}
