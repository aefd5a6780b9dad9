package ai.cinboard.app.cli;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.AspectRatio;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.SubtitleStyle;
import ai.cinboard.domain.Transition;
import ai.cinboard.media.ffmpeg.Loudness;
import ai.cinboard.persistence.ProjectAccess;
import ai.cinboard.persistence.ProjectRepository;
import ai.cinboard.persistence.RenderRepository;
import ai.cinboard.pipeline.IntakePipeline;
import ai.cinboard.pipeline.ProjectMix;
import ai.cinboard.pipeline.ProjectMix.Change;
import ai.cinboard.pipeline.RenderPipeline;
import ai.cinboard.pipeline.RenderSettings;
import ai.cinboard.pipeline.StoryInput;
import ai.cinboard.text.LanguageDetector;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code render FILE}: from intake to the final video. Rendering the same story again resumes its
 * unfinished project (after a crash, a failure or a cancel) instead of starting over.
 */
@Command(
        name = "render",
        description = "Render a story to a final MP4: intake, characters, keyframes, clips,"
                + " voiceover and composition. Rendering the same story again resumes where it stopped.")
public final class RenderCommand implements Callable<Integer> {
    @Parameters(
            paramLabel = "FILE",
            arity = "0..*",
            description = "A .fountain, .txt or .md file (UTF-8 or UTF-16), or a Final Draft .fdx screenplay. Several"
                    + " files are rendered one after another as a batch.")
    List<Path> files = new ArrayList<>();

    @Option(
            names = "--manifest",
            paramLabel = "CSV",
            description = "A batch: a CSV file with a header naming the columns story (required), resolution, fps,"
                    + " aspect, loudness, music (a file or none) and subtitle_preset; one story per line, each with"
                    + " its own options (an empty cell keeps the command line's).")
    Path manifest;

    @Option(
            names = "--project",
            paramLabel = "ID",
            description = "Render the changes of an existing project: exactly what is stale, then recompose.")
    Integer project;

