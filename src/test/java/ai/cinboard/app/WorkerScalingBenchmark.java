package ai.cinboard.app;

import ai.cinboard.generation.remote.FakeHttpServer;
import ai.cinboard.generation.remote.FakeHttpServer.Reply;
import ai.cinboard.generation.remote.TestImages;
import ai.cinboard.pipeline.PhaseListener;
import ai.cinboard.pipeline.RenderQueue;
import ai.cinboard.testing.RedisFixture;
import ai.cinboard.testing.RenderTeam;
import ai.cinboard.testing.S3Fixture;
import ai.cinboard.testing.TestStudios;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Render workers on the job engine: a 12-scene story rendered through 1, 2 and 4 workers against an
 * OpenAI-compatible image server that answers each request after 1 s, so the work is bound by the engine as with
 * real AI servers, not by this machine's cores. Prints scenes per minute and the speed-up, the engine's overhead per
 * unit (wall time not spent inside units, with one worker), and the database load of idle workers.
 *
 * <p>By default the workers run in this JVM (one scheduler each, as the {@code worker} command starts it) on one
 * PostgreSQL database and local media. With the argument {@code processes} each is a {@code cinboard worker} JVM of
 * its own, as on a team: on S3 (S3Proxy) and Redis, with the default heartbeat, polling and per-process engine limit.
 * The clips and the voiceover are the offline engine's, encoded on this machine.
 */
public final class WorkerScalingBenchmark {
    private static final int SCENES = 12;
    private static final long IMAGE_LATENCY_MS = 1000;
    private static final Pattern FINISHED = Pattern.compile("finished \\d+/([a-z]+)\\S* in ([0-9.]+) s");

    public static void main(String[] args) throws Exception {
        boolean processes = args.length > 0 && args[0].equals("processes");
        System.out.println(processes ? "workers: JVMs of their own, on S3 and Redis" : "workers: in this JVM");
        try (FakeHttpServer server = new FakeHttpServer()) {
            server.on("POST /v1/images/generations", r -> {
                byte[] png = TestImages.png(64, 36, TestImages.colourFor(r.text()));
                String b64 = Base64.getEncoder().encodeToString(png);
                return Reply.json(200, "{\"data\":[{\"b64_json\":\"" + b64 + "\"}]}")
                        .delayed(IMAGE_LATENCY_MS);
            });
            Map<Integer, Double> perMinute = new HashMap<>();
            for (int workers : new int[] {1, 2, 4}) {
                perMinute.put(workers, processes ? runProcesses(server, workers) : run(server, workers));
            }
            double one = perMinute.get(1);
            for (int n : new int[] {2, 4}) {
                System.out.printf(
                        "%d workers: %.2f× the throughput of one (target ≥ %.1f×)%n",
                        n, perMinute.get(n) / one, 0.8 * n);
            }
            System.out.printf(
                    "load average %.1f on %d cores%n",
                    loadAverage(), Runtime.getRuntime().availableProcessors());
        }
    }

