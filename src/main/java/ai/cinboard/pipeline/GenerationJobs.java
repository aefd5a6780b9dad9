package ai.cinboard.pipeline;

import ai.cinboard.domain.Character;
import ai.cinboard.domain.InputRecord;
import ai.cinboard.domain.Keyframe;
import ai.cinboard.domain.Phase;
import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.domain.ProcessingStatus;
import ai.cinboard.domain.Scene;
import ai.cinboard.domain.StudioException;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.mapper.CharacterMapper;
import ai.cinboard.persistence.mapper.InputRecordMapper;
import ai.cinboard.persistence.mapper.KeyframeMapper;
import ai.cinboard.persistence.mapper.ProcessingStatusMapper;
import ai.cinboard.persistence.mapper.SceneMapper;
import ai.cinboard.service.GenerationService;
import ai.cinboard.service.JobEvent;
import ai.cinboard.service.JobInfo;
import ai.cinboard.service.JobPhase;
import ai.cinboard.service.ProjectStaleness;
import ai.cinboard.service.ProjectSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    private final Database database;
    private final Supplier<RenderPipeline> pipeline;
    private final ThreadPoolExecutor executor;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final List<Consumer<JobEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<String, byte[]>> previewListeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    /** Jobs of earlier sessions, read once: they can't change, and a project rendered again shows its live job. */
    private volatile List<JobInfo> earlier;

    public GenerationJobs(Database database, Supplier<RenderPipeline> pipeline, int threads) {
        this.database = database;
        this.pipeline = pipeline;
        AtomicInteger n = new AtomicInteger();
        this.executor =
                new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256), r -> {
                    Thread t = new Thread(r, "generation-" + n.incrementAndGet());
                    t.setDaemon(true);
                    t.setPriority(Thread.NORM_PRIORITY - 1); // keep the UI responsive while encoding
                    return t;
                });
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
        public void preview(int inputRecordId, Phase phase, byte[] image) {
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

    @Override
    public void cancel(String jobId) {
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
        if (jobId.startsWith(EARLIER_PREFIX)) {
            int projectId = Integer.parseInt(jobId.substring(EARLIER_PREFIX.length()));
            return submit(projectId, "Render project " + projectId + " (resumed)", RenderPlan.MISSING_ONLY);
        }
        Job job = jobs.get(jobId);
        if (job == null) {
            throw new StudioException("There is no job " + jobId + " to retry.");
        }
        // The pipeline skips what is already done, so a retry picks up at the first unfinished phase.
        return submit(job.projectId, job.title + " (retry)", job.plan);
    }

    /** This session's jobs, newest first, then the latest run of every other recent project from the database. */
    @Override
    public List<JobInfo> listJobs() {
        List<JobInfo> list = new ArrayList<>(jobs.values().stream()
                .sorted(Comparator.comparing((Job j) -> j.id).reversed())
                .map(Job::info)
                .toList());
        Set<Integer> live = list.stream().map(JobInfo::projectId).collect(Collectors.toSet());
        earlier().stream().filter(j -> !live.contains(j.projectId())).forEach(list::add);
        return list;
    }

    private static final String EARLIER_PREFIX = "earlier-";
    private static final int EARLIER_PROJECTS = 50;

    private List<JobInfo> earlier() {
        List<JobInfo> known = earlier;
        if (known == null) {
            List<ProcessingStatus> rows =
                    database.read(s -> s.getMapper(ProcessingStatusMapper.class).listLatestPerPhase(EARLIER_PROJECTS));
            Map<Integer, List<ProcessingStatus>> byProject = rows.stream()
                    .collect(Collectors.groupingBy(
                            ProcessingStatus::inputRecordId, java.util.LinkedHashMap::new, Collectors.toList()));
            Map<Integer, String> titles =
                    database
                            .read(s -> s.getMapper(InputRecordMapper.class).listByIds(List.copyOf(byProject.keySet())))
                            .stream()
                            .collect(Collectors.toMap(InputRecord::id, r -> ProjectSummary.titleOf(r.rawInput())));
            known = byProject.entrySet().stream()
                    .map(e -> earlierJob(
                            e.getKey(), titles.getOrDefault(e.getKey(), "project " + e.getKey()), e.getValue()))
                    .toList();
            earlier = known;
        }
        return known;
    }

    /** A project's phases as an earlier session left them; the worst phase says how the run ended. */
    private static JobInfo earlierJob(int projectId, String title, List<ProcessingStatus> rows) {
        List<JobPhase> phases = rows.stream()
                .sorted(Comparator.comparing(ProcessingStatus::phase))
                .map(r -> new JobPhase(
                        r.phase(),
                        r.status(),
                        r.progressPercentage() == null ? 0 : r.progressPercentage(),
                        r.durationSeconds() != null
                                ? Duration.ofSeconds(r.durationSeconds())
                                : r.startedAt() != null && r.completedAt() != null
                                        ? Duration.between(r.startedAt(), r.completedAt())
                                        : Duration.ZERO,
                        r.errorMessage()))
                .toList();
        PhaseStatus status = PhaseStatus.COMPLETED;
        for (PhaseStatus worst :
                List.of(PhaseStatus.FAILED, PhaseStatus.BLOCKED, PhaseStatus.INTERRUPTED, PhaseStatus.CANCELLED)) {
            if (phases.stream().anyMatch(p -> p.status() == worst)) {
                status = worst;
                break;
            }
        }
        return new JobInfo(EARLIER_PREFIX + projectId, projectId, "Earlier session: render " + title, status, phases);
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
            pipeline.get().run(job.projectId, job.plan, job);
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
        JobEvent event = new JobEvent(job.info());
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
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