    @Option(names = "--json", description = "Print the ids and paths of every artefact as JSON.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "Copy the final MP4, its SRT and thumbnails here.")
    Path out;

    @Option(names = "--resolution", paramLabel = "WxH", description = "Frame size (default 1280x720).")
    String resolution;

    @Option(names = "--fps", paramLabel = "N", description = "Frames per second (default 24).")
    Integer fps;

    @Option(
            names = "--loudness",
            paramLabel = "LUFS",
            description = "Loudness of the final mix: -14 (streaming, the default), -16 (podcast) or -23 (EBU R128"
                    + " broadcast), true peak at most -1 dBTP. Kept with the project.")
    String loudness;

    @Option(
            names = "--music",
            paramLabel = "FILE",
            description = "A music bed (MP3, WAV, FLAC or Ogg), looped or trimmed to the video, faded in and out and"
                    + " ducked under the voice. Kept with the project.")
    Path music;

    @Option(names = "--no-music", description = "Take the project's music bed out.")
    boolean noMusic;

    @Option(
            names = "--aspect",
            paramLabel = "RATIO",
            description = "Frame: 16:9, 9:16 (vertical) or 1:1 (square), at the short side of --resolution;"
                    + " keyframes are composed for it. Kept with the project.")
    String aspect;

    @Option(
            names = "--transition",
            paramLabel = "KIND",
            description = "How every scene opens from the one before it: cut, crossfade, dip (to black) or wipe."
                    + " Kept with the project; edit --scene N --transition changes one scene.")
    String transition;

    @Option(
            names = "--transition-seconds",
            paramLabel = "S",
            description = "How long each transition lasts (more than 0, at most 5; default 0.5).")
    BigDecimal transitionSeconds;

    /** --transition as checked before anything is stored; null to keep each scene's own. */
    private Transition everyScene;

    @Option(
            names = "--subtitles",
            paramLabel = "PRESET",
            description = "Subtitle style, burned into the picture: classic (white on a dark box at the top), boxed,"
                    + " bold-outline or karaoke (word by word); auto, the default, burns classic subtitles in only"
                    + " when there is no voiceover. Kept with the project.")
    String subtitles;

    @Option(
            names = "--subtitle-font",
            paramLabel = "FONT",
            description = "Subtitle font: sans, bold or serif (each covers every script the studio shows).")
    String subtitleFont;

    @Option(
            names = "--subtitle-size",
            paramLabel = "PERCENT",
            description = "Subtitle text height in percent of the frame height, 2 to 10 (classic 4.5).")
    String subtitleSize;

    @Option(
            names = "--subtitle-color",
            paramLabel = "COLOR",
            description = "Subtitle colour: #RRGGBB or white, yellow, cyan, green, red, black.")
    String subtitleColor;

    @Option(
            names = "--subtitle-outline",
            paramLabel = "PERCENT",
            description = "Dark outline around the letters, in percent of the text size: 0 (none) to 25.")
    String subtitleOutline;

    @Option(
            names = "--subtitle-box",
            negatable = true,
            description = "A half-transparent dark box behind the subtitle (--no-subtitle-box for none).")
    Boolean subtitleBox;

    @Option(
            names = "--subtitle-position",
            paramLabel = "WHERE",
            description = "Where the subtitle sits in the title-safe area: bottom, middle or top.")
    String subtitlePosition;

    @Option(
            names = "--word-highlight",
            negatable = true,
            description = "Colour each word as it is said (--no-word-highlight for whole lines).")
    Boolean wordHighlight;

    @Option(
            names = "--queue",
            description = "Queue the render for the team's workers (see worker) and print the project id at once;"
                    + " needs the shared database and S3 store.")
    boolean queue;

    @Option(
            names = "--wait",
            description = "With --queue: follow the workers' progress to the end and exit as a local render would"
                    + " (0 when the final video is made, 1 when a unit failed for good).")
    boolean waitForWorkers;

    @ParentCommand
    StudioCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** One story to render with its own options, all checked before anything is stored. */
    record StoryJob(
            String label,
            Path file,
            byte[] bytes,
            int[] resolution,
            Integer fps,
            AspectRatio aspect,
            Change mix,
            SubtitleStyle.Change subtitles) {}

    /** What rendering one story made. */
    record Rendered(
            int recordId,
            RenderPipeline.Result result,
            double wallSeconds,
            AspectRatio aspect,
            RenderSettings framed) {}

    @Override
    public Integer call() throws IOException, InterruptedException {
        boolean batch = manifest != null || files.size() > 1;
        if (project != null && (!files.isEmpty() || manifest != null)) {
            throw new StudioException("Give story FILEs (or --manifest) or --project ID, not both.");
        }
        if (project == null && files.isEmpty() && manifest == null) {
            throw new StudioException("Give a story FILE to render, or --project ID to render a project's changes.");
        }
        // every option of every story is checked before anything is stored
        if (out != null) {
            checkOutFolder(out);
        }
        if (transitionSeconds != null && transition == null) {
            throw new StudioException(
                    "--transition-seconds needs --transition KIND (one of: " + Transition.ALLOWED + ").");
        }
        everyScene = transition == null ? null : Transition.given(transition, transitionSeconds, Transition.DEFAULT);
        List<StoryJob> jobs = new ArrayList<>();
        for (Path f : files) {
            jobs.add(job(
                    f.getFileName().toString(),
                    f,
                    resolution,
                    fps,
                    aspect,
                    loudness,
                    music,
                    noMusic,
                    subtitleChange(subtitles)));
        }
        if (manifest != null) {
            jobs.addAll(manifestJobs(manifest));
        }
        if (batch && queue) {
            throw new StudioException(
                    "--queue takes one story FILE or --project ID; queue the stories of a batch one" + " by one.");
        }
        if (project == null) {
            LanguageDetector.warmUpInBackground(); // while the database starts
        }
        if (batch) {
            return new BatchRender(this, jobs).run();
        }
        StoryJob job = project == null
                ? jobs.get(0)
                : job(
                        "project " + project,
                        null,
                        resolution,
                        fps,
                        aspect,
                        loudness,
                        music,
                        noMusic,
                        subtitleChange(subtitles));
        PrintWriter err = spec.commandLine().getErr();
        TerminalProgress progress = new TerminalProgress(err, System.console() != null);
        if (queue) {
            QueuedRender.check(parent.config(), this);
            try (Studio studio = Studio.open(parent.config());
                    CliUser user = CliUser.signIn(studio, parent.config())) {
                int recordId = intake(studio, user, job, project, progress, err);
                storeSettings(studio, recordId, job);
                return new QueuedRender(studio, spec.commandLine().getOut(), err, json).queue(recordId, waitForWorkers);
            }
        }
        if (waitForWorkers) {
            throw new StudioException("--wait follows a queued render: use it with --queue.");
        }
        try (Studio studio = Studio.open(parent.config());
                CliUser user = CliUser.signIn(studio, parent.config())) {
            Rendered rendered = render(studio, user, job, project, progress, err, id -> {});
            int recordId = rendered.recordId();
            RenderPipeline.Result result = rendered.result();
            double wall = rendered.wallSeconds();
            AspectRatio projectFrame = rendered.aspect();
            RenderSettings framed = rendered.framed();
            Map<String, Object> frameDoc = new LinkedHashMap<>();
            frameDoc.put("aspect", projectFrame == null ? null : projectFrame.label());
            frameDoc.put("width", framed.width());
            frameDoc.put("height", framed.height());
            Path finalVideo = copyOut(studio, recordId, result);
            PrintWriter o = spec.commandLine().getOut();
            if (json) {
                o.println(new ObjectMapper()
                        .findAndRegisterModules()
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsString(artefacts(
                                studio, recordId, result, finalVideo, srtOut(recordId, result), wall, frameDoc)));
            } else {
                o.println();
                o.printf("final video  %s%n", finalVideo != null ? finalVideo : result.videoUrl());
                o.printf(
                        "duration     %.1f s of video in %.1f s (%.2f s of video per second)%n",
                        result.durationSeconds(), wall, result.durationSeconds() / wall);
                o.printf(
                        "frame        %s%dx%d%n",
                        projectFrame == null ? "" : projectFrame.label() + ", ", framed.width(), framed.height());
                SubtitleStyle style = new RenderRepository(studio.database()).subtitleStyle(recordId);
                o.printf(
                        "subtitles    %s%n",
                        style == null ? "classic, burned in only without a voiceover" : style.describe());
                result.phaseMillis().forEach((phase, ms) -> o.printf("  %-18s %7.1f s%n", phase, ms / 1000.0));
                printLoudness(o, studio, result.finalVideoId(), recordId);
                result.warnings().forEach(w -> o.println("warning: " + w));
                o.printf("rerendered   %s%n", result.rerendered().asMap());
            }
            o.flush();
        }
        return 0;
    }

    /**
     * Renders one story (or, with {@code projectId}, one project's changes) with its own options: intake (or
     * resuming its unfinished project), its settings stored with the project, then the render. {@code stored} hears
     * the project's id as soon as there is one.
     */
    Rendered render(
            Studio studio,
            CliUser user,
            StoryJob job,
            Integer projectId,
            TerminalProgress progress,
            PrintWriter err,
            java.util.function.IntConsumer stored) {
        RenderSettings settings = settings(studio.defaultRenderSettings(), job);
        long start = System.nanoTime();
        int recordId = intake(studio, user, job, projectId, progress, err);
        stored.accept(recordId);
        storeSettings(studio, recordId, job);
        RenderPipeline.Result result = studio.renderHere(settings, recordId, progress);
        AspectRatio projectFrame = new RenderRepository(studio.database()).aspect(recordId);
        // the project's own size and frame rate, kept with it, decide its video's frame, not this command's defaults
        return new Rendered(
                recordId,
                result,
                (System.nanoTime() - start) / 1e9,
                projectFrame,
                studio.render(settings).settingsOf(recordId));
    }

    /** The project to render: {@code projectId}'s, the story's unfinished one (resumed), or a new one from intake. */
    private int intake(
            Studio studio, CliUser user, StoryJob job, Integer projectId, TerminalProgress progress, PrintWriter err) {
        if (projectId != null) {
            ProjectAccess.requireOwner(studio.database(), user.userId(), projectId);
            return projectId;
        }
        StoryInput input = new StoryInput(
                job.bytes(), job.file().getFileName().toString(), user.userId(), null, null, "cinboard-cli");
        IntakePipeline.CheckedStory story = studio.intake().check(input);
        Optional<IntakePipeline.Unfinished> unfinished = studio.intake().unfinished(story);
        if (unfinished.isEmpty()) {
            return studio.intake().run(story, progress).projectId();
        }
        int recordId = unfinished.get().recordId();
        err.println("Resuming project " + recordId + " (this story was analyzed or rendered before and not finished).");
        if (!unfinished.get().intakeDone()) {
            studio.intake().resume(recordId, story, progress);
        }
        return recordId;
    }

    /** The story's options kept with its project: music and loudness, frame, transitions and subtitles. */
    private void storeSettings(Studio studio, int recordId, StoryJob job) {
        new ProjectMix(studio.database(), studio.media()).apply(recordId, job.mix());
        RenderRepository repository = new RenderRepository(studio.database());
        if (job.aspect() != null) {
            repository.saveAspect(recordId, job.aspect());
        }
        repository.saveFrameSize(
                recordId,
                job.resolution() == null
                        ? null
                        : new RenderRepository.FrameSize(job.resolution()[0], job.resolution()[1]),
                job.fps());
        if (everyScene != null) {
            repository.saveTransitionOfEveryScene(recordId, everyScene);
        }
        if (!job.subtitles().isEmpty()) {
            repository.saveSubtitleStyle(recordId, job.subtitles().applyTo(repository.subtitleStyle(recordId)));
        }
    }

    /** --out must be a folder this user can write to (made now if missing), found out before a long render. */
    private static void checkOutFolder(Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new StudioException(
                    "--out " + folder + " is a file. Give a folder for the MP4, its SRT and" + " thumbnails.");
        }
        try {
            Files.createDirectories(folder);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new StudioException(
                    "--out " + folder + " can't be made: permission denied. Give a folder you can" + " write to.");
        } catch (IOException | RuntimeException e) {
            String why = e instanceof java.nio.file.FileSystemException f && f.getReason() != null
                    ? f.getReason()
                    : "the path is not a folder that can exist here";
            throw new StudioException(
                    "--out " + folder + " can't be made: " + why + ". Give a folder you can write to.");
        }
        if (!Files.isWritable(folder)) {
            throw new StudioException("--out " + folder + " is not writable. Give a folder you can write to.");
        }
    }

