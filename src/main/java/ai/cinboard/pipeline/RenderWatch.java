package ai.cinboard.pipeline;

import ai.cinboard.cache.StatusBoard;
import ai.cinboard.cache.StatusUpdate;
import ai.cinboard.domain.InputRecord;
import ai.cinboard.domain.Phase;
import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.domain.ProcessingStatus;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.mapper.InputRecordMapper;
import ai.cinboard.persistence.mapper.ProcessingStatusMapper;
import ai.cinboard.service.JobInfo;
import ai.cinboard.service.JobPhase;
import ai.cinboard.service.ProjectSummary;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders seen from anywhere: every process that renders writes {@code processing_statuses} and publishes each
 * phase change on the status board. {@link #recent} reads the table; {@link #watch} follows changes, live from
 * the board's topic when it is shared (Redis: other studios, a CLI {@code render}, a worker), otherwise by polling
 * the table. One render per project: the latest run of each of its phases.
 */
public final class RenderWatch {
    private static final Logger LOG = LoggerFactory.getLogger(RenderWatch.class);
    /** Job ids of renders known from the table or the board rather than from this process's executor. */
    public static final String ID_PREFIX = "project-";

    public static final int RECENT_PROJECTS = 50;

    private final Database database;
    private final StatusBoard board;
    private final Duration pollInterval;
    private final Map<Integer, String> titles = new ConcurrentHashMap<>();

    public RenderWatch(Database database, StatusBoard board, Duration pollInterval) {
        this.database = Objects.requireNonNull(database, "database");
        this.board = board;
        this.pollInterval = pollInterval;
    }

    /** True when changes arrive from the board's shared topic; false when {@link #watch} polls the database. */
    public boolean live() {
        return board != null && board.shared();
    }

    /** The latest render of the {@link #RECENT_PROJECTS} newest projects, newest first. */
    public List<JobInfo> recent() {
        return recentRuns().stream().map(Run::job).toList();
    }

    /**
     * A render as the table holds it, with the ids of its phases' rows: what tells one run from the next when both
     * ended the same way (a render made again between two polls). Null rows: a change heard on the topic.
     */
    private record Run(JobInfo job, List<Integer> rows) {}

    private List<Run> recentRuns() {
        List<ProcessingStatus> rows =
                database.read(s -> s.getMapper(ProcessingStatusMapper.class).listLatestPerPhase(RECENT_PROJECTS));
        Map<Integer, List<ProcessingStatus>> byProject = rows.stream()
                .collect(Collectors.groupingBy(
                        ProcessingStatus::inputRecordId, LinkedHashMap::new, Collectors.toList()));
        rememberTitles(List.copyOf(byProject.keySet()));
        OffsetDateTime now = OffsetDateTime.now();
        return byProject.entrySet().stream()
                .map(e -> new Run(
                        job(e.getKey(), fromRows(e.getValue(), now)),
                        e.getValue().stream().map(ProcessingStatus::id).sorted().toList()))
                .toList();
    }

    /** The project's title, as the library shows it. */
    public String title(int projectId) {
        String t = titles.get(projectId);
        if (t == null) {
            rememberTitles(List.of(projectId));
            t = titles.getOrDefault(projectId, "project " + projectId);
        }
        return t;
    }

    private void rememberTitles(List<Integer> ids) {
        List<Integer> missing = ids.stream().filter(i -> !titles.containsKey(i)).toList();
        if (missing.isEmpty()) {
            return;
        }
        List<InputRecord> records =
                database.read(s -> s.getMapper(InputRecordMapper.class).listByIds(missing));
        records.forEach(r -> titles.put(r.id(), ProjectSummary.titleOf(r.rawInput())));
    }

    private static Map<Phase, JobPhase> fromRows(List<ProcessingStatus> rows, OffsetDateTime now) {
        Map<Phase, JobPhase> phases = new EnumMap<>(Phase.class);
        for (ProcessingStatus r : rows) {
            // From the timestamps where there are both: duration_seconds is whole seconds, and a phase a worker ran
            // in 0.4 s would show as taking no time at all.
            Duration elapsed = r.startedAt() != null && r.completedAt() != null
                    ? Duration.between(r.startedAt(), r.completedAt())
                    : r.durationSeconds() != null
                            ? Duration.ofSeconds(r.durationSeconds())
                            : r.startedAt() != null ? Duration.between(r.startedAt(), now) : Duration.ZERO;
            phases.put(
                    r.phase(),
                    new JobPhase(
                            r.phase(),
                            r.status(),
                            r.progressPercentage() == null ? 0 : r.progressPercentage(),
                            elapsed.isNegative() ? Duration.ZERO : elapsed,
                            r.errorMessage(),
                            r.phaseData() != null && r.phaseData().get("worker") instanceof String w ? w : null));
        }
        return phases;
    }

    /** A project's render: running while any phase runs, otherwise ended as its worst phase says. */
    private JobInfo job(int projectId, Map<Phase, JobPhase> phases) {
        List<JobPhase> list = new ArrayList<>(phases.values());
        list.sort(Comparator.comparing(JobPhase::phase));
        PhaseStatus status = PhaseStatus.COMPLETED;
        if (list.stream().anyMatch(p -> p.status() == PhaseStatus.RUNNING)) {
            status = PhaseStatus.RUNNING;
        } else {
            for (PhaseStatus worst :
                    List.of(PhaseStatus.FAILED, PhaseStatus.BLOCKED, PhaseStatus.INTERRUPTED, PhaseStatus.CANCELLED)) {
                if (list.stream().anyMatch(p -> p.status() == worst)) {
                    status = worst;
                    break;
                }
            }
        }
        return new JobInfo(ID_PREFIX + projectId, projectId, "Render " + title(projectId), status, list);
    }

    /**
     * Calls {@code listener} with a project's render whenever it changes (a phase starts, progresses, ends or
     * fails), on a background thread, until the handle is closed. Elapsed time alone is not a change.
     */
    public AutoCloseable watch(Consumer<JobInfo> listener) {
        Objects.requireNonNull(listener, "listener");
        Map<Integer, Map<Phase, JobPhase>> known = new ConcurrentHashMap<>();
        Map<Integer, List<Object>> lastSent = new ConcurrentHashMap<>();
        // The rows each project's render was last seen with: the topic's events carry none, and keep these, so that
        // when Redis is lost the first poll re-sends only the renders that changed.
        Map<Integer, List<Integer>> lastRows = new ConcurrentHashMap<>();
        Consumer<Run> emit = run -> {
            JobInfo job = run.job();
            List<Integer> rows = run.rows() == null ? lastRows.getOrDefault(job.projectId(), List.of()) : run.rows();
            lastRows.put(job.projectId(), rows);
            List<Object> key = changeKey(new Run(job, rows));
            if (!key.equals(lastSent.put(job.projectId(), key))) {
                try {
                    listener.accept(job);
                } catch (RuntimeException e) {
                    LOG.warn("A render watcher failed: {}", e.getMessage());
                }
            }
        };
        for (Run r : recentRuns()) {
            known.put(r.job().projectId(), phaseMap(r.job()));
            lastSent.put(r.job().projectId(), changeKey(r));
            lastRows.put(r.job().projectId(), r.rows());
        }
        AutoCloseable subscription = () -> {};
        if (live()) {
            subscription = board.subscribe(u -> {
                Phase phase;
                PhaseStatus status;
                try {
                    phase = Phase.fromDb(u.phase());
                    status = PhaseStatus.fromDb(u.status());
                } catch (IllegalArgumentException e) {
                    return; // a newer studio's phase: nothing this version can show
                }
                Map<Phase, JobPhase> phases = known.computeIfAbsent(u.inputId(), id -> new EnumMap<>(Phase.class));
                JobInfo job;
                synchronized (phases) {
                    if (status == PhaseStatus.RUNNING && u.progressPercent() == 0) {
                        // A new run: the phases after this one are from the previous run, if any.
                        phases.keySet().removeIf(p -> p.ordinal() > phase.ordinal());
                    }
                    phases.put(phase, fromUpdate(phase, status, u));
                    job = job(u.inputId(), phases);
                }
                emit.accept(new Run(job, null)); // the topic tells every change as it happens, without rows
            });
        }
        boolean subscribed = live();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "render-watch-poll");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(50, pollInterval.toMillis());
        poller.scheduleWithFixedDelay(
                () -> {
                    try {
                        // Live from the topic while Redis answers; polling the database while it doesn't.
                        if (!subscribed || !board.reachable()) {
                            recentRuns().forEach(emit);
                        }
                    } catch (RuntimeException e) {
                        LOG.warn("Polling processing_statuses failed: {}", e.getMessage());
                    }
                },
                ms,
                ms,
                TimeUnit.MILLISECONDS);
        AutoCloseable topic = subscription;
        return () -> {
            poller.shutdownNow();
            topic.close();
        };
    }

    /**
     * What a change is: elapsed time alone is not one, but another run is, even when it ended as the last one did
     * (a render made again between two polls, perhaps by another worker).
     */
    private static List<Object> changeKey(Run r) {
        List<Object> key = r.job().phases().stream()
                .map(p -> List.<Object>of(
                        p.phase(), p.status(), p.progress(), String.valueOf(p.error()), String.valueOf(p.worker())))
                .collect(Collectors.toList());
        key.add(r.rows());
        return key;
    }

    private static Map<Phase, JobPhase> phaseMap(JobInfo j) {
        Map<Phase, JobPhase> m = new EnumMap<>(Phase.class);
        j.phases().forEach(p -> m.put(p.phase(), p));
        return m;
    }

    private static JobPhase fromUpdate(Phase phase, PhaseStatus status, StatusUpdate u) {
        boolean error = status == PhaseStatus.FAILED
                || status == PhaseStatus.BLOCKED
                || status == PhaseStatus.CANCELLED
                || status == PhaseStatus.INTERRUPTED;
        String message = u.message() == null || u.message().isBlank() ? null : u.message();
        return new JobPhase(
                phase,
                status,
                u.progressPercent(),
                Duration.ofMillis(u.elapsedMillis()),
                error ? message : null,
                u.worker());
    }
}
