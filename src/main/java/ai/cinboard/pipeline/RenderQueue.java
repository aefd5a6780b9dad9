package ai.cinboard.pipeline;

import ai.cinboard.domain.RenderWorker;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.UnitState;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.mapper.RenderUnitMapper;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Renders as units on the job engine, db-scheduler, over the project's PostgreSQL: what the studio queues and what
 * {@link Worker}s take. The engine holds the queue (one {@code scheduled_tasks} row per queued unit, picked with
 * {@code FOR UPDATE SKIP LOCKED}, heartbeated while it runs, revived elsewhere when its worker dies, retried after
 * a failure). What is queued comes from the fingerprints: only stale units, and only once their inputs are up to
 * date ({@link Staleness#readyUnits}). A worker that finishes a unit queues whatever that made ready, so the
 * dependencies are honoured without the engine knowing them.
 */
public final class RenderQueue {
    static final String TASK = "render-unit";
    private static final TaskDescriptor<Void> UNIT = TaskDescriptor.of(TASK);
    /** A unit runs at most this often: the first run and two retries (a dead worker's run counts as one). */
    public static final int MAX_ATTEMPTS = 3;

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    /** A worker missing this many heartbeats in a row is dead, and its unit runs again elsewhere. */
    static final int MISSED_HEARTBEATS = 4;

    private final Database database;
    private final RenderPipeline pipeline;
    private final DataSource engineData;
    private final SchedulerClient client;

    public RenderQueue(Database database, RenderPipeline pipeline) {
        this.database = database;
        this.pipeline = pipeline;
        this.engineData = autoCommitting(database.dataSource());
        this.client = SchedulerClient.Builder.create(engineData).build();
    }

    /** What {@link #enqueue} did: the project's stale units, those that could be queued at once, and the workers. */
    public record Queued(
            int projectId, List<RenderUnit> stale, List<RenderUnit> queuedNow, List<RenderWorker> online) {}

    /** Queues the project's stale units that can run now; the rest follow as workers finish what they wait on. */
    public Queued enqueue(int projectId) {
        Staleness plan = pipeline.staleness(projectId); // also checks that the project can be rendered
        List<RenderUnit> stale = plan.staleUnits(projectId);
        List<RenderUnit> now = queueReady(projectId);
        return new Queued(projectId, stale, now, onlineWorkers());
    }

    /**
     * Queues the project's ready units that the engine doesn't already hold. One checker at a time per project
     * (a PostgreSQL advisory lock, across processes): the last of two workers finishing the last two scenes at
     * once always sees both done, so the composition is never forgotten; a unit already queued or running is
     * not queued twice (the engine's key is the unit's).
     */
    synchronized List<RenderUnit> queueReady(int projectId) {
        try (Connection c = engineData.getConnection()) {
            advisoryLock(c, "pg_advisory_lock", projectId);
            try {
                List<RenderUnit> queued = new ArrayList<>();
                Instant now = Instant.now();
                for (RenderUnit unit : pipeline.staleness(projectId).readyUnits(projectId)) {
                    if (client.scheduleIfNotExists(UNIT.instance(unit.key()).scheduledTo(now))) {
                        queued.add(unit);
                    }
                }
                return queued;
            } finally {
                advisoryLock(c, "pg_advisory_unlock", projectId);
            }
        } catch (SQLException e) {
            throw new StudioException("Could not queue the render of project " + projectId + ": " + e.getMessage(), e);
        }
    }

    private static void advisoryLock(Connection c, String function, int projectId) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement("SELECT " + function + "(hashtext('cinboard.render-queue'), ?)")) {
            st.setInt(1, projectId);
            st.execute();
        }
    }

    /** Every unit of the project: queued, running (and by which worker) or finished, with its attempts. */
    public List<UnitState> units(int projectId) {
        return database.read(s -> s.getMapper(RenderUnitMapper.class).units(projectId, TASK));
    }

    /** Whether the engine still holds units of the project (queued, running or waiting to be retried). */
    public boolean pending(int projectId) {
        return database.read(s -> s.getMapper(RenderUnitMapper.class).pendingUnits(projectId + "/", TASK)) > 0;
    }

    /** Whether nothing of the project is stale: the queued render is done. */
    public boolean upToDate(int projectId) {
        return !pipeline.staleness(projectId).anythingStale();
    }

    /** Workers seen within three of the default heartbeats. */
    public List<RenderWorker> onlineWorkers() {
        double seconds = 3 * WorkerSettings.DEFAULT_HEARTBEAT.toMillis() / 1000.0;
        return database.read(s -> s.getMapper(RenderUnitMapper.class).onlineWorkers(seconds));
    }

    /** How a worker runs: its name in the engine, how many units at once, its heartbeat and how often it polls. */
    public record WorkerSettings(String name, int concurrency, Duration heartbeat, Duration polling) {
        public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);
        public static final Duration DEFAULT_POLLING = Duration.ofSeconds(1);
    }

    /**
     * Starts a worker in this process: the engine's scheduler takes units (at most {@code concurrency} at once) and
     * runs them through {@link RenderPipeline#runUnit}; {@code log} hears each unit it takes and finishes.
     */
    public Worker startWorker(WorkerSettings settings, PhaseListener listener, Consumer<String> log) {
        OneTimeTask<Void> task = Tasks.oneTime(UNIT)
                .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(
                        MAX_ATTEMPTS - 1, new FailureHandler.OnFailureRetryLater<>(RETRY_AFTER)))
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    RenderUnit unit = RenderUnit.parse(instance.getId());
                    int attempt = context.getExecution().consecutiveFailures + 1;
                    log.accept("took " + unit.key() + " (attempt " + attempt + ")");
                    database.useTransaction(
                            s -> s.getMapper(RenderUnitMapper.class).orphansInterrupted(unit.projectId(), unit.key()));
                    long start = System.nanoTime();
                    try {
                        RenderPipeline.Rerendered made = pipeline.runUnit(
                                unit,
                                Map.of("unit", unit.key(), "worker", settings.name(), "attempt", attempt),
                                listener);
                        log.accept(String.format(
                                "finished %s in %.1f s: %s",
                                unit.key(), (System.nanoTime() - start) / 1e9, made.asMap()));
                    } catch (RuntimeException e) {
                        log.accept("failed " + unit.key() + " (attempt " + attempt + " of " + MAX_ATTEMPTS + "): "
                                + e.getMessage());
                        throw e;
                    }
                    queueReady(unit.projectId());
                });
        Scheduler scheduler = Scheduler.create(engineData, task)
                .schedulerName(new SchedulerName.Fixed(settings.name()))
                .threads(settings.concurrency())
                .pollingInterval(settings.polling())
                .heartbeatInterval(settings.heartbeat())
                .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                .enableImmediateExecution()
                .shutdownMaxWait(Worker.FINISH_CURRENT)
                .build();
        return new Worker(settings, scheduler);
    }

    /** A running worker: the engine's scheduler, and its row in {@code render_workers} kept fresh. */
    public final class Worker implements AutoCloseable {
        /** On stop, how long a running unit may take to finish before it is interrupted and handed back. */
        static final Duration FINISH_CURRENT = Duration.ofSeconds(60);

        private final WorkerSettings settings;
        private final Scheduler scheduler;
        private final ScheduledExecutorService alive;

        private Worker(WorkerSettings settings, Scheduler scheduler) {
            this.settings = settings;
            this.scheduler = scheduler;
            database.useTransaction(s -> s.getMapper(RenderUnitMapper.class)
                    .workerStarted(new RenderWorker(settings.name(), host(), settings.concurrency(), null, null)));
            alive = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "worker-alive");
                t.setDaemon(true);
                return t;
            });
            // Often enough for onlineWorkers(), whatever the engine's heartbeat.
            long every = Math.min(settings.heartbeat().toMillis(), WorkerSettings.DEFAULT_HEARTBEAT.toMillis());
            alive.scheduleWithFixedDelay(this::touch, every, every, TimeUnit.MILLISECONDS);
            scheduler.start();
        }

        private void touch() {
            try {
                database.useTransaction(s -> s.getMapper(RenderUnitMapper.class).workerAlive(settings.name()));
            } catch (RuntimeException e) {
                // The database is unreachable for now; the engine backs off too, and the next beat tries again.
            }
        }

        public String name() {
            return settings.name();
        }

        /**
         * Stops taking units, lets the running ones finish (up to {@link #FINISH_CURRENT}; an interrupted one fails
         * and is retried elsewhere), and leaves the list of online workers.
         */
        @Override
        public void close() {
            scheduler.stop();
            alive.shutdownNow();
            database.useTransaction(s -> s.getMapper(RenderUnitMapper.class).workerStopped(settings.name()));
        }
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown";
        }
    }

    /**
     * The studio's pool hands out connections in manual-commit mode (its transactions are explicit); the engine
     * expects auto-commit, as its client has no setting for it. The pool restores the mode when a connection
     * comes back.
     */
    private static DataSource autoCommitting(DataSource pool) {
        return (DataSource) Proxy.newProxyInstance(
                RenderQueue.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(pool, args);
                        if (result instanceof Connection c) {
                            c.setAutoCommit(true);
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
