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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    /** The engine's task name of the team's render units, which any worker takes. */
    public static final String TASK = "render-unit";

    /** A unit runs at most this often: the first run and two retries (a dead worker's run counts as one). */
    public static final int MAX_ATTEMPTS = 3;

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    /** A worker missing this many heartbeats in a row is dead, and its unit runs again elsewhere. */
    static final int MISSED_HEARTBEATS = 4;

    private final Database database;
    private final RenderPipeline pipeline;
    private final DataSource engineData;
    private final SchedulerClient client;

    /** The engine's task of these units: {@link #TASK} for the team's, or one studio's own (see {@link #ofStudio}). */
    private final String taskName;

    private final TaskDescriptor<Void> unitTask;

    /** The team's queue. */
    public RenderQueue(Database database, RenderPipeline pipeline) {
        this(database, pipeline, TASK);
    }

    private RenderQueue(Database database, RenderPipeline pipeline, String taskName) {
        this.taskName = taskName;
        this.unitTask = TaskDescriptor.of(taskName);
        this.database = database;
        this.pipeline = pipeline;
        this.engineData = autoCommitting(database.dataSource());
        this.client = SchedulerClient.Builder.create(engineData).build();
    }

    /**
     * One studio's own queue, for its renders on its own machine ({@link LocalRenders}): the same units and engine,
     * under a task only that studio's worker knows, so the team's workers and other studios never take them (the
     * engine leaves a task it has no implementation for to the schedulers that have one).
     */
    public static RenderQueue ofStudio(Database database, RenderPipeline pipeline, String studio) {
        return new RenderQueue(database, pipeline, studioTask(studio));
    }

    /** The task name of a studio's own units. */
    public static String studioTask(String studio) {
        return TASK + "@" + studio;
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
    List<RenderUnit> queueReady(int projectId) {
        return queueReady(projectId, Set.of());
    }

    /** As {@link #queueReady(int)}, leaving out the units in {@code except} (keys of units that failed for good). */
    synchronized List<RenderUnit> queueReady(int projectId, Set<String> except) {
        try (Connection c = engineData.getConnection()) {
            advisoryLock(c, "pg_advisory_lock", projectId);
            try {
                List<RenderUnit> queued = new ArrayList<>();
                Instant now = Instant.now();
                for (RenderUnit unit : pipeline.staleness(projectId).readyUnits(projectId)) {
                    if (!except.contains(unit.key())
                            && client.scheduleIfNotExists(
                                    unitTask.instance(unit.key()).scheduledTo(now))) {
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
        return database.read(s -> s.getMapper(RenderUnitMapper.class).units(projectId, taskName));
    }

    /** Whether the engine still holds units of the project (queued, running or waiting to be retried). */
    public boolean pending(int projectId) {
        return database.read(s -> s.getMapper(RenderUnitMapper.class).pendingUnits(projectId + "/", taskName)) > 0;
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

    /**
     * How a worker runs: its name in the engine, how many units at once, its heartbeat and how often it polls.
     * {@code inProcess}: the studio's own worker (see {@link LocalRenders}): it isn't listed among the team's
     * workers, its phases name no worker, and a unit that fails is not retried (the creator decides, as with any
     * local job).
     */
    public record WorkerSettings(
            String name, int concurrency, Duration heartbeat, Duration polling, boolean inProcess) {
        public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);
        public static final Duration DEFAULT_POLLING = Duration.ofSeconds(1);

        /** A team worker. */
        public WorkerSettings(String name, int concurrency, Duration heartbeat, Duration polling) {
            this(name, concurrency, heartbeat, polling, false);
        }
    }

    /** What a worker does with each unit, beyond its phases' changes. */
    public interface WorkerEvents extends PhaseListener {
        default void took(RenderUnit unit, int attempt) {}

        default void finished(RenderUnit unit, RenderPipeline.UnitRun run, double seconds) {}

        /** {@code last}: the unit will not run again unless it is queued anew. */
        default void failed(RenderUnit unit, int attempt, boolean last, RuntimeException e) {}
    }

    /**
     * Starts a worker in this process: the engine's scheduler takes units (at most {@code concurrency} at once) and
     * runs them through {@link RenderPipeline#runUnit}; {@code log} hears each unit it takes and finishes.
     */
    public Worker startWorker(WorkerSettings settings, PhaseListener listener, Consumer<String> log) {
        return startWorker(settings, new WorkerEvents() {
            @Override
            public void changed(PhaseEvent event) {
                listener.changed(event);
            }

            @Override
            public void took(RenderUnit unit, int attempt) {
                log.accept("took " + unit.key() + " (attempt " + attempt + ")");
            }

            @Override
            public void finished(RenderUnit unit, RenderPipeline.UnitRun run, double seconds) {
                log.accept(String.format(
                        "finished %s in %.1f s: %s",
                        unit.key(), seconds, run.made().asMap()));
            }

            @Override
            public void failed(RenderUnit unit, int attempt, boolean last, RuntimeException e) {
                log.accept("failed " + unit.key() + " (attempt " + attempt + " of " + MAX_ATTEMPTS + "): "
                        + e.getMessage());
            }
        });
    }

    /** Starts a worker in this process that tells {@code events} about each unit. */
    public Worker startWorker(WorkerSettings settings, WorkerEvents events) {
        return new Worker(settings, events);
    }

    /** A running worker: the engine's scheduler, and (for a team worker) its row in {@code render_workers}. */
    public final class Worker implements AutoCloseable {
        /** On stop, how long a running unit may take to finish before it is interrupted and handed back. */
        static final Duration FINISH_CURRENT = Duration.ofSeconds(60);

        private final WorkerSettings settings;
        private final WorkerEvents events;
        private final Scheduler scheduler;
        private final ScheduledExecutorService alive;
        /** The threads running units now, by unit key: what a cancel interrupts. Guarded by itself. */
        private final Map<String, Thread> running = new HashMap<>();
        /** Projects whose render was cancelled here: their units end without work and queue nothing more. */
        private final Set<Integer> cancelled = ConcurrentHashMap.newKeySet();
        /** Units that failed for good here: not queued again by a later unit's completion (no endless loop). */
        private final Set<String> gaveUp = ConcurrentHashMap.newKeySet();

        private Worker(WorkerSettings settings, WorkerEvents events) {
            this.settings = settings;
            this.events = events;
            OneTimeTask<Void> task = Tasks.oneTime(unitTask)
                    .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(
                            MAX_ATTEMPTS - 1, new FailureHandler.OnFailureRetryLater<>(RETRY_AFTER)))
                    .onDeadExecutionRevive()
                    .execute((instance, context) ->
                            run(RenderUnit.parse(instance.getId()), context.getExecution().consecutiveFailures + 1));
            this.scheduler = Scheduler.create(engineData, task)
                    .schedulerName(new SchedulerName.Fixed(settings.name()))
                    .threads(settings.concurrency())
                    .pollingInterval(settings.polling())
                    .heartbeatInterval(settings.heartbeat())
                    .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                    .enableImmediateExecution()
                    .shutdownMaxWait(FINISH_CURRENT)
                    .build();
            if (settings.inProcess()) {
                alive = null;
            } else {
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
            }
            scheduler.start();
        }

        private void run(RenderUnit unit, int attempt) {
            if (cancelled.contains(unit.projectId())) {
                return; // the engine removes it as done; the render it belonged to was cancelled
            }
            events.took(unit, attempt);
            database.useTransaction(
                    s -> s.getMapper(RenderUnitMapper.class).orphansInterrupted(unit.projectId(), unit.key()));
            Map<String, Object> runBy = settings.inProcess()
                    ? Map.of("unit", unit.key(), "attempt", attempt)
                    : Map.of("unit", unit.key(), "worker", settings.name(), "attempt", attempt);
            long start = System.nanoTime();
            synchronized (running) {
                running.put(unit.key(), Thread.currentThread());
            }
            try {
                RenderPipeline.UnitRun made = pipeline.runUnit(unit, runBy, events);
                events.finished(unit, made, (System.nanoTime() - start) / 1e9);
            } catch (RuntimeException e) {
                if (cancelled.contains(unit.projectId())) {
                    return;
                }
                boolean last = settings.inProcess() || attempt >= MAX_ATTEMPTS;
                if (last) {
                    gaveUp.add(unit.key());
                }
                events.failed(unit, attempt, last, e);
                if (settings.inProcess()) {
                    return; // not retried: the failure is recorded with its phase, and the render reports it
                }
                throw e;
            } finally {
                synchronized (running) {
                    running.remove(unit.key());
                    Thread.interrupted(); // a cancel's interrupt ends here, not in the engine's next unit
                }
            }
            if (!cancelled.contains(unit.projectId())) {
                queueReady(unit.projectId(), gaveUp);
                scheduler.triggerCheckForDueExecutions();
            }
        }

        /** Takes queued units now rather than at the next poll (after this process queued some). */
        void poke() {
            scheduler.triggerCheckForDueExecutions();
        }

        /** A new render of the project: units that failed for good before may be queued again. */
        void renderAgain(int projectId) {
            gaveUp.removeIf(key -> key.startsWith(projectId + "/"));
            cancelled.remove(projectId);
        }

        /**
         * Cancels the project's render here: its queued units leave the engine, its running ones are interrupted
         * (their phases are recorded as cancelled) and no more are queued. Returns once none is left.
         */
        void cancel(int projectId) throws InterruptedException {
            cancelled.add(projectId);
            client.fetchScheduledExecutionsForTask(taskName, Void.class, e -> {
                RenderUnit unit = RenderUnit.parse(e.getTaskInstance().getId());
                if (unit.projectId() == projectId && !e.isPicked()) {
                    try {
                        client.cancel(e.getTaskInstance());
                    } catch (RuntimeException gone) {
                        // picked or finished meanwhile: the cancelled flag ends it
                    }
                }
            });
            synchronized (running) {
                running.forEach((key, thread) -> {
                    if (key.startsWith(projectId + "/")) {
                        thread.interrupt();
                    }
                });
            }
            while (pending(projectId)) {
                Thread.sleep(50); // the interrupted units are winding down their phases
            }
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
            if (alive != null) {
                alive.shutdownNow();
                database.useTransaction(s -> s.getMapper(RenderUnitMapper.class).workerStopped(settings.name()));
            }
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
