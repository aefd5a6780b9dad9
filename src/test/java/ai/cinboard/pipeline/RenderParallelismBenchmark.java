package ai.cinboard.pipeline;

import ai.cinboard.app.Studio;
import ai.cinboard.testing.TestStudios;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Renders one sample story from scratch at 1280x720, 24 fps, first with 1 render thread and then with 2 (the
 * {@code encoderThreads} that animate and encode scene clips at once and encode composition pieces), each on a fresh
 * studio and database so nothing is reused, and prints the phase timings and the speed-up. Not a test: run with
 * {@code mvn -o -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=ai.cinboard.pipeline.RenderParallelismBenchmark [-Dexec.args=assets/samples/FILE]}.
 */
public final class RenderParallelismBenchmark {

    public static void main(String[] args) throws Exception {
        Path story = Path.of(args.length > 0 ? args[0] : "assets/samples/the-lighthouse-keepers-daughter.fountain");
        System.out.printf(
                Locale.ROOT,
                "%s, %d cores, load average %s%n",
                story,
                Runtime.getRuntime().availableProcessors(),
                load());
        double[] wall = new double[3];
        for (int threads = 1; threads <= 2; threads++) {
            Path home = TestStudios.tempHome();
            try (Studio studio = TestStudios.open(home)) {
                int id = studio.intake()
                        .run(
                                new StoryInput(
                                        Files.readAllBytes(story),
                                        story.getFileName().toString(),
                                        studio.localUserId(),
                                        null,
                                        null,
                                        "benchmark"),
                                PhaseListener.NONE)
                        .projectId();
                long t0 = System.nanoTime();
                long cpu0 = processCpuNanos();
                RenderPipeline.Result r = studio.render(
                                new RenderSettings(1280, 720, 24, 3, home.resolve("work"), threads))
                        .run(id, RenderPlan.MISSING_ONLY, PhaseListener.NONE);
                wall[threads] = (System.nanoTime() - t0) / 1e9;
                double cpu = (processCpuNanos() - cpu0) / 1e9;
                StringBuilder phases = new StringBuilder();
                for (Map.Entry<String, Long> e : r.phaseMillis().entrySet()) {
                    phases.append(String.format(Locale.ROOT, " %s %.1f s", e.getKey(), e.getValue() / 1e3));
                }
                // CPU seconds per wall second: how many cores the render really got on this (shared) machine
                System.out.printf(
                        Locale.ROOT,
                        "%d thread(s): %.1f s of video in %.1f s (%.2f s of video per second); "
                                + "CPU %.1f s = %.2f cores used;%s (load %s)%n",
                        threads,
                        r.durationSeconds(),
                        wall[threads],
                        r.durationSeconds() / wall[threads],
                        cpu,
                        cpu / wall[threads],
                        phases,
                        load());
            }
        }
        System.out.printf(
                Locale.ROOT,
                "RESULT render 1 thread %.1f s | 2 threads %.1f s | speed-up %.2fx%n",
                wall[1],
                wall[2],
                wall[1] / wall[2]);
    }

    /** CPU time of this JVM, all threads, including native encoding (OpenH264 runs on the calling thread). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
