package ai.cinboard.persistence;

import ai.cinboard.app.Studio;
import ai.cinboard.app.StudioConfig;
import ai.cinboard.domain.Keyframe;
import ai.cinboard.pipeline.PhaseListener;
import ai.cinboard.pipeline.RenderPipeline;
import ai.cinboard.pipeline.RenderPlan;
import ai.cinboard.pipeline.StoryInput;
import ai.cinboard.pipeline.StudioProjectService;
import ai.cinboard.testing.TestStudios;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What durability costs: the same studio work on an embedded server with the studio's settings (fsync,
 * synchronous_commit and full_page_writes on, {@link EmbeddedPostgresServer#DURABLE}) and with zonky's test settings
 * (all off). Per run: a fresh server with its data on the build disk (not tmpfs), "The Last Ferry" taken in, rendered
 * by the offline engine at 320x180 (the render path), then 500 keyframe edits through the window's service, each in
 * its own transaction (the edit path). Runs alternate on/off to spread the machine's load. Prints every run, the
 * medians and the on/off ratios. Not a test: run with {@code mvn -B -q test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=ai.cinboard.persistence.FsyncCostBenchmark [-Dexec.args=ROUNDS]}.
 */
public final class FsyncCostBenchmark {
    private static final int EDITS = 500;

    private record Run(
            boolean durable,
            double renderSeconds,
            long renderCommits,
            double editSeconds,
            double p50Ms,
            double p99Ms) {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        System.out.printf(
                Locale.ROOT,
                "fsync cost: %d rounds, %d cores, load average %s%n",
                rounds,
                Runtime.getRuntime().availableProcessors(),
                load());
        List<Run> runs = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (boolean durable : round % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                Run r = measure(durable);
                runs.add(r);
                System.out.printf(
                        Locale.ROOT,
                        "fsync %-3s render %.1f s (%d commits) | %d edits %.2f s, per edit p50 %.2f ms p99 %.2f ms"
                                + " (load %s)%n",
                        durable ? "on" : "off",
                        r.renderSeconds(),
                        r.renderCommits(),
                        EDITS,
                        r.editSeconds(),
                        r.p50Ms(),
                        r.p99Ms(),
                        load());
            }
        }
        double renderOn = median(runs, true, Run::renderSeconds);
        double renderOff = median(runs, false, Run::renderSeconds);
        double editOn = median(runs, true, Run::editSeconds);
        double editOff = median(runs, false, Run::editSeconds);
        double commits = median(runs, true, r -> (double) r.renderCommits());
        double perCommitMs = (editOn - editOff) * 1000 / EDITS;
        System.out.printf(
                Locale.ROOT,
                "RESULT edit path (%d edits): on %.2f s, off %.2f s, ratio %.2fx (%.2f ms more per edit)%n",
                EDITS,
                editOn,
                editOff,
                editOn / editOff,
                perCommitMs);
        System.out.printf(
                Locale.ROOT,
                "RESULT render path (offline, 320x180): on %.1f s, off %.1f s, ratio %.2fx; its %.0f commits at %.2f ms"
                        + " each = about %.2f s of fsync%n",
                renderOn,
                renderOff,
                renderOn / renderOff,
                commits,
                perCommitMs,
                commits * perCommitMs / 1000);
    }

    private static Run measure(boolean durable) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "fsync-bench");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("db"))
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1");
        EmbeddedPostgresServer.DURABLE.forEach((k, v) -> builder.setServerConfig(k, durable ? v : "off"));
        try (EmbeddedPostgres pg = builder.start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection();
                    Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE cinboard");
                try (ResultSet rs = st.executeQuery("SHOW fsync")) {
                    rs.next();
                    if (!rs.getString(1).equals(durable ? "on" : "off")) {
                        throw new IllegalStateException("fsync is " + rs.getString(1));
                    }
                }
            }
            Path home = dir.resolve("home");
            Map<String, String> env = new HashMap<>();
            env.put("CINBOARD_HOME", home.toString());
            env.put("CINBOARD_DB_URL", "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/cinboard");
            env.put("CINBOARD_DB_USER", "postgres");
            try (Studio studio = Studio.open(StudioConfig.load(env))) {
                int id = studio.intake()
                        .run(
                                new StoryInput(
                                        TestStudios.story("ferry.fountain"),
                                        "ferry.fountain",
                                        studio.localUserId(),
                                        null,
                                        null,
                                        "benchmark"),
                                PhaseListener.NONE)
                        .projectId();
                RenderPipeline render = studio.render(TestStudios.smallRender(home));
                long commits0 = commits(pg);
                long t0 = System.nanoTime();
                render.run(id, RenderPlan.MISSING_ONLY, PhaseListener.NONE);
                double renderSeconds = (System.nanoTime() - t0) / 1e9;
                long renderCommits = commits(pg) - commits0 - 1;

                List<Keyframe> keyframes = new ProjectRepository(studio.database())
                        .load(id)
                        .orElseThrow()
                        .keyframes();
                StudioProjectService edits = studio.projectEdits(studio.localUserId());
                double[] latencies = new double[EDITS];
                long t1 = System.nanoTime();
                for (int i = 0; i < EDITS; i++) {
                    Keyframe k = keyframes.get(i % keyframes.size());
                    long s = System.nanoTime();
                    edits.updateKeyframe(
                            k.id(), "Take " + i + ": rain on the boards, the rope slips.", k.timingSeconds());
                    latencies[i] = (System.nanoTime() - s) / 1e6;
                }
                double editSeconds = (System.nanoTime() - t1) / 1e9;
                Arrays.sort(latencies);
                return new Run(
                        durable,
                        renderSeconds,
                        renderCommits,
                        editSeconds,
                        latencies[EDITS / 2],
                        latencies[(int) (EDITS * 0.99)]);
            }
        }
    }

    /**
     * Transaction ids handed out so far: one per transaction that wrote, i.e. per commit that must reach the WAL on
     * disk (read-only transactions get none). The probe takes one itself, subtracted by the caller's delta.
     */
    private static long commits(EmbeddedPostgres pg) throws Exception {
        try (Connection c = pg.getDatabase("postgres", "cinboard").getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_current_xact_id()::text::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double median(List<Run> runs, boolean durable, java.util.function.ToDoubleFunction<Run> f) {
        double[] v = runs.stream()
                .filter(r -> r.durable() == durable)
                .mapToDouble(f)
                .sorted()
                .toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
