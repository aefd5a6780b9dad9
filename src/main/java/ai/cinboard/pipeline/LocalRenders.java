package ai.cinboard.pipeline;

import ai.cinboard.domain.Phase;
import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.UnitState;
import ai.cinboard.persistence.Database;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Renders on this machine through the job engine, the path the team's workers take: the project's stale units are
 * queued in the engine over the studio's database (its own task, see {@link RenderQueue#ofStudio}), and a worker in
 * this process takes them. So the single-machine studio, the window's local renders in a team and the command line
 * get the engine's queueing, dependencies and resume after a crash, and there is one render path. The worker
 * starts with the first render and stops when this closes.
 *
 * <p>A unit that fails is not retried here (the creator retries the render, as with any local job); the render
 * fails with that unit's error once nothing of the project is left to run.
 */
public final class LocalRenders implements AutoCloseable {
    /** A render seen waiting longer than this without news checks the engine again (units run elsewhere too). */
    private static final long RECHECK_MILLIS = 500;

    private final RenderQueue queue;
    private final RenderPipeline pipeline;
    private final RenderQueue.WorkerSettings settings;
    private final Map<Integer, Render> renders = new ConcurrentHashMap<>();
    private RenderQueue.Worker worker;

    /**
     * {@code studio} names this studio (its machine and home) in the engine: its units are its own, whichever of its
     * processes (the window, a command-line render) runs them. {@code concurrency}: how many units run at once (the
     * render's encoder threads: scenes side by side).
     */
    public LocalRenders(Database database, RenderPipeline pipeline, String studio, int concurrency) {
        this.queue = RenderQueue.ofStudio(database, pipeline, studio);
        this.pipeline = pipeline;
        this.settings = new RenderQueue.WorkerSettings(
                studio + "-" + ProcessHandle.current().pid(),
                concurrency,
                RenderQueue.WorkerSettings.DEFAULT_HEARTBEAT,
                RenderQueue.WorkerSettings.DEFAULT_POLLING,
                RenderQueue.WorkerSettings.DEFAULT_FINISH_ON_STOP,
                true);
    }

    /**
     * The render was cancelled from another studio or process ({@link RenderQueue#cancel}), not by interrupting the
     * thread waiting for it: a batch goes on with its next story.
     */
    public static final class CancelledElsewhere extends CancellationException {
        CancelledElsewhere(int projectId) {
            super("The render of project " + projectId + " was cancelled from another studio or process.");
        }
    }

    /** What the units of one render made here, added up. */
    public record Outcome(RenderPipeline.Rerendered made, Map<String, Long> phaseMillis, List<String> warnings) {}

    /**
     * Renders what is stale in the project and returns when nothing of it is left in the engine. An interrupt
     * cancels it: its queued units leave the engine, its running ones stop, and a {@link CancellationException}
     * follows, as when it is cancelled from elsewhere ({@link RenderQueue#cancel}). A unit's failure ends it with
     * that unit's error.
     */
    public Outcome render(int projectId, PhaseListener listener) {
        RenderQueue.Worker w = worker();
        Render render = new Render(projectId, listener);
        if (renders.putIfAbsent(projectId, render) != null) {
            throw new StudioException("Project " + projectId + " is already rendering here; wait for it to finish.");
        }
        try {
            render.expect(queue.enqueue(projectId).stale());
            w.poke();
            while (queue.pending(projectId)) {
                render.await();
            }
        } catch (InterruptedException e) {
            cancel(w, projectId);
            throw new CancellationException("Cancelled");
        } finally {
            renders.remove(projectId);
        }
        if (queue.cancelled(projectId)) {
            throw new CancelledElsewhere(projectId);
        }
        if (!queue.upToDate(projectId)) {
            throw new StudioException(render.failure()
                    .or(() -> RenderQueue.lastError(queue.units(projectId)).map(UnitState::error))
                    .orElse("The render of project " + projectId + " stopped with work left; render it again."));
        }
        render.settle();
        return render.outcome();
    }