    /** With --out: the MP4, its SRT and thumbnails copied there, and the copy's path; else the stored file. */
    Path copyOut(Studio studio, int recordId, RenderPipeline.Result result) throws IOException {
        if (out == null) {
            // Local media has a file to point at; S3 media is shown by its URL (use --out for a local copy).
            java.net.URI preview = studio.media().previewUri(result.videoUrl());
            return "file".equals(preview.getScheme()) ? Path.of(preview) : null;
        }
        Files.createDirectories(out);
        Path video = out.resolve("project-" + recordId + ".mp4");
        copy(studio, result.videoUrl(), video);
        Files.copy(result.srtFile(), srtOut(recordId, result), StandardCopyOption.REPLACE_EXISTING);
        for (int i = 0; i < result.thumbnails().size(); i++) {
            Path t = out.resolve("project-" + recordId + "-thumb" + (i + 1) + ".png");
            Files.copy(result.thumbnails().get(i), t, StandardCopyOption.REPLACE_EXISTING);
        }
        return video;
    }

    /**
     * The subtitles the user gets: with --out the copy beside the MP4, else the render's own file. The JSON names
     * this one, never the work folder's, which the next render of the project replaces.
     */
    Path srtOut(int recordId, RenderPipeline.Result result) {
        return out == null ? result.srtFile() : out.resolve("project-" + recordId + ".srt");
    }

