package ai.cinboard.pipeline;

import ai.cinboard.cache.Cache;
import ai.cinboard.domain.FinalVideo;
import ai.cinboard.domain.Line;
import ai.cinboard.domain.MixSettings;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.RecordStatus;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.SubtitleStyle;
import ai.cinboard.generation.ImageEngine;
import ai.cinboard.generation.SpeechEngine;
import ai.cinboard.generation.VideoEngine;
import ai.cinboard.media.MediaStores;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.RenderRepository;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * The second half of the pipeline: characters, keyframes, voiceover, clips and composition, one
 * {@link RenderPhase} each, over one {@link RenderContext}.
 *
 * <p>A render is "render changes": the {@link Staleness} plan, computed once from fingerprints at the start,
 * says what is stale, and each phase makes exactly that, in dependency order. A first render is the same plan
 * with everything stale; a run after a crash or a failure resumes, because what was finished is up to date.
 * Identical generation requests are served from the cache under the spec's keys, built from fingerprints.
 */
public final class RenderPipeline {
    private final Database database;
    /** Hears every phase change of every run, e.g. the shared status board. */
    private final PhaseListener always;

    private final MediaStores media;
    private final Cache cache;
    private final ImageEngine images;
    private final VideoEngine video;
    private final SpeechEngine speech;
    private final SceneScripts scripts;
    private final RenderSettings settings;

    public RenderPipeline(
            Database database,
            MediaStores media,
            Cache cache,
            ImageEngine images,
            VideoEngine video,
            SpeechEngine speech,
            SceneScripts scripts,
            RenderSettings settings,
            PhaseListener always) {
        this.database = database;
        this.always = always;
        this.media = media;
        this.cache = cache;
        this.images = images;
        this.video = video;
        this.speech = speech;
        this.scripts = scripts;
        this.settings = settings;
    }

    /** How many of each artefact this run actually generated or encoded (cache hits and reuse don't count). */
    public record Rerendered(int characters, int keyframes, int voiceover, int clips, int composition) {
        public Map<String, Integer> asMap() {
            Map<String, Integer> m = new LinkedHashMap<>();
            m.put("characters", characters);
            m.put("keyframes", keyframes);
            m.put("voiceover", voiceover);
            m.put("clips", clips);
            m.put("composition", composition);
            return m;
        }
    }

    /** What a render produced, for the CLI's --json and the jobs view. */
    public record Result(
            int projectId,
            int finalVideoId,
            String videoUrl,
            Path videoFile,
            Path srtFile,
            List<Path> thumbnails,
            double durationSeconds,
            Map<String, Long> phaseMillis,
            List<String> warnings,
            Rerendered rerendered) {}

    /** The same pipeline with other engines: another studio's settings, or a test's counting wrappers. */
    public RenderPipeline withEngines(ImageEngine images, VideoEngine video, SpeechEngine speech) {
        return new RenderPipeline(database, media, cache, images, video, speech, scripts, settings, always);
    }

    /** The size, frame rate and frame project {@code projectId} renders at: what its final video is. */
    public RenderSettings settingsOf(int projectId) {
        return settingsFor(new RenderRepository(database).projectSettings(projectId));
    }

    /**
     * The settings a project renders with: these, at the size and frame rate kept with the project, in its frame
     * (see {@link RenderSettings#framed}).
     */
    private RenderSettings settingsFor(RenderRepository.ProjectSettings own) {
        RenderSettings sized = own.size() == null && own.fps() == null
                ? settings
                : new RenderSettings(
                        own.size() == null ? settings.width() : own.size().width(),
                        own.size() == null ? settings.height() : own.size().height(),
                        own.fps() == null ? settings.fps() : own.fps(),
                        settings.keyframesPerScene(),
                        settings.workDir(),
                        settings.encoderThreads());
        return sized.framed(own.aspect());
    }

    private Fingerprints fingerprints(RenderSettings framed) {
        return new Fingerprints(
                images.identity(),
                images.drawsFromReferences(),
                images.drawsCaptions(),
                video.identity(),
                speech::identity,
                framed);
    }

    /**
     * What this pipeline renders with, as its fingerprints see it: the engines, the frame, the keyframes a scene
     * and whether it speaks. Two pipelines with different identities find each other's output stale.
     */
    public String identity() {
        return "images " + images.identity() + ", video " + video.identity() + ", speech "
                + (speech.unavailableReason().isEmpty() ? speech.identity() : "none") + ", " + settings.width() + "x"
                + settings.height() + " at " + settings.fps() + " fps, " + settings.keyframesPerScene()
                + " keyframes a scene";
    }

