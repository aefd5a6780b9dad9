package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.cli.StudioCommand;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fixed port for the embedded server that it can never bind is named before the server is tried. */
class EmbeddedPortCliTest {

    @Test
    void aPrivilegedPortIsOneLineNamingThePortAndTheFix(@TempDir Path home) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = StudioCommand.run(
                Map.of("CINBOARD_HOME", home.toString(), "CINBOARD_DB_PORT", "80"),
                new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "db",
                "info");
        assertEquals(StudioCommand.EXIT_USER_ERROR, exit, err.toString());
        assertEquals(
                "error: CINBOARD_DB_PORT is 80, a privileged port the embedded database can't listen on. Choose a free"
                        + " port from 1024 to 65535, or unset CINBOARD_DB_PORT to use a free one.\n",
                err.toString());
    }

    @Test
    void zonkysErrorLinesStayOffTheConsole() throws Exception {
        // the studio's one line says what failed; zonky's ERROR lines and stack traces would bury it
        try (InputStream in = EmbeddedPortCliTest.class.getResourceAsStream("/logback.xml")) {
            String config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(config.contains("<logger name=\"io.zonky\" level=\"OFF\"/>"), config);
            assertFalse(config.contains("<logger name=\"ai.cinboard\" level=\"OFF\""), config);
        }
    }
}
