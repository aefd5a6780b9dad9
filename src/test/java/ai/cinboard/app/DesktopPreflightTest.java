package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesktopPreflightTest {
    private static Optional<String> problem(Map<String, String> env, boolean gtk, boolean x11Answers) {
        return new DesktopPreflight(env, "Linux", lib -> gtk && lib.equals("libgtk-3.so.0"), d -> x11Answers).problem();
    }

    @Test
    void noDisplayAtAllSaysADisplayIsNeededAndTheCommandLineWorks() {
        String line = problem(Map.of(), true, true).orElseThrow();
        assertTrue(line.contains("needs a display"), line);
        assertTrue(line.contains("command line works without a display"), line);
        assertFalse(line.contains("\n"), line);
        // Blank values count as unset.
        assertTrue(problem(Map.of("DISPLAY", " ", "WAYLAND_DISPLAY", ""), true, true)
                .orElseThrow()
                .contains("needs a display"));
    }

    @Test
    void aDisplayNobodyAnswersOnIsNamed() {
        String line = problem(Map.of("DISPLAY", ":42"), true, false).orElseThrow();
        assertTrue(line.contains("cannot reach the display DISPLAY=:42"), line);
        assertTrue(line.contains("command line works without a display"), line);
    }

    @Test
    void missingGtkNamesThePackageToInstall() {
        String line = problem(Map.of("DISPLAY", ":0"), false, true).orElseThrow();
        assertTrue(line.contains("install the package libgtk-3-0"), line);
        assertFalse(line.contains("\n"), line);
        assertTrue(problem(Map.of("WAYLAND_DISPLAY", "wayland-0"), false, false)
                .orElseThrow()
                .contains("libgtk-3-0"));
    }

    @Test
    void aReachableDisplayWithGtkStarts() {
        assertEquals(Optional.empty(), problem(Map.of("DISPLAY", ":0"), true, true));
        // A Wayland session is left to the toolkit (XWayland), without probing DISPLAY.
        assertEquals(Optional.empty(), problem(Map.of("WAYLAND_DISPLAY", "wayland-0"), true, false));
    }

    @Test
    void onlyLinuxIsChecked() {
        assertEquals(Optional.empty(), new DesktopPreflight(Map.of(), "Mac OS X", l -> false, d -> false).problem());
    }

    @Test
    void x11ProbeConnectsToTheDisplaysUnixSocket(@TempDir Path sockets) throws IOException {
        assertFalse(DesktopPreflight.x11Reachable(":7", sockets));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sockets.resolve("X7")));
            assertTrue(DesktopPreflight.x11Reachable(":7", sockets));
            assertTrue(DesktopPreflight.x11Reachable(":7.0", sockets));
            assertTrue(DesktopPreflight.x11Reachable("unix:7", sockets));
            assertFalse(DesktopPreflight.x11Reachable(":8", sockets));
        }
        // The socket file left behind by a dead server refuses connections.
        assertTrue(Files.exists(sockets.resolve("X7")));
        assertFalse(DesktopPreflight.x11Reachable(":7", sockets));
    }

    @Test
    void x11ProbeConnectsToTcpPort6000PlusTheDisplayNumber(@TempDir Path sockets) throws IOException {
        int number;
        try (ServerSocket server = new ServerSocket(0)) {
            number = server.getLocalPort() - 6000;
            assertTrue(DesktopPreflight.x11Reachable("127.0.0.1:" + number + ".0", sockets));
        }
        assertFalse(DesktopPreflight.x11Reachable("127.0.0.1:" + number, sockets));
    }

    @Test
    void libraryLookupSearchesLdLibraryPathFirst(@TempDir Path dir) throws IOException {
        assertFalse(DesktopPreflight.libraryPresent(
                "libnot-a-real-library.so.9", DesktopPreflight.librarySearchPath(Map.of())));
        List<Path> search = DesktopPreflight.librarySearchPath(Map.of("LD_LIBRARY_PATH", dir + "::/nowhere"));
        assertEquals(dir, search.get(0));
        assertFalse(DesktopPreflight.libraryPresent("libgtk-fake.so.0", search));
        Files.writeString(dir.resolve("libgtk-fake.so.0"), "");
        assertTrue(DesktopPreflight.libraryPresent("libgtk-fake.so.0", search));
    }

    /** The real jar's entry point, in a process: one line on stderr, exit 2, before any database starts. */
    @Test
    void startingTheWindowWithoutADisplayPrintsOneLineAndExits(@TempDir Path home) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("CINBOARD_HOME", home.toString());
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        Result noDisplay = runMain(env);
        assertEquals(2, noDisplay.exit, noDisplay.err);
        assertEquals(1, noDisplay.err.strip().lines().count(), noDisplay.err);
        assertTrue(noDisplay.err.contains("needs a display"), noDisplay.err);
        assertEquals("", noDisplay.out.strip());

        env.put("DISPLAY", "127.0.0.1:" + unusedTcpDisplay());
        Result unreachable = runMain(env);
        assertEquals(2, unreachable.exit, unreachable.err);
        assertEquals(1, unreachable.err.strip().lines().count(), unreachable.err);
        assertTrue(unreachable.err.contains("cannot reach the display"), unreachable.err);
        // Nothing was started or stored on the way out.
        try (var files = Files.list(home)) {
            assertEquals(List.of(), files.toList());
        }
    }

    private static int unusedTcpDisplay() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort() - 6000;
        }
    }

    private record Result(int exit, String out, String err) {}

    private static Result runMain(Map<String, String> env) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb =
                new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the window start did not exit within 60 s");
        }
        return new Result(
                p.exitValue(),
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
