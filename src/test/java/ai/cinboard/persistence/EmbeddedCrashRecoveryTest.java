package ai.cinboard.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.StudioException;
import ai.cinboard.persistence.mapper.UserMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server on a real home: a second studio on the same home is refused while the first runs;
 * after the first is killed with SIGKILL (leaving its PostgreSQL running), the next start recovers and
 * the committed data is there. Data is kept between runs.
 */
class EmbeddedCrashRecoveryTest {

    @Test
    void secondStudioIsRefusedAndAKilledStudioIsRecovered(@TempDir Path home) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        EmbeddedServerHolder.class.getName(),
                        home.toString(),
                        "before-crash@example.com")
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = out.readLine()) != null && !line.equals("READY")) {
                seen.append(line).append('\n');
            }
            assertEquals("READY", line, "child did not start the embedded server:\n" + seen);

            StudioException refused =
                    assertThrows(StudioException.class, () -> Database.open(DatabaseSettings.embedded(home)));
            assertTrue(
                    refused.getMessage().contains("Another CinBoard Studio (pid " + child.pid() + ")"),
                    refused.getMessage());

            long postmasterPid = Long.parseLong(
                    Files.readAllLines(home.resolve("db/postmaster.pid")).get(0).trim());
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs, PostgreSQL is orphaned
            assertTrue(child.waitFor(20, TimeUnit.SECONDS));
            assertTrue(
                    ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive).orElse(false),
                    "the orphaned PostgreSQL should still be running, as after a real crash");
        } finally {
            child.destroyForcibly();
        }

        try (Database recovered = Database.open(DatabaseSettings.embedded(home))) {
            assertNotNull(
                    recovered.read(s -> s.getMapper(UserMapper.class).findByEmail("before-crash@example.com")),
                    "data committed before the crash survives");
            recovered.inTransaction(s -> s.getMapper(UserMapper.class)
                    .insert(ai.cinboard.domain.User.newUser("after@example.com", "h", "A", "B")));
        }
        // Stopped cleanly: no server left, and the data is kept for the next run.
        assertTrue(Files.notExists(home.resolve("db/postmaster.pid")), "server stopped on close");
        try (Database again = Database.open(DatabaseSettings.embedded(home))) {
            List<String> emails = again.read(s -> s.getMapper(UserMapper.class).listAll()).stream()
                    .map(ai.cinboard.domain.User::email)
                    .toList();
            assertTrue(emails.containsAll(List.of("before-crash@example.com", "after@example.com")), emails.toString());
        }
    }
}
