package ai.cinboard.app.cli;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.settings.SettingsRegistry;
import ai.cinboard.persistence.Database;
import ai.cinboard.pipeline.PhaseListener;
import ai.cinboard.pipeline.RenderQueue;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code worker [--concurrency N] [--name NAME]}: a headless render worker. It takes render units from the job
 * engine on the team's PostgreSQL, renders them with this machine's engines into the shared S3 store, and logs
 * each unit it takes and finishes. SIGTERM (or Ctrl+C) stops it cleanly: no new units, the running ones finish
 * (or, after CINBOARD_WORKER_STOP_GRACE_MS, a minute by default, are handed back for the next worker, their attempt uncounted), and it leaves the list of online workers.
 */
@Command(
        name = "worker",
        description = "Run a headless render worker against the team's database (CINBOARD_DB_URL), S3 store and"
                + " Redis: it takes queued render units (render --queue) and logs each one. Stops cleanly on"
                + " SIGTERM or Ctrl+C.")
public final class WorkerCommand implements Callable<Integer> {
    @Option(
            names = "--concurrency",
            paramLabel = "N",
            description = "How many units to run at once (1 to 64, default 1).")
    int concurrency = 1;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "This worker's name in the queue and in jobs, up to 50 characters, unique among the workers"
                    + " online (default: host name and process id).")
    String name;

    @ParentCommand
    StudioCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The job engine keeps 50 characters of the name of the worker running a unit; a longer one would not match. */
    static final int MAX_NAME = 50;

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Override
    public Integer call() throws Exception {
        if (concurrency < 1 || concurrency > 64) {
            throw new StudioException("--concurrency " + concurrency + " is out of range: use 1 to 64.");
        }
        String workerName = name != null ? name.strip() : defaultName();
        if (workerName.isEmpty() || workerName.length() > MAX_NAME || !workerName.matches("[\\p{L}\\p{N}._:@-]+")) {
            throw new StudioException("--name must be 1 to " + MAX_NAME + " letters, digits or . _ : @ - (no spaces).");
        }
        var config = parent.config();
        if (!config.isSet(SettingsRegistry.DB_URL)) {
            throw new StudioException("A worker needs the team's database: set CINBOARD_DB_URL (the embedded database"
                    + " is this machine's alone, so no studio could queue work for it).");
        }
        if (!config.isSet(SettingsRegistry.S3_BUCKET)) {
            throw new StudioException("A worker needs the team's media store: set CINBOARD_S3_BUCKET (media on local"
                    + " disk would be invisible to the studios that queued the render).");
        }
        if (!config.isSet(SettingsRegistry.DB_POOL_SIZE)) {
            // Each running unit holds a connection at times, and the engine polls and beats beside them.
            config = parent.config(Map.of(SettingsRegistry.DB_POOL_SIZE.name(), String.valueOf(concurrency + 5)));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LostConnectionReports.install();
        try (Studio studio = Studio.open(config)) {
            requireAllProjects(studio.database());
            RenderQueue queue = studio.renderQueue();
            RenderQueue.WorkerSettings settings = new RenderQueue.WorkerSettings(
                    workerName,
                    concurrency,
                    Duration.ofMillis(config.value(SettingsRegistry.WORKER_HEARTBEAT_MS)),
                    Duration.ofMillis(config.value(SettingsRegistry.WORKER_POLL_MS)),
                    Duration.ofMillis(config.value(SettingsRegistry.WORKER_STOP_GRACE_MS)),
                    false);
            // The JVM waits for the running units to finish or be handed back, and the worker to leave the list.
            Duration grace =
                    settings.finishOnStop().plus(RenderQueue.Worker.HAND_BACK).plusSeconds(30);
            try (UntilStopped stopped = new UntilStopped("worker-stop", grace)) {
                try (RenderQueue.Worker worker =
                        queue.startWorker(settings, PhaseListener.NONE, line -> log(out, line))) {
                    log(
                            out,
                            "worker " + worker.name() + " started: " + concurrency + " at a time, database "
                                    + studio.database().describeUrl() + ", images from "
                                    + studio.imageEngineIdentity());
                    stopped.await();
                    log(out, "stopping: finishing the running units");
                } finally {
                    log(out, "worker " + workerName + " stopped");
                }
            }
        }
        err.flush();
        return 0;
    }

    private static void log(PrintWriter out, String line) {
        synchronized (out) {
            out.println(LocalTime.now().format(CLOCK) + "  " + line);
            out.flush();
        }
    }

    private static String defaultName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "worker";
        }
        String pid = "-" + ProcessHandle.current().pid();
        return host.substring(0, Math.min(host.length(), MAX_NAME - pid.length())) + pid;
    }

    /** A worker renders every user's projects, so row-level security must not hide any of them from it. */
    private static void requireAllProjects(Database database) {
        try (Connection c = database.dataSource().getConnection()) {
            Database.requireAllRows(c, "a worker would not see the projects it is asked to render", "a worker");
        } catch (SQLException e) {
            throw new StudioException("Could not check the worker's database role: " + e.getMessage(), e);
        }
    }
}