    /** One story's options from text (the command line's, or a manifest row's); a bad one is a StudioException. */
    static StoryJob job(
            String label,
            Path file,
            String resolution,
            Integer fps,
            String aspect,
            String loudness,
            Path music,
            boolean noMusic,
            SubtitleStyle.Change subtitles) {
        int[] size = resolution == null ? null : parseResolution(resolution);
        if (fps != null) {
            new RenderSettings(64, 64, fps, 1, Path.of("."), 1); // says which frame rates are allowed
        }
        Change mix = new Change(loudness == null ? null : Loudness.parseTarget(loudness), music, noMusic);
        AspectRatio frame = aspect == null ? null : parseAspect(aspect);
        byte[] bytes = file == null ? null : AnalyzeCommand.readStory(file);
        return new StoryJob(label, file, bytes, size, fps, frame, mix, subtitles);
    }

    /** The command line's subtitle settings, starting from {@code preset} (a manifest row's, or --subtitles). */
    private SubtitleStyle.Change subtitleChange(String preset) {
        return SubtitleStyle.Change.parse(
                preset,
                subtitleFont,
                subtitleSize,
                subtitleColor,
                subtitleOutline,
                subtitleBox,
                subtitlePosition,
                wordHighlight);
    }

    /** The manifest's stories, each with the command line's options where its own cell is empty. */
    private List<StoryJob> manifestJobs(Path csv) {
        Path dir = csv.toAbsolutePath().getParent();
        List<StoryJob> jobs = new ArrayList<>();
        for (BatchManifest.Row row : BatchManifest.read(csv)) {
            String where = csv.getFileName() + " line " + row.line() + ": ";
            try {
                String fpsCell = row.get("fps");
                Integer rowFps = fps;
                if (fpsCell != null) {
                    try {
                        rowFps = ai.cinboard.domain.AsciiNumbers.parseInt(fpsCell.strip());
                    } catch (NumberFormatException e) {
                        throw new StudioException(
                                "fps \"" + fpsCell + "\" is not a whole number of frames per second.");
                    }
                }
                String musicCell = row.get("music");
                boolean rowNoMusic = musicCell == null ? noMusic : musicCell.equalsIgnoreCase("none");
                Path rowMusic = musicCell == null ? music : rowNoMusic ? null : dir.resolve(musicCell);
                Path story = dir.resolve(row.get("story"));
                jobs.add(job(
                        row.get("story"),
                        story,
                        row.get("resolution") != null ? row.get("resolution") : resolution,
                        rowFps,
                        row.get("aspect") != null ? row.get("aspect") : aspect,
                        row.get("loudness") != null ? row.get("loudness") : loudness,
                        rowMusic,
                        rowNoMusic,
                        subtitleChange(row.get("subtitle_preset") != null ? row.get("subtitle_preset") : subtitles)));
            } catch (StudioException e) {
                throw new StudioException(where + e.getMessage(), e);
            }
        }
        return jobs;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    boolean json() {
        return json;
    }

    StudioCommand parent() {
        return parent;
    }

    /** The frame named by --aspect; anything else is one line naming the allowed values. */
    static AspectRatio parseAspect(String text) {
        try {
            return AspectRatio.parse(text);
        } catch (IllegalArgumentException e) {
            throw new StudioException(
                    "--aspect \"" + text + "\" is not a frame the studio renders: use " + AspectRatio.ALLOWED + ".");
        }
    }

    static int[] parseResolution(String resolution) {
        String[] parts = resolution.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            int[] size = {
                ai.cinboard.domain.AsciiNumbers.parseInt(parts[0].trim()),
                ai.cinboard.domain.AsciiNumbers.parseInt(parts[1].trim())
            };
            new RenderSettings(size[0], size[1], 24, 1, Path.of("."), 1); // says which sizes can be encoded
            return size;
        } catch (NumberFormatException e) {
            throw new StudioException("--resolution \"" + resolution + "\" is not WIDTHxHEIGHT, e.g. 1280x720.");
        }
    }