    /**
     * {@link #render}, then the result as {@link RenderPipeline#run} gives it, with local copies of the final video,
     * its subtitles and thumbnails: what a command-line render prints and copies out.
     */
    public RenderPipeline.Result renderToResult(int projectId, PhaseListener listener) {
        Outcome done = render(projectId, listener);
        return pipeline.finished(projectId, done.made(), done.phaseMillis(), done.warnings());
    }

    /** The project's units leave the engine; an interrupt while they wind down still waits for them to stop. */
    private static void cancel(RenderQueue.Worker w, int projectId) {
        boolean interrupted = false;
        while (true) {
            try {
                w.cancel(projectId);
                break;
            } catch (InterruptedException again) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** This studio's queue: cancelling a render through it reaches whichever worker runs it. */
    public RenderQueue queue() {
        return queue;
    }

    private synchronized RenderQueue.Worker worker() {
        if (worker == null) {
            worker = queue.startWorker(settings, new Events());
        }
        return worker;
    }

    @Override
    public synchronized void close() {
        if (worker != null) {
            worker.close();
            worker = null;
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LocalRenders.class);

    /** Projects whose units this worker took with no render of them waiting here: said once each. */
    private final java.util.Set<Integer> resumedHere = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * The worker's news, handed to the render of the unit's project. A unit of a project no render here waits for
     * is an earlier render's, interrupted (its process was killed) and given back to the engine: the worker goes
     * on with it, as the engine resumes any render, and says so, since the command or window that runs now is
     * about another project.
     */
    private final class Events implements RenderQueue.WorkerEvents {
        @Override
        public void took(RenderUnit unit, int attempt) {
            if (!renders.containsKey(unit.projectId()) && resumedHere.add(unit.projectId())) {
                LOG.info(
                        "Resuming the render of project {} beside this one: an earlier run left it unfinished. When"
                                + " it is done, export it (export {} --format mp4 --out FILE).",
                        unit.projectId(),
                        unit.projectId());
            }
        }

        @Override
        public void changed(PhaseEvent event) {
            Render r = renders.get(event.projectId());
            if (r != null) {
                r.changed(event);
            }
        }

        @Override
        public void preview(int projectId, Phase phase, byte[] image) {
            Render r = renders.get(projectId);
            if (r != null) {
                r.listener.preview(projectId, phase, image);
            }
        }

        @Override
        public void finished(RenderUnit unit, RenderPipeline.UnitRun run, double seconds) {
            Render r = renders.get(unit.projectId());
            if (r != null) {
                r.finished(run);
            }
        }

        @Override
        public void failed(RenderUnit unit, int attempt, boolean last, RuntimeException e) {
            Render r = renders.get(unit.projectId());
            if (r != null) {
                r.failed(e);
            }
        }
    }

    /**
     * One waiting render. Its listener hears the render's phases, not the units': a phase runs from its first unit
     * until its last one is done, and its progress counts the units done (each keyframe is one unit of the
     * keyframes phase; the mastering counts in the voiceover phase).
     */
    private static final class Render {
        final int projectId;
        final PhaseListener listener;
        private final Map<Phase, Integer> expected = new EnumMap<>(Phase.class);
        private final Map<Phase, Integer> done = new EnumMap<>(Phase.class);
        private final Map<Phase, Long> firstStarted = new EnumMap<>(Phase.class);
        /** The status row each phase last reported on. */
        private final Map<Phase, Integer> lastStatus = new EnumMap<>(Phase.class);

        private final Map<String, Long> millis = new LinkedHashMap<>();
        private final List<String> warnings = new CopyOnWriteArrayList<>();
        private final int[] made = new int[5];
        private String failure;

        Render(int projectId, PhaseListener listener) {
            this.projectId = projectId;
            this.listener = listener;
        }

        /**
         * Counts the units each phase waits for. A voiceover made anew brings a mastering that is queued only once
         * it is made (the mastering masters the voiceover it finds), so it is counted now: otherwise the voiceover
         * phase read as done after the voiceover, and again after the mastering.
         */
        synchronized void expect(List<RenderUnit> units) {
            for (RenderUnit u : units) {
                for (Phase p : u.kind().phases) {
                    expected.merge(p, 1, Integer::sum);
                }
            }
            java.util.Set<RenderUnit.Kind> kinds =
                    units.stream().map(RenderUnit::kind).collect(java.util.stream.Collectors.toSet());
            // the mastering is made only for a final video still to compose (see Staleness)
            if (kinds.contains(RenderUnit.Kind.VOICEOVER)
                    && kinds.contains(RenderUnit.Kind.COMPOSITION)
                    && !kinds.contains(RenderUnit.Kind.MASTERING)) {
                for (Phase p : RenderUnit.Kind.MASTERING.phases) {
                    expected.merge(p, 1, Integer::sum);
                }
            }
        }

        /**
         * Ends the phases whose units were fewer than counted (a mastering the composition made needless), so none
         * is left looking unfinished once the render is.
         */
        synchronized void settle() {
            expected.forEach((phase, total) -> {
                int finished = done.getOrDefault(phase, 0);
                if (finished > 0 && finished < total) {
                    done.put(phase, total);
                    long elapsed = (System.nanoTime() - firstStarted.get(phase)) / 1_000_000;
                    listener.changed(new PhaseListener.PhaseEvent(
                            projectId, lastStatus.get(phase), phase, PhaseStatus.COMPLETED, 100, null, elapsed, null));
                }
            });
        }

        synchronized void changed(PhaseListener.PhaseEvent e) {
            int total = Math.max(1, expected.getOrDefault(e.phase(), 1));
            int finished = done.getOrDefault(e.phase(), 0);
            firstStarted.putIfAbsent(e.phase(), System.nanoTime() - e.elapsedMillis() * 1_000_000);
            lastStatus.put(e.phase(), e.statusId());
            PhaseStatus status = e.status();
            int progress;
            if (status == PhaseStatus.COMPLETED || status == PhaseStatus.SKIPPED) {
                finished = done.merge(e.phase(), 1, Integer::sum);
                boolean all = finished >= total;
                status = all ? status : PhaseStatus.RUNNING;
                progress = all ? 100 : finished * 100 / total;
            } else {
                progress = (finished * 100 + e.progress()) / total;
            }
            long elapsed = (System.nanoTime() - firstStarted.get(e.phase())) / 1_000_000;
            listener.changed(new PhaseListener.PhaseEvent(
                    e.projectId(),
                    e.statusId(),
                    e.phase(),
                    status,
                    Math.min(100, progress),
                    e.message(),
                    elapsed,
                    e.worker()));
            notifyAll();
        }

        synchronized void finished(RenderPipeline.UnitRun run) {
            RenderPipeline.Rerendered r = run.made();
            int[] counts = {r.characters(), r.keyframes(), r.voiceover(), r.clips(), r.composition()};
            for (int i = 0; i < made.length; i++) {
                made[i] += counts[i];
            }
            run.phaseMillis().forEach((phase, ms) -> millis.merge(phase, ms, Long::sum));
            warnings.addAll(run.warnings());
            notifyAll();
        }

        synchronized void failed(RuntimeException e) {
            failure = e.getMessage();
            notifyAll();
        }

        synchronized void await() throws InterruptedException {
            wait(RECHECK_MILLIS);
        }

        synchronized java.util.Optional<String> failure() {
            return java.util.Optional.ofNullable(failure);
        }

        synchronized Outcome outcome() {
            Map<String, Long> ordered = new LinkedHashMap<>();
            for (Phase p :
                    List.of(Phase.CHARACTERS, Phase.KEYFRAMES, Phase.VOICEOVER, Phase.CLIPS, Phase.COMPOSITION)) {
                Long ms = millis.get(p.dbValue());
                if (ms != null) {
                    ordered.put(p.dbValue(), ms);
                }
            }
            return new Outcome(
                    new RenderPipeline.Rerendered(made[0], made[1], made[2], made[3], made[4]),
                    ordered,
                    new ArrayList<>(warnings));
        }
    }
}
