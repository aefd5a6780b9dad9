package ai.cinboard.text.breakdown;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The load average, printed beside benchmark figures since the machine's cores are shared. */
final class BenchmarkLoad {
    private BenchmarkLoad() {}

    static String uptime() {
        try {
            return Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8)
                    .strip();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
