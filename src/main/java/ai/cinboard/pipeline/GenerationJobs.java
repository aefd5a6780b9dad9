package ai.cinboard.pipeline;

import ai.cinboard.domain.Character;
import ai.cinboard.domain.Keyframe;
import ai.cinboard.domain.Phase;
import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.domain.Scene;
import ai.cinboard.domain.StudioException;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.mapper.CharacterMapper;
import ai.cinboard.persistence.mapper.KeyframeMapper;
import ai.cinboard.persistence.mapper.SceneMapper;
import ai.cinboard.service.GenerationService;
import ai.cinboard.service.JobEvent;
import ai.cinboard.service.JobInfo;
import ai.cinboard.service.JobPhase;
import ai.cinboard.service.ProjectStaleness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background generation executor: renders and regenerations run here, on a bounded pool of their own
 * (separate from I/O work), report every phase change to subscribers and can be cancelled and retried.
 * Their state also lives in {@code processing_statuses}, so a crash loses nothing: the next render resumes.
 */
public final class GenerationJobs implements GenerationService, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GenerationJobs.class);
    /** Phases a render job goes through, shown as pending until they start. */
    private static final List<Phase> RENDER_PHASES =
            List.of(Phase.CHARACTERS, Phase.KEYFRAMES, Phase.VOICEOVER, Phase.CLIPS, Phase.COMPOSITION);

    /** How long cancelling a render that runs elsewhere waits for its workers to stop its running units. */
    private static final Duration CANCEL_ELSEWHERE_WAIT = Duration.ofSeconds(15);

    private final Database database;
    private final Supplier<RenderPipeline> pipeline;
    private final ThreadPoolExecutor executor;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final List<Consumer<JobEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<String, byte[]>> previewListeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    /** Renders of other processes and earlier sessions, from processing_statuses and the status board. */
    private final RenderWatch watch;

    private final AutoCloseable watching;

    /** The team's render queue, or null when this studio has none (embedded database or local media). */
    private final RenderQueue workers;

    /** This studio's renders through the job engine. */
    private final LocalRenders local;

    /** Lists earlier renders from the database but does not follow other processes; no team queue. */
    public GenerationJobs(Database database, Supplier<RenderPipeline> pipeline, int threads, LocalRenders local) {
        this(database, pipeline, threads, new RenderWatch(database, null, Duration.ofSeconds(2)), false, null, local);
    }

    /**
     * Renders of this studio (a render, render changes, a resumed one) go through the job engine on {@code local}'s
     * in-process worker; this closes it. Regenerations (new takes) run on {@code pipeline} directly: a take is a
     * request, not something stale a unit could be derived from. With {@code follow}, renders running in other
     * processes are published to subscribers as they change (live from the status board's topic with Redis,
     * otherwise by polling processing_statuses). With {@code workers}, the team's render queue: "Render on
     * workers" queues units there.
     */
    public GenerationJobs(
            Database database,
            Supplier<RenderPipeline> pipeline,
            int threads,
            RenderWatch watch,
            boolean follow,
            RenderQueue workers,
            LocalRenders local) {
        this.local = java.util.Objects.requireNonNull(local, "local renders");
        this.workers = workers;
        this.database = database;
        this.watch = watch;
        this.pipeline = pipeline;
        AtomicInteger n = new AtomicInteger();
        this.executor =
                new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256), r -> {
                    Thread t = new Thread(r, "generation-" + n.incrementAndGet());
                    t.setDaemon(true);
                    t.setPriority(Thread.NORM_PRIORITY - 1); // keep the UI responsive while encoding
                    return t;
                });
        this.watching = follow ? watch.watch(this::seen) : () -> {};
    }

    /** One job: a render of a project with a plan, and its phases as they happen. */
    private final class Job implements PhaseListener {
        final String id;
        final int projectId;
        final String title;
        final RenderPlan plan;
        final Map<Phase, JobPhase> phases = new EnumMap<>(Phase.class);
        volatile PhaseStatus status = PhaseStatus.PENDING;
        volatile Future<?> future;
        /** Kept only while the job runs: a finished job's last preview is its real result, shown elsewhere. */
        volatile byte[] preview;

        Job(String id, int projectId, String title, RenderPlan plan) {
            this.id = id;
            this.projectId = projectId;
            this.title = title;
            this.plan = plan;
            RENDER_PHASES.forEach(p -> phases.put(p, new JobPhase(p, PhaseStatus.PENDING, 0, Duration.ZERO, null)));
        }

        @Override
        public void changed(PhaseEvent e) {
            synchronized (this) {
                phases.put(
                        e.phase(),
                        new JobPhase(
                                e.phase(),
                                e.status(),
                                e.progress(),
                                Duration.ofMillis(e.elapsedMillis()),
                                e.message()));
            }
            publish(this);
        }

        @Override
        public void preview(int projectId, Phase phase, byte[] image) {
            preview = image;
            for (BiConsumer<String, byte[]> l : previewListeners) {
                try {
                    l.accept(id, image);
                } catch (RuntimeException e) {
                    LOG.warn("A preview listener failed: {}", e.getMessage());
                }
            }
        }

        synchronized JobInfo info() {
            return new JobInfo(id, projectId, title, status, new ArrayList<>(phases.values()));
        }
    }

    /** Renders what is missing in a project (a new project, or one that stopped part-way). */
    public String render(int projectId, String title) {
        return submit(projectId, title, RenderPlan.MISSING_ONLY);
    }

    @Override
    public String renderChanges(int projectId) {
        return submit(projectId, "Render changes", RenderPlan.MISSING_ONLY);
    }

    @Override
    public ProjectStaleness staleness(int projectId) {
        Staleness plan = pipeline.get().staleness(projectId);
        return new ProjectStaleness(
                plan.keyframes().stream()
                        .filter(k -> k.stale() && k.existing() != null)
                        .map(k -> k.existing().id())
                        .collect(Collectors.toSet()),
                plan.clips().values().stream()
                        .filter(Staleness.ClipPlan::stale)
                        .map(c -> c.scene().id())
                        .collect(Collectors.toSet()),
                plan.characters().values().stream()
                        .filter(Staleness.CharacterPlan::stale)
                        .map(c -> c.character().id())
                        .collect(Collectors.toSet()),
                plan.voiceover().stale(),
                plan.finalVideoStale(),
                (int) plan.count());
    }

    @Override
    public String regenerateKeyframe(int keyframeId, int candidates) {
        Keyframe k = database.read(s -> s.getMapper(KeyframeMapper.class).findById(keyframeId));
        if (k == null) {
            throw new StudioException("Keyframe " + keyframeId + " no longer exists.");
        }
        if (Boolean.TRUE.equals(k.locked())) {
            throw new StudioException(
                    "Keyframe " + k.keyframeId() + " is approved (locked). Unlock it to regenerate it.");
        }
        return submit(
                k.inputRecordId(),
                "Regenerate keyframe " + k.keyframeId() + (candidates > 1 ? " (" + candidates + " candidates)" : ""),
                RenderPlan.keyframe(keyframeId).withCandidates(candidates));
    }

    @Override
    public String regenerateScene(int sceneId) {
        Scene scene = database.read(s -> s.getMapper(SceneMapper.class).findById(sceneId));
        if (scene == null) {
            throw new StudioException("Scene " + sceneId + " no longer exists.");
        }
        return submit(scene.inputRecordId(), "Regenerate scene " + scene.sceneNumber(), RenderPlan.scene(sceneId));
    }

    @Override
    public String regenerateCharacter(int characterId, boolean includeKeyframes, int candidates) {
        Character c = database.read(s -> s.getMapper(CharacterMapper.class).findById(characterId));
        if (c == null) {
            throw new StudioException("Character " + characterId + " no longer exists.");
        }
        return submit(
                c.inputRecordId(),
                "Regenerate " + c.characterName() + (includeKeyframes ? " and keyframes" : "")
                        + (candidates > 1 ? " (" + candidates + " candidates)" : ""),
                RenderPlan.character(characterId, includeKeyframes).withCandidates(candidates));
    }

    /**
     * Cancels one of this session's jobs, or a render running elsewhere (on the team's workers, in another studio or
     * a command-line render) through the job engine, which every worker heeds.
     */
    @Override
    public void cancel(String jobId) {
        if (jobId.startsWith(RenderWatch.ID_PREFIX)) {
            RenderQueue queue = workers != null ? workers : local.queue();
            int projectId = Integer.parseInt(jobId.substring(RenderWatch.ID_PREFIX.length()));
            RenderQueue.Cancelled done;
            try {
                done = queue.cancel(projectId, CANCEL_ELSEWHERE_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (done.foundNothing()) {
                throw new StudioException("Nothing of this render is queued or running on the job engine: it is a"
                        + " regeneration (new takes) in another studio, which can only be cancelled there.");
            }
            if (done.stillRunning() > 0) {
                throw new StudioException("Cancelled; " + done.stillRunning() + " unit(s) still running. Their worker"
                        + " stops them when it next reaches the database; one that does not is dead, and its units"
                        + " are dropped when the engine takes them back.");
            }
            return;
        }
        Job job = jobs.get(jobId);
        if (job != null && job.future != null && !job.status.isFinished()) {
            job.future.cancel(true);
            if (job.status == PhaseStatus.PENDING) {
                job.status = PhaseStatus.CANCELLED;
                publish(job);
            }
        }
    }

    @Override
    public String retry(String jobId) {
        if (jobId.startsWith(RenderWatch.ID_PREFIX)) {
            int projectId = Integer.parseInt(jobId.substring(RenderWatch.ID_PREFIX.length()));
            return submit(projectId, "Render project " + projectId + " (resumed)", RenderPlan.MISSING_ONLY);
        }
        Job job = jobs.get(jobId);
        if (job == null) {
            throw new StudioException("There is no job " + jobId + " to retry.");
        }
        // The pipeline skips what is already done, so a retry picks up at the first unfinished phase.
        return submit(job.projectId, job.title + " (retry)", job.plan);
    }

    /**
     * This session's jobs, newest first, then the latest render of every other recent project from the database
     * (earlier sessions, other studios, a command-line render).
     */
    @Override
    public List<JobInfo> listJobs() {
        List<JobInfo> list = new ArrayList<>(jobs.values().stream()
                .sorted(Comparator.comparing((Job j) -> j.id).reversed())
                .map(Job::info)
                .toList());
        watch.recent().stream()
                .filter(j -> !shadowed(j))
                .map(GenerationJobs::elsewhere)
                .forEach(list::add);
        return list;
    }

    /**
     * A render seen in the database or on the status board is this session's own job when this session has a job
     * for the project, unless that job has ended and the project is running again elsewhere.
     */
    private boolean shadowed(JobInfo seen) {
        boolean runningHere = false;
        boolean any = false;
        for (Job j : jobs.values()) {
            if (j.projectId == seen.projectId()) {
                any = true;
                runningHere |= !j.status.isFinished();
            }
        }
        return runningHere || (any && seen.status() != PhaseStatus.RUNNING);
    }

    private void seen(JobInfo job) {
        if (!shadowed(job)) {
            publish(new JobEvent(elsewhere(job)));
        }
    }

    /** A render this studio does not run: while it runs, its title says so. */
    private static JobInfo elsewhere(JobInfo j) {
        return j.status() == PhaseStatus.RUNNING
                ? new JobInfo(
                        j.jobId(), j.projectId(), j.title() + " · in another studio or process", j.status(), j.phases())
                : j;
    }

    @Override
    public Optional<List<String>> workersOnline() {
        return workers == null
                ? Optional.empty()
                : Optional.of(workers.onlineWorkers().stream()
                        .map(ai.cinboard.domain.RenderWorker::name)
                        .toList());
    }

    @Override
    public String renderOnWorkers(int projectId) {
        if (workers == null) {
            return GenerationService.super.renderOnWorkers(projectId);
        }
        RenderQueue.Queued queued = workers.enqueue(projectId);
        int units = queued.stale().size();
        if (units == 0) {
            return "Nothing to render: the project is up to date.";
        }
        List<String> online = queued.online().stream()
                .map(ai.cinboard.domain.RenderWorker::name)
                .toList();
        return "Queued " + units + (units == 1 ? " render unit" : " render units") + " for the workers; "
                + (online.isEmpty()
                        ? "none is online, so the render waits until one starts."
                        : String.join(", ", online) + (online.size() == 1 ? " is" : " are") + " online.");
    }

    @Override
    public AutoCloseable subscribe(Consumer<JobEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public AutoCloseable subscribePreviews(BiConsumer<String, byte[]> listener) {
        previewListeners.add(listener);
        return () -> previewListeners.remove(listener);
    }

    @Override
    public Optional<byte[]> latestPreview(String jobId) {
        Job job = jobs.get(jobId);
        return job == null ? Optional.empty() : Optional.ofNullable(job.preview);
    }

    private String submit(int projectId, String title, RenderPlan plan) {
        String id = String.format("job-%04d", sequence.incrementAndGet());
        Job job = new Job(id, projectId, title, plan);
        jobs.put(id, job);
        try {
            job.future = executor.submit(() -> run(job));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            jobs.remove(id);
            throw new StudioException("Too many generation jobs are queued; wait for some to finish.");
        }
        publish(job);
        return id;
    }

    private void run(Job job) {
        job.status = PhaseStatus.RUNNING;
        publish(job);
        try {
            if (job.plan.equals(RenderPlan.MISSING_ONLY)) {
                local.render(job.projectId, job);
            } else {
                pipeline.get().run(job.projectId, job.plan, job);
            }
            job.status = PhaseStatus.COMPLETED;
        } catch (CancellationException e) {
            job.status = PhaseStatus.CANCELLED;
        } catch (StudioException e) {
            job.status = PhaseStatus.FAILED;
        } catch (RuntimeException e) {
            LOG.error("Job {} failed unexpectedly", job.id, e);
            job.status = PhaseStatus.FAILED;
        }
        job.preview = null;
        publish(job);
    }

    private void publish(Job job) {
        publish(new JobEvent(job.info()));
    }

    private void publish(JobEvent event) {
        for (Consumer<JobEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("A job listener failed: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        try {
            watching.close();
        } catch (Exception e) {
            LOG.warn("Stopping the render watch: {}", e.getMessage());
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        local.close();
    }
}