    /** What is stale in the project now: the same plan a render would follow. */
    public Staleness staleness(int projectId) {
        RenderRepository repository = new RenderRepository(database);
        Project project = repository.load(projectId);
        RenderRepository.ProjectSettings own = repository.projectSettings(projectId);
        return staleness(
                project,
                scripts.linesByScene(project),
                RenderPlan.MISSING_ONLY,
                own.mix(),
                own.subtitles(),
                settingsFor(own));
    }

    private Staleness staleness(
            Project project,
            Map<Integer, List<Line>> lines,
            RenderPlan request,
            MixSettings mix,
            SubtitleStyle subtitles,
            RenderSettings framed) {
        return Staleness.of(
                project,
                lines,
                fingerprints(framed),
                request,
                settings.keyframesPerScene(),
                speech.unavailableReason().isEmpty(),
                mix,
                subtitles,
                media::exists);
    }

    public Result run(int projectId, RenderPlan request, PhaseListener listener) {
        RenderContext ctx = context(projectId, request, plan -> plan);
        PhaseRecorder recorder = new PhaseRecorder(database, listener, always);
        Map<String, Long> millis = new LinkedHashMap<>();
        CompositionPhase composition = new CompositionPhase();
        // The voiceover comes before the clips: a scene its speech outlasts is lengthened first, so each clip
        // is made once at its final length.
        List<RenderPhase> phases = List.of(
                new CharactersPhase(), new KeyframesPhase(), new VoiceoverPhase(), new ClipsPhase(), composition);
        for (RenderPhase phase : phases) {
            runPhase(recorder, ctx, phase, millis, Map.of());
        }
        new RenderRepository(database).markCompleted(projectId);
        FinalVideo made = composition.result();
        return new Result(
                projectId,
                made.id(),
                made.videoUrl(),
                composition.videoFile(),
                composition.srtFile(),
                composition.thumbnails(),
                made.durationSeconds(),
                millis,
                new ArrayList<>(ctx.warnings),
                rerendered(ctx));
    }

    /** What one unit's run made: the counts, each phase's wall time and the warnings. */
    public record UnitRun(Rerendered made, Map<String, Long> phaseMillis, List<String> warnings) {}

    /**
     * Runs one unit of a render, as a worker does: its phase of {@link #run}, over a plan computed now and narrowed
     * to the unit, so a unit that runs again after its worker died makes only what is still stale. {@code runBy}
     * goes into the phase's {@code phase_data} (the unit, its worker and attempt). A unit that is still stale after
     * it ran failed, even if its phase didn't throw. Whichever unit ends with nothing left stale marks the project
     * completed: usually the composition, but the mastering, which the composition never waits for, can end after
     * it, and its phase (like any) marks the project as processing again.
     */
    public UnitRun runUnit(RenderUnit unit, Map<String, Object> runBy, PhaseListener listener) {
        RenderContext ctx = context(unit.projectId(), RenderPlan.MISSING_ONLY, plan -> switch (unit.kind()) {
            case KEYFRAME -> plan.forKeyframe(unit.id(), unit.sequence());
            case CLIP -> plan.forClip(unit.id());
            case CHARACTER -> plan.forCharacter(unit.id());
            case MASTERING -> plan.forMastering();
            case VOICEOVER, COMPOSITION -> plan;
        });
        PhaseRecorder recorder = new PhaseRecorder(database, listener, always);
        Map<String, Long> millis = new LinkedHashMap<>();
        RenderPhase phase = switch (unit.kind()) {
            case CHARACTER -> new CharactersPhase();
            case VOICEOVER -> new VoiceoverPhase();
            case MASTERING -> new MasteringPhase();
            case KEYFRAME -> new KeyframesPhase();
            case CLIP -> new ClipsPhase();
            case COMPOSITION -> new CompositionPhase();
        };
        try {
            runPhase(recorder, ctx, phase, millis, runBy);
        } catch (RuntimeException e) {
            if (unit.kind() == RenderUnit.Kind.MASTERING) {
                completedIfNothingStale(unit.projectId()); // a failed head start doesn't fail a finished render
            }
            throw e;
        }
        Staleness after = staleness(unit.projectId());
        if (after.staleUnits(unit.projectId()).contains(unit)) {
            throw new StudioException("The render unit " + unit.key() + " ran but is still stale; it will be retried.");
        }
        if (!after.anythingStale()) {
            new RenderRepository(database).markCompleted(unit.projectId());
        }
        return new UnitRun(rerendered(ctx), millis, List.copyOf(ctx.warnings));
    }

    private void completedIfNothingStale(int projectId) {
        try {
            if (!staleness(projectId).anythingStale()) {
                new RenderRepository(database).markCompleted(projectId);
            }
        } catch (RuntimeException e) {
            // the unit's own failure is what its worker reports; this one shows at the project's next step
        }
    }

