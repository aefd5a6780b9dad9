package ai.cinboard.pipeline;

import ai.cinboard.domain.RecordStatus;
import ai.cinboard.domain.RenderWorker;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.UnitState;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.RenderRepository;
import ai.cinboard.persistence.mapper.RenderUnitMapper;
import com.github.kagkarlsson.scheduler.ScheduledExecutionsFilter;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Renders as units on the job engine, db-scheduler, over the project's PostgreSQL: what the studio queues and what
 * {@link Worker}s take. The engine holds the queue (one {@code scheduled_tasks} row per queued unit, picked with
 * {@code FOR UPDATE SKIP LOCKED}, heartbeated while it runs, revived elsewhere when its worker dies, retried after
 * a failure). What is queued comes from the fingerprints: only stale units, and only once their inputs are up to
 * date ({@link Staleness#readyUnits}). A worker that finishes a unit queues whatever that made ready, so the
 * dependencies are honoured without the engine knowing them. A worker that loses the database waits for it and
 * resumes ({@link Reachability}): an outage is not a unit's failure.
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
        this.engineData = autoCommitting(database.dataSource(), null);
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

    /**
     * Queues the project's stale units that can run now; the rest follow as workers finish what they wait on. A
     * render of the project cancelled before is no longer, and its units that failed for good may run again.
     */
    public Queued enqueue(int projectId) {
        Staleness plan = pipeline.staleness(projectId); // also checks that the project can be rendered
        List<RenderUnit> stale = plan.staleUnits(projectId);
        database.useTransaction(s -> {
            RenderUnitMapper units = s.getMapper(RenderUnitMapper.class);
            units.cancellationCleared(projectId);
            units.givenUpCleared(projectId);
        });
        List<RenderUnit> now = queueReady(projectId);
        return new Queued(projectId, stale, now, onlineWorkers());
    }

    /**
     * Queues the project's ready units that the engine doesn't already hold. One checker at a time per project
     * (a PostgreSQL advisory lock, across processes): the last of two workers finishing the last two clips at
     * once always sees both done, so the composition is never forgotten; a unit already queued or running is
     * not queued twice (the engine's key is the unit's). Nothing is queued for a cancelled render, nor a unit that
     * failed for good in this render (its inputs are ready, but it would only fail again: the creator decides).
     */
    synchronized List<RenderUnit> queueReady(int projectId) {
        try (Connection c = engineData.getConnection()) {
            advisoryLock(c, "pg_advisory_lock", projectId);
            try {
                if (cancelled(projectId)) {
                    return List.of();
                }
                Set<String> except = Set.copyOf(
                        database.read(s -> s.getMapper(RenderUnitMapper.class).unitsGivenUp(projectId)));
                List<RenderUnit> queued = new ArrayList<>();
                Instant now = Instant.now();
                for (RenderUnit unit : pipeline.staleness(projectId).readyUnits(projectId)) {
                    if (!except.contains(unit.key())
                            && client.scheduleIfNotExists(
                                    unitTask.instance(unit.key()).scheduledTo(now))) {
                        queued.add(unit);
                    }
                }
                if (!queued.isEmpty()) {
                    UnitWakeups.announce(c, taskName);
                }
                return queued;
            } finally {
                advisoryLock(c, "pg_advisory_unlock", projectId);
            }
        } catch (SQLException e) {
            throw new StudioException("Could not queue the render of project " + projectId + ": " + e.getMessage(), e);
        }
    }

    /**
     * What {@link #cancel} did: the queued units it took out, the units running when it began, and those not yet
     * stopped when it returned. Nothing removed and nothing running: no render of the project was in the engine.
     */
    public record Cancelled(int projectId, int removed, int running, int stillRunning) {
        public boolean foundNothing() {
            return removed == 0 && running == 0;
        }
    }

    /**
     * Cancels the project's render wherever its units run: on the team's workers, on a studio's own worker in another
     * process, or here. A row in {@code render_cancellations} tells every worker, which stops the project's running
     * units when it sees it (before each unit; at once when it listens for the announcement that follows the row,
     * else at its heartbeat); nothing more of the project is queued until it is queued again ({@link #enqueue}); and
     * its queued units leave the engine. Waits up to {@code wait} for the running ones to stop.
     */
    public Cancelled cancel(int projectId, Duration wait) throws InterruptedException {
        try (Connection c = engineData.getConnection()) {
            advisoryLock(
                    c, "pg_advisory_lock", projectId); // a worker queueing what a unit made ready waits, then sees it
            try {
                database.useTransaction(s -> s.getMapper(RenderUnitMapper.class).renderCancelled(projectId));
                UnitWakeups.announceCancel(c, projectId); // listening workers stop its units at once
            } finally {
                advisoryLock(c, "pg_advisory_unlock", projectId);
            }
        } catch (SQLException e) {
            throw new StudioException("Could not cancel the render of project " + projectId + ": " + e.getMessage(), e);
        }
        int runningAtStart = runningUnits(projectId);
        int[] removed = {0};
        client.fetchScheduledExecutions(ScheduledExecutionsFilter.all().withPicked(false), e -> {
            String name = e.getTaskInstance().getTaskName();
            if ((name.equals(TASK) || name.startsWith(TASK + "@"))
                    && e.getTaskInstance().getId().startsWith(projectId + "/")) {
                try {
                    client.cancel(e.getTaskInstance());
                    removed[0]++;
                } catch (RuntimeException picked) {
                    // picked meanwhile: its worker sees the cancellation before it starts
                }
            }
        });
        long deadline = System.nanoTime() + wait.toNanos();
        int running = runningUnits(projectId);
        while (running > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100); // the workers hear of the row (or see it at their heartbeat) and wind the units down
            running = runningUnits(projectId);
        }
        return new Cancelled(projectId, removed[0], runningAtStart, running);
    }

    /** Whether the project's render was cancelled and not queued again since. */
    public boolean cancelled(int projectId) {
        return database.read(s -> s.getMapper(RenderUnitMapper.class).isCancelled(projectId));
    }

    private int runningUnits(int projectId) {
        return database.read(s -> s.getMapper(RenderUnitMapper.class).runningUnits(projectId + "/", TASK));
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

    /** Of a project's {@link #units}, the one whose run failed most recently, with its error. */
    public static Optional<UnitState> lastError(List<UnitState> units) {
        return units.stream().filter(u -> u.error() != null).max(Comparator.comparing(UnitState::since));
    }

    /**
     * The unit failed for good: no worker queues it again in this render (see {@link #queueReady}), and the render
     * fails with its error once nothing else of the project is left.
     */
    private void gaveUp(RenderUnit unit, String error) {
        database.useTransaction(
                s -> s.getMapper(RenderUnitMapper.class).unitGaveUp(unit.projectId(), unit.key(), error));
    }

    /**
     * Once nothing of the project is left in the engine, its status says how the render ended. Its units record
     * their phases side by side, so the last to write the status would otherwise win: a unit that failed for good
     * and a sibling completing after it would leave the project "processing" forever.
     */
    private void settle(int projectId) {
        if (pending(projectId)) {
            return;
        }
        RenderRepository repository = new RenderRepository(database);
        if (upToDate(projectId)) {
            repository.markCompleted(projectId);
        } else if (cancelled(projectId)) {
            repository.markRenderState(projectId, RecordStatus.CANCELLED);
        } else if (!database.read(s -> s.getMapper(RenderUnitMapper.class).unitsGivenUp(projectId))
                .isEmpty()) {
            repository.markRenderState(projectId, RecordStatus.FAILED);
        }
    }

    /** Whether the engine still holds units of the project (queued, running or waiting to be retried). */
    public boolean pending(int projectId) {
        return database.read(s -> s.getMapper(RenderUnitMapper.class).pendingUnits(projectId + "/", taskName)) > 0;
    }

    /** Whether nothing of the project is stale: the queued render is done. */
    public boolean upToDate(int projectId) {
        return !pipeline.staleness(projectId).anythingStale();
    }

    /** What this queue's units are rendered with here: see {@link RenderPipeline#identity}. */
    public String renderIdentity() {
        return pipeline.identity();
    }

    /** Of the workers online, those that render with other settings than this studio: its view of them differs. */
    public List<RenderWorker> unlike(List<RenderWorker> online) {
        String mine = renderIdentity();
        return online.stream()
                .filter(w -> w.renderIdentity() != null && !w.renderIdentity().equals(mine))
                .toList();
    }

    /** Workers seen within three of the default heartbeats. */
    public List<RenderWorker> onlineWorkers() {
        double seconds = 3 * WorkerSettings.DEFAULT_HEARTBEAT.toMillis() / 1000.0;
        return database.read(s -> s.getMapper(RenderUnitMapper.class).onlineWorkers(seconds));
    }

    /**
     * How a worker runs: its name in the engine, how many units at once, its heartbeat, how often it polls, and how
     * long its running units may take to finish when it stops before it hands them back. {@code inProcess}: the
     * studio's own worker (see {@link LocalRenders}): it isn't listed among the team's workers, its phases name no
     * worker, and a unit that fails is not retried (the creator decides, as with any local job).
     */
    public record WorkerSettings(
            String name,
            int concurrency,
            Duration heartbeat,
            Duration polling,
            Duration finishOnStop,
            boolean inProcess) {
        public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);
        public static final Duration DEFAULT_POLLING = Duration.ofSeconds(1);
        public static final Duration DEFAULT_FINISH_ON_STOP = Duration.ofSeconds(60);

        /** A team worker. */
        public WorkerSettings(String name, int concurrency, Duration heartbeat, Duration polling) {
            this(name, concurrency, heartbeat, polling, DEFAULT_FINISH_ON_STOP, false);
        }
    }

    /** What a worker does with each unit, beyond its phases' changes. */
    public interface WorkerEvents extends PhaseListener {
        default void took(RenderUnit unit, int attempt) {}

        default void finished(RenderUnit unit, RenderPipeline.UnitRun run, double seconds) {}

        /** {@code last}: the unit will not run again unless it is queued anew. */
        default void failed(RenderUnit unit, int attempt, boolean last, RuntimeException e) {}

        /** Anything else worth a line in a worker's log: the database lost and found, a unit handed back. */
        default void note(String line) {}
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
                        java.util.Locale.ROOT,
                        "finished %s in %.1f s (%s): %s",
                        unit.key(),
                        seconds,
                        run.phaseMillis().entrySet().stream()
                                .map(e -> String.format(
                                        java.util.Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue() / 1000.0))
                                .collect(java.util.stream.Collectors.joining(", ")),
                        run.made().asMap()));
            }

            @Override
            public void failed(RenderUnit unit, int attempt, boolean last, RuntimeException e) {
                log.accept("failed " + unit.key() + " (attempt " + attempt + " of " + MAX_ATTEMPTS + "): "
                        + e.getMessage());
            }

            @Override
            public void note(String line) {
                log.accept(line);
            }
        });
    }

    /** Starts a worker in this process that tells {@code events} about each unit. */
    public Worker startWorker(WorkerSettings settings, WorkerEvents events) {
        return new Worker(settings, events);
    }

    /** Passes a run's phase changes on, noting the status rows it writes (a handed-back run marks them). */
    private static final class RunStatuses implements PhaseListener {
        private final PhaseListener next;
        private final Set<Integer> ids = ConcurrentHashMap.newKeySet();

        RunStatuses(PhaseListener next) {
            this.next = next;
        }

        @Override
        public void changed(PhaseEvent event) {
            ids.add(event.statusId());
            next.changed(event);
        }

        @Override
        public void preview(int projectId, ai.cinboard.domain.Phase phase, byte[] image) {
            next.preview(projectId, phase, image);
        }

        List<Integer> ids() {
            return List.copyOf(ids);
        }
    }

    /** A run of a unit: the unit and the engine's version of its row when picked. */
    private static String runKey(Execution execution) {
        return execution.taskInstance.getId() + "@" + execution.version;
    }

    /**
     * The engine's default for a dead run, reviving it (a failed attempt), except for a run this very worker is
     * still rendering: its heartbeats only stopped while the database was out of reach, and resume now. (Another
     * worker can't tell the two apart, and revives it; the run here then hands the unit back.) A unit whose worker
     * stopped on its last attempt too (one that kills whatever runs it, such as an encoder running out of memory)
     * is not revived again: it failed for good, as a unit whose last attempt fails.
     */
    private final class ReviveUnlessRunningHere implements DeadExecutionHandler<Void> {
        private final DeadExecutionHandler<Void> revive = new DeadExecutionHandler.ReviveDeadExecution<>();
        private final String worker;
        private final Set<String> runningHere;

        ReviveUnlessRunningHere(String worker, Set<String> runningHere) {
            this.worker = worker;
            this.runningHere = runningHere;
        }

        @Override
        public void deadExecution(ExecutionComplete complete, ExecutionOperations<Void> operations) {
            Execution execution = complete.getExecution();
            if (worker.equals(execution.pickedBy) && runningHere.contains(runKey(execution))) {
                return;
            }
            if (execution.consecutiveFailures + 1 < MAX_ATTEMPTS) {
                revive.deadExecution(complete, operations);
                return;
            }
            RenderUnit unit = RenderUnit.parse(execution.taskInstance.getId());
            String error = "The worker running " + unit.key() + " stopped during each of its " + MAX_ATTEMPTS
                    + " attempts; it is not run again. Render the project again to retry it.";
            database.useTransaction(
                    s -> s.getMapper(RenderUnitMapper.class).orphansInterrupted(unit.projectId(), unit.key(), error));
            gaveUp(unit, error);
            operations.stop();
            settle(unit.projectId());
        }
    }

    /**
     * The database as one worker sees it. The first query to find it out of reach says so, once; from then on the
     * engine's own queries (polling, heartbeats, the search for dead runs) wait for it instead of failing every few
     * seconds, and running units wait for it, trying it with a pause that doubles from the polling interval up to
     * the heartbeat. The first to reach it again says so, and everything resumes.
     */
    private final class Reachability {
        private final WorkerSettings settings;
        private final Consumer<String> log;
        /** Since when ({@link System#nanoTime()}) the database is out of reach; null while it is reachable. */
        private Long lostAt; // guarded by this
        /** When it was last found again: a query begun before then that fails says nothing about now. */
        private long foundAt = System.nanoTime(); // guarded by this

        Reachability(WorkerSettings settings, Consumer<String> log) {
            this.settings = settings;
            this.log = log;
        }

        /** A query begun at {@code started} ({@link System#nanoTime()}) found the database out of reach. */
        synchronized void lost(Throwable cause, long started) {
            if (lostAt == null && started - foundAt >= 0) {
                lostAt = started;
                log.accept(String.format(
                        "database unreachable (%s, tried for %.1f s): the running units wait for it, the engine"
                                + " pauses",
                        Database.rootMessage(cause), (System.nanoTime() - started) / 1e9));
            }
        }

        synchronized void found() {
            if (lostAt != null) {
                foundAt = System.nanoTime();
                log.accept(String.format("database reachable again after %.1f s: resuming", (foundAt - lostAt) / 1e9));
                lostAt = null;
                notifyAll();
            }
        }

        private synchronized boolean isLost() {
            return lostAt != null;
        }

        /** Blocks while the database is out of reach (the engine's threads wait here). */
        synchronized void awaitFound() throws InterruptedException {
            while (lostAt != null) {
                wait();
            }
        }

        /** Tries the database until it answers, pausing longer after each miss (a running unit waits here). */
        void await() throws InterruptedException {
            long pause = settings.polling().toMillis();
            long longest = Math.max(pause, settings.heartbeat().toMillis());
            while (isLost()) {
                // A query, not only a connection: the pool hands out a recently used one without checking it.
                try (Connection c = database.dataSource().getConnection();
                        Statement st = c.createStatement()) {
                    st.execute("SELECT 1");
                    found();
                } catch (SQLException e) {
                    synchronized (this) {
                        if (lostAt != null) {
                            wait(pause); // or until another thread finds it
                        }
                    }
                    pause = Math.min(2 * pause, longest);
                }
            }
        }

        /**
         * Runs {@code step}; when the database is out of reach, waits for it and runs the step again (telling it
         * that it resumes), as the same attempt. Empty if the engine no longer holds this run for this worker by then.
         */
        <T> Optional<T> despiteOutages(Execution execution, RenderUnit unit, Function<Boolean, T> step)
                throws InterruptedException {
            boolean resumed = false;
            while (true) {
                long started = System.nanoTime();
                try {
                    if (resumed) {
                        if (!database.read(s -> s.getMapper(RenderUnitMapper.class)
                                .heldBy(taskName, unit.key(), settings.name(), execution.version))) {
                            return Optional.empty();
                        }
                        log.accept("resuming " + unit.key() + " (attempt " + (execution.consecutiveFailures + 1) + ")");
                    }
                    return Optional.of(step.apply(resumed));
                } catch (RuntimeException e) {
                    if (!Database.unreachable(e)) {
                        throw e;
                    }
                    lost(e, started);
                    log.accept(unit.key() + " waits for the database");
                }
                await();
                resumed = true;
            }
        }

        /**
         * The engine's connections: one is asked for only while the database is reachable, and an ask that finds it
         * out of reach waits until it is back rather than failing (the engine would log each failure, every few
         * seconds, for as long as the outage lasts).
         */
        Connection connection(DataSource pool) throws SQLException {
            while (true) {
                try {
                    awaitFound();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("Interrupted while waiting for the database", e);
                }
                long started = System.nanoTime();
                try {
                    return pool.getConnection();
                } catch (SQLException e) {
                    if (!Database.unreachable(e)) {
                        throw e;
                    }
                    lost(e, started);
                }
            }
        }
    }

    /** A running worker: the engine's scheduler, and (for a team worker) its row in {@code render_workers}. */
    public final class Worker implements AutoCloseable {
        /** On stop, after {@link WorkerSettings#finishOnStop}, how long an interrupted unit may take to wind down and hand itself back. */
        public static final Duration HAND_BACK = Duration.ofSeconds(15);

        private final WorkerSettings settings;
        private final WorkerEvents events;
        private final Reachability reach;
        private final Scheduler scheduler;
        private final ScheduledExecutorService alive;
        /** Wakes the worker when units of its task are queued, and stops its units of renders cancelled anywhere. */
        private final UnitWakeups wakeups;
        /** The threads running units now, by unit key: what a cancel interrupts. Guarded by itself. */
        private final Map<String, Thread> running = new HashMap<>();
        /** The runs of units this worker is rendering now (see {@link ReviveUnlessRunningHere}). */
        private final Set<String> runningHere = ConcurrentHashMap.newKeySet();
        /** Runs this worker interrupted because their render was cancelled (by unit key): they end without failing. */
        private final Set<String> cancelledRuns = ConcurrentHashMap.newKeySet();
        /** A cancel was heard but the database couldn't confirm it: the next heartbeat looks. */
        private final java.util.concurrent.atomic.AtomicBoolean cancelCheckOwed =
                new java.util.concurrent.atomic.AtomicBoolean();
        /** Set once the worker has waited for its running units as long as it does when it stops: hand them back. */
        private volatile boolean handingBack;

        private Worker(WorkerSettings settings, WorkerEvents events) {
            this.settings = settings;
            this.events = events;
            this.reach = new Reachability(settings, events::note);
            // A name is one worker: a second under it would hide the first, whose row it takes and then deletes.
            if (!settings.inProcess()) {
                database.useTransaction(s -> {
                    RenderUnitMapper units = s.getMapper(RenderUnitMapper.class);
                    double within = 3
                            * Math.max(settings.heartbeat().toMillis(), WorkerSettings.DEFAULT_HEARTBEAT.toMillis())
                            / 1000.0;
                    units.workerSeen(settings.name(), within).ifPresent(other -> {
                        throw new StudioException("A worker named " + other.name() + " is already online (on "
                                + other.host() + "); give this one another --name.");
                    });
                    String mine = pipeline.identity();
                    units.onlineWorkers(within).stream()
                            .filter(w -> w.renderIdentity() != null
                                    && !w.renderIdentity().equals(mine))
                            .findFirst()
                            .ifPresent(other -> {
                                throw new StudioException("The worker " + other.name() + " online renders with "
                                        + other.renderIdentity() + "; this one would render with " + mine
                                        + ". Give every worker the same engine and render settings: each would"
                                        + " find the others' work stale and render it again.");
                            });
                    units.workerStarted(self());
                });
            }
            CustomTask<Void> task = Tasks.custom(unitTask)
                    .onFailure(this::failed)
                    .onDeadExecution(new ReviveUnlessRunningHere(settings.name(), runningHere))
                    .execute((instance, context) -> {
                        Execution execution = context.getExecution();
                        String run = runKey(execution);
                        runningHere.add(run);
                        try {
                            return run(execution);
                        } finally {
                            runningHere.remove(run);
                        }
                    });
            this.scheduler = Scheduler.create(autoCommitting(database.dataSource(), reach), task)
                    .schedulerName(new SchedulerName.Fixed(settings.name()))
                    .threads(settings.concurrency())
                    .pollingInterval(settings.polling())
                    .heartbeatInterval(settings.heartbeat())
                    .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                    .enableImmediateExecution()
                    .shutdownMaxWait(HAND_BACK)
                    // A task of another studio's (or the team's, for a studio's own worker) is unknown here; the
                    // engine's default deletes such rows after 14 days, running ones too. They are never ours to drop.
                    .deleteUnresolvedAfter(Duration.ofDays(365L * 100))
                    // A unit's failure is one line in the worker's log (WorkerEvents.failed), not a stack trace.
                    .failureLogging(LogLevel.DEBUG, false)
                    .build();
            // A team worker hears of units queued anywhere; a studio's own worker is poked by its studio, but
            // listens too, so a cancel from another process (a second studio, `jobs --cancel`) stops it at once.
            // Before the heartbeat starts, which asks whether it listens.
            this.wakeups = new UnitWakeups(
                    database,
                    taskName,
                    scheduler::triggerCheckForDueExecutions,
                    this::heardCancel,
                    this::stopCancelled,
                    events::note);
            alive = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "worker-alive");
                t.setDaemon(true);
                return t;
            });
            // Often enough for onlineWorkers(), whatever the engine's heartbeat; an in-process worker has no row
            // to keep fresh, but beats too: it is how an idle worker finds the database again after losing it.
            long every = Math.min(settings.heartbeat().toMillis(), WorkerSettings.DEFAULT_HEARTBEAT.toMillis());
            alive.scheduleWithFixedDelay(this::touch, every, every, TimeUnit.MILLISECONDS);
            scheduler.start();
        }

        /**
         * One run of a unit. A failure of the unit's own fails the run (a team worker's is retried up to {@link
         * #MAX_ATTEMPTS}). The database going out of reach is not the unit's failure: the run waits for it and goes
         * on as the same attempt, unless the engine gave the unit to another run meanwhile (its heartbeats stopped
         * too long), which then renders it instead. A unit of a cancelled render ends without work.
         */
        private CompletionHandler<Void> run(Execution execution) {
            RenderUnit unit = RenderUnit.parse(execution.taskInstance.getId());
            int attempt = execution.consecutiveFailures + 1;
            RunStatuses statuses = new RunStatuses(events);
            // Running before the cancel is looked for: a cancel announced from here on finds the unit and stops it.
            synchronized (running) {
                running.put(unit.key(), Thread.currentThread());
            }
            try {
                if (cancelRequested(unit.projectId())) {
                    return endCancelled(unit); // the render it belonged to was cancelled
                }
                events.took(unit, attempt);
                Map<String, Object> runBy = settings.inProcess()
                        ? Map.of("unit", unit.key(), "attempt", attempt)
                        : Map.of("unit", unit.key(), "worker", settings.name(), "attempt", attempt);
                long start = System.nanoTime();
                Optional<RenderPipeline.UnitRun> made = reach.despiteOutages(execution, unit, resumed -> {
                    // Phases still "running" belong to a run that ended: a dead worker's, or this one's before the
                    // database went out of reach.
                    String reason = resumed
                            ? "The database went out of reach during this run; the unit resumed when it was back."
                            : "The worker running this unit stopped; the unit runs again.";
                    database.useTransaction(s -> s.getMapper(RenderUnitMapper.class)
                            .orphansInterrupted(unit.projectId(), unit.key(), reason));
                    return pipeline.runUnit(unit, runBy, statuses);
                });
                made.ifPresent(m -> events.finished(unit, m, (System.nanoTime() - start) / 1e9));
                boolean handedBack = made.isEmpty()
                        || reach.despiteOutages(execution, unit, resumed -> queueReady(unit.projectId()))
                                .isEmpty();
                if (handedBack) {
                    events.note("handed back " + unit.key() + ": while the database was out of reach the engine gave"
                            + " it to another run");
                    return (complete, operations) -> {}; // that run is the engine's now: nothing to complete here
                }
                scheduler.triggerCheckForDueExecutions(); // take what this unit made ready now, not at the next poll
                return removedThenSettled(unit.projectId());
            } catch (InterruptedException e) {
                if (cancelledRuns.contains(unit.key())) {
                    return endCancelled(unit);
                }
                if (handingBack) {
                    return handBack(execution, unit, statuses.ids());
                }
                Thread.currentThread().interrupt();
                events.note("stopped " + unit.key() + " while it waited for the database; it runs again");
                throw new StudioException("Stopped while waiting for the database.", e);
            } catch (RuntimeException e) {
                if (cancelledRuns.contains(unit.key())) {
                    return endCancelled(unit);
                }
                if (handingBack) {
                    return handBack(execution, unit, statuses.ids());
                }
                boolean last = settings.inProcess() || attempt >= MAX_ATTEMPTS;
                if (last) {
                    gaveUp(unit, e.getMessage());
                }
                events.failed(unit, attempt, last, e);
                if (settings.inProcess()) {
                    // not retried: the failure is recorded with its phase, and the render reports it
                    return removedThenSettled(unit.projectId());
                }
                throw e;
            } finally {
                synchronized (running) {
                    running.remove(unit.key());
                    cancelledRuns.remove(unit.key());
                    Thread.interrupted(); // a cancel's interrupt ends here, not in the engine's next unit
                    running.notifyAll(); // a stopping worker waits for its units
                }
            }
        }

        /**
         * A unit's run failed (a team worker's; a studio's own worker ends its failures itself): it is retried
         * after a pause, unless that was its last attempt ({@link #run} recorded that it gave up), when it leaves
         * the engine and the render may be over.
         */
        private void failed(ExecutionComplete complete, ExecutionOperations<Void> operations) {
            Execution execution = complete.getExecution();
            if (execution.consecutiveFailures + 1 < MAX_ATTEMPTS) {
                operations.reschedule(complete, Instant.now().plus(RETRY_AFTER));
                return;
            }
            operations.stop();
            settleQuietly(RenderUnit.parse(execution.taskInstance.getId()).projectId());
        }

        /** The unit is done: it leaves the engine, and if it was the render's last, the project says how it ended. */
        private CompletionHandler<Void> removedThenSettled(int projectId) {
            return (complete, operations) -> {
                operations.remove();
                settleQuietly(projectId);
            };
        }

        private void settleQuietly(int projectId) {
            try {
                settle(projectId);
            } catch (RuntimeException e) {
                events.note("could not record how the render of project " + projectId + " ended: " + e.getMessage());
            }
        }

        /**
         * Ends a unit of a cancelled render: phases still "running" from a run that died before the cancel end too,
         * it leaves the engine, then whatever is ready is queued. If the project was queued again meanwhile, this
         * unit was left out (the engine still held it) and is queued now; while the render stays cancelled nothing
         * is.
         */
        private CompletionHandler<Void> endCancelled(RenderUnit unit) {
            return (complete, operations) -> {
                operations.stop();
                try {
                    database.useTransaction(s -> s.getMapper(RenderUnitMapper.class)
                            .orphansInterrupted(
                                    unit.projectId(), unit.key(), "The render was cancelled; this run had stopped."));
                    queueReady(unit.projectId());
                    settle(unit.projectId());
                } catch (RuntimeException e) {
                    events.note("could not queue what is left of project " + unit.projectId() + ": " + e.getMessage());
                }
            };
        }

        /**
         * Gives a unit that the worker's stop cut short back to the engine as it was, its attempt uncounted, for
         * the next worker: its phases read as interrupted (not cancelled: the render goes on), and the project as
         * still processing.
         */
        private CompletionHandler<Void> handBack(Execution execution, RenderUnit unit, List<Integer> statusIds) {
            try {
                database.useTransaction(s -> {
                    RenderUnitMapper units = s.getMapper(RenderUnitMapper.class);
                    if (!statusIds.isEmpty()) {
                        units.runHandedBack(
                                statusIds, "The worker " + settings.name() + " stopped; the unit runs again.");
                    }
                    units.handBack(taskName, unit.key(), execution.version);
                });
                new RenderRepository(database).markRenderState(unit.projectId(), RecordStatus.PROCESSING);
                events.note("handed back " + unit.key() + ": the worker is stopping");
            } catch (RuntimeException e) {
                events.note("could not hand back " + unit.key() + " (" + e.getMessage()
                        + "); the engine gives it to another worker once this one's heartbeats stop");
            }
            return (complete, operations) -> {}; // the engine's row is queued again, not this run's any more
        }

        /** Takes queued units now rather than at the next poll (after this process queued some). */
        void poke() {
            scheduler.triggerCheckForDueExecutions();
        }

        /**
         * Cancels the project's render (see {@link RenderQueue#cancel}) and stops its units running here at once,
         * not at the next heartbeat (their phases are recorded as cancelled). Returns once none is left.
         */
        void cancel(int projectId) throws InterruptedException {
            RenderQueue.this.cancel(projectId, Duration.ZERO);
            stopRunning(Set.of(projectId));
            while (pending(projectId)) {
                Thread.sleep(50); // the interrupted units are winding down their phases
            }
        }

        /** Interrupts this worker's units of the projects, whose renders were cancelled. */
        private void stopRunning(Set<Integer> projectIds) {
            synchronized (running) {
                running.forEach((key, thread) -> {
                    if (projectIds.contains(RenderUnit.parse(key).projectId()) && cancelledRuns.add(key)) {
                        events.note("stopping " + key + ": its render was cancelled");
                        thread.interrupt();
                    }
                });
            }
        }

        /**
         * Whether the project's render is cancelled. Asked before each unit: a worker that can't reach the database
         * says no, and the unit waits for the database like any other step.
         */
        private boolean cancelRequested(int projectId) {
            try {
                return cancelled(projectId);
            } catch (RuntimeException e) {
                if (!Database.unreachable(e)) {
                    throw e;
                }
                return false;
            }
        }

        /**
         * A cancel announced: stops the project's units running here, if its render is cancelled still. When the
         * database can't say, the next heartbeat looks, as a worker that isn't listening does.
         */
        private void heardCancel(int projectId) {
            boolean runsHere;
            synchronized (running) {
                runsHere = running.keySet().stream()
                        .anyMatch(key -> RenderUnit.parse(key).projectId() == projectId);
            }
            if (!runsHere) {
                return;
            }
            try {
                if (cancelled(projectId)) {
                    stopRunning(Set.of(projectId));
                }
            } catch (RuntimeException e) {
                cancelCheckOwed.set(true);
            }
        }

        /** Stops the units running here whose renders were cancelled. */
        private void stopCancelled() {
            Set<Integer> projects = new java.util.HashSet<>();
            synchronized (running) {
                running.keySet()
                        .forEach(key -> projects.add(RenderUnit.parse(key).projectId()));
            }
            if (!projects.isEmpty()) {
                stopRunning(Set.copyOf(
                        database.read(s -> s.getMapper(RenderUnitMapper.class).cancelledAmong(projects))));
            }
        }

        /**
         * Says the worker is alive; also how an idle worker notices the database leave and come back. A worker whose
         * listening connection is down also stops its units of renders cancelled elsewhere here, at its heartbeat.
         */
        private void touch() {
            long started = System.nanoTime();
            try {
                if (settings.inProcess()) {
                    database.read(s -> s.getMapper(RenderUnitMapper.class).ping());
                } else {
                    database.useTransaction(
                            s -> s.getMapper(RenderUnitMapper.class).workerAlive(self()));
                }
                if (!wakeups.listening() || cancelCheckOwed.getAndSet(false)) {
                    try {
                        stopCancelled();
                    } catch (RuntimeException e) {
                        cancelCheckOwed.set(true);
                        throw e;
                    }
                }
                reach.found();
            } catch (RuntimeException e) {
                if (Database.unreachable(e)) {
                    reach.lost(e, started);
                }
                // otherwise a passing failure: the next beat tries again
            }
        }

        public String name() {
            return settings.name();
        }

        /**
         * Stops taking units, lets the running ones finish (up to {@link WorkerSettings#finishOnStop}), hands back those that
         * don't (stopped, their attempt uncounted, for the next worker to run) and leaves the list of online workers.
         */
        @Override
        public void close() {
            wakeups.close();
            scheduler.pause(); // no new units; the running ones keep beating
            boolean interrupted = false;
            try {
                if (!awaitIdle(settings.finishOnStop())) {
                    handingBack = true;
                    synchronized (running) {
                        running.forEach((key, thread) -> {
                            events.note("stopping " + key + " to hand it back");
                            thread.interrupt();
                        });
                    }
                    awaitIdle(HAND_BACK);
                }
            } catch (InterruptedException e) {
                interrupted = true; // asked to hurry: the engine's stop below interrupts what still runs
            }
            scheduler.stop();
            alive.shutdownNow();
            if (!settings.inProcess()) {
                database.useTransaction(s -> s.getMapper(RenderUnitMapper.class).workerStopped(settings.name()));
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits until no unit runs here, up to {@code limit}; whether none does. */
        private boolean awaitIdle(Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            synchronized (running) {
                while (!running.isEmpty()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(running, left);
                }
            }
            return true;
        }

        private RenderWorker self() {
            return new RenderWorker(settings.name(), host(), settings.concurrency(), null, null, pipeline.identity());
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
     * comes back. With {@code reach} (a worker's scheduler), connections come through {@link
     * Reachability#connection}.
     */
    private static DataSource autoCommitting(DataSource pool, Reachability reach) {
        return (DataSource) Proxy.newProxyInstance(
                RenderQueue.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    try {
                        Object result = reach != null && method.getName().equals("getConnection") && args == null
                                ? reach.connection(pool)
                                : method.invoke(pool, args);
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
