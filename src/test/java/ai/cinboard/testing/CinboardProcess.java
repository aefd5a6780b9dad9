package ai.cinboard.testing;

import ai.cinboard.app.Main;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The studio's command line in a JVM of its own, as a teammate's machine or a render box would run it. */
public final class CinboardProcess {
    private CinboardProcess() {}

    /**
     * {@code cinboard ARGS} with {@code env} on top of this process's environment, less the studio's own settings.
     * The product's classpath, without the test classes: their logging set-up writes to stdout, and stdout must
     * carry only what the command prints (the product logs to stderr).
     */
    public static ProcessBuilder builder(Map<String, String> env, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(java, "-cp", classpath, Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("CINBOARD_"));
        pb.environment().putAll(env);
        return pb;
    }
}