    private static RenderSettings settings(RenderSettings defaults, StoryJob job) {
        return new RenderSettings(
                job.resolution() == null ? defaults.width() : job.resolution()[0],
                job.resolution() == null ? defaults.height() : job.resolution()[1],
                job.fps() == null ? defaults.fps() : job.fps(),
                defaults.keyframesPerScene(),
                defaults.workDir(),
                defaults.encoderThreads());
    }

    private static void printLoudness(PrintWriter o, Studio studio, int finalVideoId, int recordId) {
        Project p = new ProjectRepository(studio.database()).load(recordId).orElseThrow();
        p.finalVideos().stream()
                .filter(v -> v.id() == finalVideoId && v.compositionData() != null)
                .findFirst()
                .ifPresent(v -> {
                    if (v.compositionData().get("loudness") instanceof Map<?, ?> l
                            && l.get("integrated_lufs") instanceof Number
                            && l.get("true_peak_dbtp") instanceof Number) {
                        o.printf(
                                java.util.Locale.ROOT,
                                "loudness     %.1f LUFS integrated, %.1f dBTP true peak (target %.0f LUFS)%n",
                                ((Number) l.get("integrated_lufs")).doubleValue(),
                                ((Number) l.get("true_peak_dbtp")).doubleValue(),
                                ((Number) l.get("target_lufs")).doubleValue());
                    }
                    if (v.compositionData().get("music") instanceof Map<?, ?> m) {
                        o.printf("music        %s, ducked under speech%n", m.get("name"));
                    }
                });
    }

