package ai.cinboard.media.ffmpeg;

import ai.cinboard.domain.StudioException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;

/**
 * The {@code ffmpeg} program of the bundled org.bytedeco build (the same libraries the in-process encoders use),
 * for filter graphs that are simplest as a command line: loudness measurement ({@code ebur128}), gain and
 * true-peak limiting, and decoding a music file to PCM with loops and fades.
 */
final class FfmpegTool {
    private static volatile String executable;

    private FfmpegTool() {}

    static String executable() {
        String e = executable;
        if (e == null) {
            try {
                e = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
            } catch (UnsatisfiedLinkError | RuntimeException ex) {
                throw new StudioException("The bundled FFmpeg program can't be loaded (" + ex.getMessage()
                        + "). Reinstall CinBoard Studio; the org.bytedeco ffmpeg jar for this platform is missing.");
            }
            executable = e;
        }
        return e;
    }

    /** Runs ffmpeg with these arguments (after {@code -hide_banner -nostats}) and returns what it wrote to stderr. */
    static String run(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable());
        cmd.add("-hide_banner");
        cmd.add("-nostats");
        cmd.add("-nostdin");
        cmd.addAll(args);
        Process p;
        try {
            p = process(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new StudioException("The bundled FFmpeg program can't be started: " + e.getMessage()
                    + ". Check that the JavaCPP cache folder (~/.javacpp/cache) is writable.");
        }
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try {
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new StudioException("FFmpeg took more than 30 minutes on one audio step and was stopped.");
            }
            String stderr = err.join();
            if (p.exitValue() != 0) {
                throw new StudioException("FFmpeg failed (exit " + p.exitValue() + "): " + lastLine(stderr));
            }
            return stderr;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new StudioException("Cancelled while FFmpeg was working.", e);
        }
    }

    /**
     * The program links against the libraries unpacked beside it (libva among them), which carry no run path: the
     * JVM's copy of FFmpeg finds them because JavaCPP loads each one by its full path first, but a child process
     * only finds them through the loader's search path. Without this it ran only where Debian's libva2 happened to
     * be installed. {@code command} starts with {@link #executable()}.
     */
    static ProcessBuilder process(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        String dir = java.nio.file.Path.of(executable()).getParent().toString();
        String inherited = pb.environment().get("LD_LIBRARY_PATH");
        pb.environment().put("LD_LIBRARY_PATH", inherited == null || inherited.isBlank() ? dir : dir + ":" + inherited);
        return pb;
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }
}
