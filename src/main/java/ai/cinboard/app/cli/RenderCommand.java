package ai.cinboard.app.cli;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.AspectRatio;
import ai.cinboard.domain.InputRecord;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.RecordStatus;
import ai.cinboard.domain.StudioException;
import ai.cinboard.media.ffmpeg.Loudness;
import ai.cinboard.persistence.ProjectAccess;
import ai.cinboard.persistence.ProjectRepository;
import ai.cinboard.persistence.RenderRepository;
import ai.cinboard.persistence.mapper.InputRecordMapper;
import ai.cinboard.pipeline.IntakePipeline;
import ai.cinboard.pipeline.ProjectMix;
import ai.cinboard.pipeline.RenderPipeline;
import ai.cinboard.pipeline.RenderPlan;
import ai.cinboard.pipeline.RenderSettings;
import ai.cinboard.pipeline.StoryInput;
import ai.cinboard.text.StoryDecoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            arity = "0..1",
            description = "A .fountain, .txt or .md file (UTF-8 or UTF-16), or a Final Draft .fdx screenplay.")
    Path file;

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

    @ParentCommand
    StudioCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if ((file == null) == (project == null)) {
            throw new StudioException("Give a story FILE to render, or --project ID to render a project's changes.");
        }
        // every option is checked before anything is stored
        ProjectMix.Change mixChange =
                new ProjectMix.Change(loudness == null ? null : Loudness.parseTarget(loudness), music, noMusic);
        AspectRatio frame = aspect == null ? null : parseAspect(aspect);
        byte[] bytes = file == null ? null : AnalyzeCommand.readStory(file);
        PrintWriter err = spec.commandLine().getErr();
        TerminalProgress progress = new TerminalProgress(err, System.console() != null);
        try (Studio studio = Studio.open(parent.config());
                CliUser user = CliUser.signIn(studio, parent.config())) {
            RenderSettings settings = settings(studio.defaultRenderSettings());
            long start = System.nanoTime();
            int recordId = project != null
                    ? project
                    : resumableProject(
                            studio, user.userId(), bytes, file.getFileName().toString());
            if (project != null) {
                ProjectAccess.requireOwner(studio.database(), user.userId(), project);
            } else if (recordId > 0) {
                err.println("Resuming project " + recordId + " (this story was rendered before and did not finish).");
            } else {
                IntakePipeline.Result intake = studio.intake()
                        .run(
                                new StoryInput(
                                        bytes,
                                        file.getFileName().toString(),
                                        user.userId(),
                                        null,
                                        null,
                                        "cinboard-cli"),
                                progress);
                recordId = intake.inputRecordId();
            }
            new ProjectMix(studio.database(), studio.media()).apply(recordId, mixChange);
            if (frame != null) {
                new RenderRepository(studio.database()).saveAspect(recordId, frame);
            }
            RenderPipeline.Result result = studio.render(settings).run(recordId, RenderPlan.MISSING_ONLY, progress);
            double wall = (System.nanoTime() - start) / 1e9;
            AspectRatio projectFrame = new RenderRepository(studio.database()).aspect(recordId);
            RenderSettings framed = settings.framed(projectFrame);
            Map<String, Object> frameDoc = new LinkedHashMap<>();
            frameDoc.put("aspect", projectFrame == null ? null : projectFrame.label());
            frameDoc.put("width", framed.width());
            frameDoc.put("height", framed.height());
            Path finalVideo = result.videoFile();
            List<Path> copied = new ArrayList<>();
            if (out != null) {
                Files.createDirectories(out);
                Path video = out.resolve("project-" + recordId + ".mp4");
                copy(studio, result.videoUrl(), video);
                finalVideo = video;
                copied.add(video);
                Path srt = out.resolve("project-" + recordId + ".srt");
                Files.copy(result.srtFile(), srt, StandardCopyOption.REPLACE_EXISTING);
                copied.add(srt);
                for (int i = 0; i < result.thumbnails().size(); i++) {
                    Path t = out.resolve("project-" + recordId + "-thumb" + (i + 1) + ".png");
                    Files.copy(result.thumbnails().get(i), t, StandardCopyOption.REPLACE_EXISTING);
                    copied.add(t);
                }
            } else {
                // Local media has a file to point at; S3 media is shown by its URL (use --out for a local copy).
                java.net.URI preview = studio.media().previewUri(result.videoUrl());
                finalVideo = "file".equals(preview.getScheme()) ? Path.of(preview) : null;
            }
            PrintWriter o = spec.commandLine().getOut();
            if (json) {
                o.println(new ObjectMapper()
                        .findAndRegisterModules()
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsString(artefacts(studio, recordId, result, finalVideo, wall, frameDoc)));
            } else {
                o.println();
                o.printf("final video  %s%n", finalVideo != null ? finalVideo : result.videoUrl());
                o.printf(
                        "duration     %.1f s of video in %.1f s (%.2f s of video per second)%n",
                        result.durationSeconds(), wall, result.durationSeconds() / wall);
                o.printf(
                        "frame        %s%dx%d%n",
                        projectFrame == null ? "" : projectFrame.label() + ", ", framed.width(), framed.height());
                result.phaseMillis().forEach((phase, ms) -> o.printf("  %-18s %7.1f s%n", phase, ms / 1000.0));
                printLoudness(o, studio, result.finalVideoId(), recordId);
                result.warnings().forEach(w -> o.println("warning: " + w));
                o.printf("rerendered   %s%n", result.rerendered().asMap());
            }
            o.flush();
        }
        return 0;
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

    private RenderSettings settings(RenderSettings defaults) {
        int width = defaults.width();
        int height = defaults.height();
        if (resolution != null) {
            String[] parts = resolution.toLowerCase().split("x");
            try {
                width = Integer.parseInt(parts[0].trim());
                height = Integer.parseInt(parts[1].trim());
            } catch (RuntimeException e) {
                throw new StudioException("--resolution \"" + resolution + "\" is not WIDTHxHEIGHT, e.g. 1280x720.");
            }
        }
        return new RenderSettings(
                width,
                height,
                fps == null ? defaults.fps() : fps,
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

    /** The unfinished project of this user with exactly this story, or 0. */
    private static int resumableProject(Studio studio, int userId, byte[] bytes, String fileName) {
        String text;
        try {
            text = new StoryDecoder().decode(bytes, fileName).text();
        } catch (StudioException e) {
            return 0; // intake will refuse it with the full explanation
        }
        InputRecord latest = studio.database()
                .read(s -> s.getMapper(InputRecordMapper.class).findLatestByUserAndInput(userId, text));
        if (latest == null
                || latest.status() == RecordStatus.COMPLETED
                || latest.status() == RecordStatus.REFUSED
                || latest.status() == RecordStatus.BLOCKED
                || latest.status() == RecordStatus.PENDING) {
            return 0;
        }
        boolean hasScenes = new ProjectRepository(studio.database())
                .load(latest.id())
                .map(p -> !p.scenes().isEmpty())
                .orElse(false);
        return hasScenes ? latest.id() : 0;
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
                        result.srtFile().toString()));
        doc.put("wallSeconds", wallSeconds);
        doc.put("frame", frame);
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
