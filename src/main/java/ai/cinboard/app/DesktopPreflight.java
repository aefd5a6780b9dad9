package ai.cinboard.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the window needs from the machine, checked before JavaFX (or the database) starts: a display, and
 * GTK 3, which JavaFX's glass toolkit loads on Linux. Without them JavaFX dies with a stack trace ("Unable
 * to open DISPLAY", "Unable to load glass GTK library"); this says in one line what to do instead. Only
 * Linux is checked: elsewhere the toolkit uses the system's own windowing.
 */
final class DesktopPreflight {
    static final String GTK_LIBRARY = "libgtk-3.so.0";
    static final String GTK_PACKAGE = "libgtk-3-0";

    private static final Pattern X11_DISPLAY = Pattern.compile("^(?:([^/:]*)/)?([^:]*):(\\d+)(?:\\.\\d+)?$");
    private static final int CONNECT_TIMEOUT_MS = 1500;

    private final Map<String, String> env;
    private final String osName;
    private final Predicate<String> libraryPresent;
    private final Predicate<String> x11Reachable;

    DesktopPreflight(
            Map<String, String> env, String osName, Predicate<String> libraryPresent, Predicate<String> x11Reachable) {
        this.env = env;
        this.osName = osName;
        this.libraryPresent = libraryPresent;
        this.x11Reachable = x11Reachable;
    }

    static DesktopPreflight ofThisMachine() {
        Map<String, String> env = System.getenv();
        return new DesktopPreflight(
                env,
                System.getProperty("os.name", ""),
                soname -> libraryPresent(soname, librarySearchPath(env)),
                display -> x11Reachable(display, Path.of("/tmp/.X11-unix")));
    }

    /** The one line to print instead of starting the window, or empty when the window can start. */
    Optional<String> problem() {
        if (!osName.toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.empty();
        }
        String display = blankToNull(env.get("DISPLAY"));
        String wayland = blankToNull(env.get("WAYLAND_DISPLAY"));
        if (display == null && wayland == null) {
            return Optional.of("error: the studio window needs a display, and neither DISPLAY nor WAYLAND_DISPLAY"
                    + " is set; start it in a desktop session (or under xvfb-run); the command line works"
                    + " without a display: give it a command, e.g. --help");
        }
        if (display != null && wayland == null && !x11Reachable.test(display)) {
            return Optional.of("error: the studio window cannot reach the display DISPLAY=" + display
                    + " (no X server answers there); fix DISPLAY or start the X server; the command line works"
                    + " without a display: give it a command, e.g. --help");
        }
        if (!libraryPresent.test(GTK_LIBRARY)) {
            return Optional.of("error: the studio window needs GTK 3 (" + GTK_LIBRARY + " was not found); install"
                    + " the package " + GTK_PACKAGE + " (sudo apt-get install " + GTK_PACKAGE + "); the command"
                    + " line works without it: give it a command, e.g. --help");
        }
        return Optional.empty();
    }

    /**
     * Whether an X server answers on the display: "[host]:n[.screen]" connects to the Unix socket Xn in
     * {@code socketDir} (or the abstract socket of that name, which Linux lists in /proc/net/unix) when no
     * host is given, and to TCP port 6000 + n on the host otherwise. A DISPLAY this can't parse is left for
     * the toolkit to judge.
     */
    static boolean x11Reachable(String display, Path socketDir) {
        Matcher m = X11_DISPLAY.matcher(display.strip());
        if (!m.matches()) {
            return true;
        }
        String host = m.group(2);
        int number;
        try {
            number = Integer.parseInt(m.group(3));
        } catch (NumberFormatException e) {
            return true;
        }
        if (host.isEmpty() || host.equals("unix")) {
            Path socket = socketDir.resolve("X" + number);
            if (Files.exists(socket)) {
                try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    ch.connect(UnixDomainSocketAddress.of(socket));
                    return true;
                } catch (IOException | UnsupportedOperationException e) {
                    return false;
                }
            }
            return abstractSocketListed(socketDir.resolve("X" + number).toString());
        }
        if (number > 65535 - 6000) {
            return false;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, 6000 + number), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean abstractSocketListed(String name) {
        Path table = Path.of("/proc/net/unix");
        if (!Files.isReadable(table)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(table)) {
            return lines.anyMatch(l -> l.endsWith(" @" + name));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /** Whether a shared library of that name is in one of the directories the dynamic linker searches. */
    static boolean libraryPresent(String soname, List<Path> dirs) {
        return dirs.stream().anyMatch(d -> Files.exists(d.resolve(soname)));
    }

    /** LD_LIBRARY_PATH, the directories /etc/ld.so.conf.d names, and the usual multiarch defaults. */
    static List<Path> librarySearchPath(Map<String, String> env) {
        List<Path> dirs = new ArrayList<>();
        String ld = env.get("LD_LIBRARY_PATH");
        if (ld != null) {
            for (String d : ld.split(":")) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        Path confDir = Path.of("/etc/ld.so.conf.d");
        if (Files.isDirectory(confDir)) {
            try (Stream<Path> confs = Files.list(confDir)) {
                for (Path conf :
                        confs.filter(p -> p.toString().endsWith(".conf")).toList()) {
                    for (String line : Files.readAllLines(conf)) {
                        String l = line.strip();
                        if (l.startsWith("/")) {
                            dirs.add(Path.of(l));
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // An unreadable configuration only narrows the search to the defaults below.
            }
        }
        for (String d : List.of(
                "/lib/x86_64-linux-gnu",
                "/usr/lib/x86_64-linux-gnu",
                "/lib/aarch64-linux-gnu",
                "/usr/lib/aarch64-linux-gnu",
                "/lib64",
                "/usr/lib64",
                "/lib",
                "/usr/lib",
                "/usr/local/lib")) {
            dirs.add(Path.of(d));
        }
        return dirs;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