    /**
     * A finished render's result as {@link #run} gives it, for a render whose units ran elsewhere (the job engine's
     * workers, in this process or another): the project's current final video, with local copies of it and its
     * subtitles and thumbnails, and what the units reported.
     */
    public Result finished(int projectId, Rerendered made, Map<String, Long> phaseMillis, List<String> warnings) {
        RenderContext ctx = context(projectId, RenderPlan.MISSING_ONLY, plan -> plan);
        FinalVideo video = ctx.project().finalVideos().stream()
                .max(java.util.Comparator.comparing(FinalVideo::id))
                .orElseThrow(() -> new StudioException("Project " + projectId + " has no final video yet."));
        try {
            return finished(ctx, video, made, phaseMillis, warnings);
        } catch (IOException e) {
            throw new StudioException(
                    "Could not copy project " + projectId + "'s final video from the media store: " + e.getMessage(),
                    e);
        }
    }

    private static Result finished(
            RenderContext ctx, FinalVideo video, Rerendered made, Map<String, Long> phaseMillis, List<String> warnings)
            throws IOException {
        int projectId = ctx.projectId;
        Path work = ctx.workDir("compose");
        Object srt =
                video.compositionData() == null ? null : video.compositionData().get("srt_url");
        List<Path> thumbnails = new ArrayList<>();
        for (String url : video.thumbnailUrls() == null ? List.<String>of() : video.thumbnailUrls()) {
            thumbnails.add(ctx.download(url, work));
        }
        return new Result(
                projectId,
                video.id(),
                video.videoUrl(),
                ctx.download(video.videoUrl(), work),
                srt instanceof String url ? ctx.download(url, work) : null,
                thumbnails,
                ai.cinboard.domain.ExactLength.of(video.compositionData())
                        .map(java.math.BigDecimal::doubleValue)
                        .orElse((double) video.durationSeconds()),
                phaseMillis,
                warnings,
                made);
    }

    private static Rerendered rerendered(RenderContext ctx) {
        return new Rerendered(
                ctx.charactersMade.get(),
                ctx.keyframesMade.get(),
                ctx.voiceoversMade.get(),
                ctx.clipsMade.get(),
                ctx.compositionsMade.get());
    }

    /** The project as loaded now, checked renderable, with its plan of what is stale ({@code narrow}ed). */
    private RenderContext context(
            int projectId, RenderPlan request, java.util.function.UnaryOperator<Staleness> narrow) {
        RenderRepository repository = new RenderRepository(database);
        Project project = repository.load(projectId);
        RecordStatus status = project.record().status();
        if (status == RecordStatus.REFUSED || status == RecordStatus.BLOCKED) {
            throw new StudioException(
                    "Project " + projectId + " was " + status.dbValue() + " at intake and can't be rendered.");
        }
        if (project.scenes().isEmpty()) {
            throw new StudioException("Project " + projectId + " has no scenes; run intake (analyze) first.");
        }
        // Scene ids don't change during a run, so the script lines are worked out once for all phases.
        Map<Integer, List<Line>> lines = scripts.linesByScene(project);
        RenderRepository.ProjectSettings own = repository.projectSettings(projectId);
        RenderSettings framed = settingsFor(own);
        return new RenderContext(
                projectId,
                project,
                framed,
                images,
                video,
                speech,
                fingerprints(framed),
                lines,
                repository,
                narrow.apply(staleness(project, lines, request, own.mix(), own.subtitles(), framed)),
                media,
                cache,
                scripts,
                own.mix(),
                own.subtitles());
    }

    private static void runPhase(
            PhaseRecorder recorder,
            RenderContext ctx,
            RenderPhase phase,
            Map<String, Long> millis,
            Map<String, Object> runBy) {
        RenderContext.checkCancelled();
        long start = System.nanoTime();
        PhaseRecorder.Run run = recorder.start(ctx.projectId, phase.phase(), runBy);
        try {
            PhaseReport report = phase.run(ctx, run);
            if (report.skippedReason() != null) {
                run.skip(report.skippedReason(), report.phaseData());
            } else {
                run.complete(report.phaseData());
            }
        } catch (CancellationException e) {
            run.cancel();
            throw e;
        } catch (RuntimeException | IOException e) {
            if (Thread.currentThread().isInterrupted() || hasCause(e, InterruptedException.class)) {
                run.cancel();
                throw new CancellationException(
                        "Cancelled during " + phase.phase().dbValue());
            }
            String message = e instanceof StudioException
                    ? e.getMessage()
                    : "The " + phase.phase().dbValue() + " phase failed: " + e.getMessage()
                            + ". Retry it; if it fails again, run with CINBOARD_LOG=debug and report the log.";
            run.fail(message, Map.of("exception", e.getClass().getName()));
            throw e instanceof StudioException se ? se : new StudioException(message, e);
        } finally {
            millis.put(phase.phase().dbValue(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