    private static void copy(Studio studio, String url, Path target) throws IOException {
        try (InputStream in = studio.media().open(url)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Map<String, Object> artefacts(
            Studio studio,
            int recordId,
            RenderPipeline.Result result,
            Path finalVideo,
            Path srt,
            double wallSeconds,
            Map<String, Object> frame) {
        Project p = new ProjectRepository(studio.database()).load(recordId).orElseThrow();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("inputRecordId", recordId);
        doc.put(
                "finalVideo",
                Map.of(
                        "id",
                        result.finalVideoId(),
                        "url",
                        result.videoUrl(),
                        "path",
                        finalVideo == null ? "" : finalVideo.toString(),
                        "durationSeconds",
                        result.durationSeconds(),
                        "srt",
                        srt.toString()));
        doc.put("wallSeconds", wallSeconds);
        doc.put("frame", frame);
        SubtitleStyle style = new RenderRepository(studio.database()).subtitleStyle(recordId);
        doc.put("subtitles", style == null ? null : style.toMap());
        // the final mix as measured from the MP4 (ebur128), and its music bed
        ai.cinboard.domain.FinalVideo fv = p.finalVideos().stream()
                .filter(v -> v.id() == result.finalVideoId())
                .findFirst()
                .orElse(null);
        Map<String, Object> data = fv == null || fv.compositionData() == null ? Map.of() : fv.compositionData();
        doc.put("loudness", data.get("loudness"));
        doc.put("music", data.get("music"));
        doc.put("phaseMillis", result.phaseMillis());
        doc.put(
                "scenes",
                p.scenes().stream()
                        .map(s -> Map.of(
                                "id",
                                s.id(),
                                "number",
                                s.sceneNumber(),
                                "heading",
                                s.heading(),
                                "durationSeconds",
                                s.durationSeconds()))
                        .toList());
        doc.put(
                "characters",
                p.characters().stream()
                        .map(c -> Map.of(
                                "id",
                                c.id(),
                                "name",
                                c.characterName(),
                                "consistencyKey",
                                c.consistencyKey(),
                                "imageUrl",
                                String.valueOf(c.imageUrl())))
                        .toList());
        doc.put(
                "characterImages",
                p.characterImages().stream()
                        .map(i -> Map.of("id", i.id(), "characterId", i.characterId(), "url", i.imageUrl()))
                        .toList());
        doc.put(
                "keyframes",
                p.keyframes().stream()
                        .map(k -> Map.of(
                                "id",
                                k.id(),
                                "sceneId",
                                k.sceneId(),
                                "sequence",
                                k.sequence(),
                                "url",
                                String.valueOf(k.imageUrl())))
                        .toList());
        doc.put(
                "clips",
                p.clips().stream()
                        .map(c -> Map.of("id", c.id(), "sceneId", c.sceneId(), "url", c.videoUrl()))
                        .toList());
        doc.put(
                "voiceovers",
                p.voiceovers().stream()
                        .map(v -> Map.of("id", v.id(), "url", v.audioUrl(), "language", v.language()))
                        .toList());
        doc.put("warnings", result.warnings());
        doc.put("rerendered", result.rerendered().asMap());
        return doc;
    }
}