    private static double run(FakeHttpServer server, int workers) throws Exception {
        Path home = TestStudios.tempHome();
        Map<String, String> env = new HashMap<>(TestStudios.environment(home));
        env.put("CINBOARD_IMAGE_ENGINE", "openai");
        env.put("CINBOARD_OPENAI_BASE_URL", server.uri("/v1").toString());
        env.put("CINBOARD_OPENAI_IMAGE_MODEL", "sd-turbo");
        env.put("CINBOARD_RENDER_RESOLUTION", "320x180");
        env.put("CINBOARD_RENDER_FPS", "12");
        env.put("CINBOARD_DB_POOL_SIZE", "24");
        // The workers share this JVM's one engine client, whose in-flight limit (2 by default) is per process; real
        // workers are processes of their own, each with its own limit.
        env.put("CINBOARD_OPENAI_MAX_CONCURRENCY", "8");
        try (Studio studio = Studio.open(StudioConfig.load(env))) {
            int project = ai.cinboard.testing.TestStudios.intake(
                    studio, story().getBytes(StandardCharsets.UTF_8), "twelve-stops.fountain");
            RenderQueue queue = studio.renderQueue();
            AtomicLong insideUnits = new AtomicLong();
            Map<String, List<Double>> byKind = new java.util.concurrent.ConcurrentHashMap<>();
            List<RenderQueue.Worker> started = new ArrayList<>();
            try {
                for (int i = 1; i <= workers; i++) {
                    started.add(queue.startWorker(
                            new RenderQueue.WorkerSettings(
                                    "bench-" + i, 1, Duration.ofSeconds(5), RenderQueue.WorkerSettings.DEFAULT_POLLING),
                            PhaseListener.NONE,
                            line -> {
                                Matcher m = FINISHED.matcher(line);
                                if (m.find()) {
                                    double unitSeconds = Double.parseDouble(m.group(2));
                                    insideUnits.addAndGet(Math.round(unitSeconds * 1000));
                                    byKind.computeIfAbsent(
                                                    m.group(1), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                                            .add(unitSeconds);
                                }
                            }));
                }
                double seconds = render(queue, project);
                return report(server, workers, seconds, byKind, insideUnits.get(), studio);
            } finally {
                started.forEach(RenderQueue.Worker::close);
            }
        }
    }

    /** Queues the project's render and waits for the workers to finish it; its wall time in seconds. */
    private static double render(RenderQueue queue, int project) throws InterruptedException {
        long start = System.nanoTime();
        queue.enqueue(project);
        while (queue.pending(project)) {
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!queue.upToDate(project)) {
            throw new IllegalStateException("the render did not finish: " + queue.units(project));
        }
        return seconds;
    }

    /** Prints the run's figures and the idle workers' load; returns scenes per minute. */
    private static double report(
            FakeHttpServer server,
            int workers,
            double seconds,
            Map<String, List<Double>> byKind,
            long insideUnitsMillis,
            Studio studio)
            throws Exception {
        // the units that ran: those stale when queued, and the mastering, stale once the voiceover was made
        int units = byKind.values().stream().mapToInt(List::size).sum();
        double perMinute = SCENES / (seconds / 60);
        System.out.printf(
                "%d worker(s): %d units, %.1f s, %.1f scenes per minute; %d image requests so far, at most %d at once%n",
                workers,
                units,
                seconds,
                perMinute,
                server.requests("/v1/images/generations").size(),
                server.maxInFlight());
        byKind.forEach((kind, times) -> System.out.printf(
                "  %-12s %2d unit(s), mean %.1f s, longest %.1f s%n",
                kind,
                times.size(),
                times.stream().mapToDouble(Double::doubleValue).average().orElse(0),
                times.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
        if (workers == 1) {
            System.out.printf(
                    "  engine overhead per unit (one worker, wall time outside units / units): %.0f ms%n",
                    (seconds * 1000 - insideUnitsMillis) / units);
        }
        idleLoad(studio, workers);
        return perMinute;
    }

    /**
     * The same render on {@code workers} worker JVMs, started and online before it is queued; what they did is read
     * from their logs.
     */
    private static double runProcesses(FakeHttpServer server, int workers) throws Exception {
        // a store and a cache of the run's own: a shared Redis would hand this run the images of the one before
        try (S3Fixture s3 = new S3Fixture();
                RedisFixture redis = new RedisFixture()) {
            return runProcesses(server, workers, s3, redis);
        }
    }

    private static double runProcesses(FakeHttpServer server, int workers, S3Fixture s3, RedisFixture redis)
            throws Exception {
        Map<String, String> env = new HashMap<>(RenderTeam.environment(TestStudios.tempHome(), s3, redis));
        env.remove("CINBOARD_WORKER_HEARTBEAT_MS"); // a team's defaults, not the tests' quicker ones
        env.remove("CINBOARD_WORKER_POLL_MS");
        env.put("CINBOARD_IMAGE_ENGINE", "openai");
        env.put("CINBOARD_OPENAI_BASE_URL", server.uri("/v1").toString());
        env.put("CINBOARD_OPENAI_IMAGE_MODEL", "sd-turbo");
        try (Studio studio = Studio.open(StudioConfig.load(env))) {
            int project = ai.cinboard.testing.TestStudios.intake(
                    studio, story().getBytes(StandardCharsets.UTF_8), "twelve-stops.fountain");
            RenderQueue queue = studio.renderQueue();
            List<RenderTeam.Worker> started = new ArrayList<>();
            try {
                for (int i = 1; i <= workers; i++) {
                    started.add(RenderTeam.startWorker(env, "bench-" + i));
                }
                long giveUp = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (queue.onlineWorkers().size() < workers) {
                    if (System.nanoTime() > giveUp) {
                        throw new IllegalStateException("the workers did not come online:\n"
                                + started.stream().map(RenderTeam.Worker::log).reduce("", String::concat));
                    }
                    Thread.sleep(100);
                }
                double seconds = render(queue, project);
                Map<String, List<Double>> byKind = new java.util.TreeMap<>();
                long insideUnits = 0;
                for (RenderTeam.Worker w : started) {
                    for (String line : w.log().lines().toList()) {
                        Matcher m = FINISHED.matcher(line);
                        if (m.find()) {
                            double unitSeconds = Double.parseDouble(m.group(2));
                            insideUnits += Math.round(unitSeconds * 1000);
                            byKind.computeIfAbsent(m.group(1), k -> new ArrayList<>())
                                    .add(unitSeconds);
                        }
                    }
                }
                return report(server, workers, seconds, byKind, insideUnits, studio);
            } finally {
                for (RenderTeam.Worker w : started) {
                    w.process().destroy(); // SIGTERM: the worker stops cleanly
                }
                for (RenderTeam.Worker w : started) {
                    if (!w.process().waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
                        w.process().destroyForcibly();
                    }
                }
            }
        }
    }

    /** Transactions the idle workers make per second, from PostgreSQL's own counters over 10 s. */
    private static void idleLoad(Studio studio, int workers) throws Exception {
        try (Connection c = studio.database().dataSource().getConnection();
                Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            long before = transactions(st);
            Thread.sleep(10_000);
            long after = transactions(st);
            double perSecond = (after - before - 2) / 10.0; // less the two statements of this measurement in between
            System.out.printf(
                    "  idle: %.1f transactions per second for %d worker(s) (%.1f each)%n",
                    perSecond, workers, perSecond / workers);
        }
    }

    private static long transactions(Statement st) throws Exception {
        st.execute("SELECT pg_stat_clear_snapshot()");
        try (ResultSet rs = st.executeQuery(
                "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String story() {
        StringBuilder s = new StringBuilder("Title: Twelve Stops\n\n");
        for (int i = 1; i <= SCENES; i++) {
            s.append(i % 2 == 0 ? "EXT." : "INT.")
                    .append(" STOP ")
                    .append(i)
                    .append(i % 3 == 0 ? " - NIGHT" : " - DAY")
                    .append("\n\n");
            s.append(i % 2 == 0 ? "TOMAS" : "MARA")
                    .append(" waits by the window of stop ")
                    .append(i)
                    .append(", counting the boats.\n\n");
            s.append(i % 2 == 0 ? "TOMAS" : "MARA")
                    .append("\nStop number ")
                    .append(i)
                    .append(".\n\n");
        }
        return s.toString();
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
