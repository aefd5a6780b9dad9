package ai.cinboard.app.cli;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.AspectRatio;
import ai.cinboard.domain.StudioException;
import ai.cinboard.persistence.ProjectAccess;
import ai.cinboard.persistence.RenderRepository;
import ai.cinboard.pipeline.LocalRenders;
import ai.cinboard.service.ExportService;
import ai.cinboard.service.export.ExportRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code export ID --format F --out PATH}: the same export path as the Export dialog. */
@Command(
        name = "export",
        description = "Export a project: mp4, pdf (storyboard), fcpxml, xmeml, edl, srt, csv (shot list)"
                + " or png (image sequence).")
public final class ExportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The project (input record) id, as printed by render and analyze.")
    int projectId;

    @Option(
            names = "--format",
            required = true,
            paramLabel = "F",
            description = "mp4, pdf, fcpxml, xmeml, edl, srt, csv or png.")
    String format;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "PATH",
            description = "The file (or folder for png) to write.")
    Path out;

    @Option(
            names = "--fps",
            paramLabel = "RATE",
            description = "Timeline frame rate: 23.976, 24, 25, 29.97, 29.97df or 30.")
    String fps;

    @Option(
            names = "--layout",
            paramLabel = "N",
            description = "Storyboard PDF panels per page: 1, 4 (2x2) or 6 (3x2).")
    String layout;

    @Option(names = "--preset", paramLabel = "P", description = "MP4 size: 1080p (default), 720p or 480p.")
    String preset;

    @Option(
            names = "--aspect",
            paramLabel = "A",
            description = "MP4 aspect ratio: 16:9, 9:16 or 1:1 (default: the project's frame, else 16:9);"
                    + " the picture is reframed (cropped to fill), never stretched.")
    String aspect;

    @Option(
            names = "--quality",
            paramLabel = "Q",
            description = "MP4 quality (video bitrate): low, medium (default) or high.")
    String quality;

    @Option(names = "--pad", description = "MP4: fit the whole picture with black bars instead of cropping to fill.")
    boolean pad;

    @Option(
            names = "--render-changes",
            description = "Render the project's changes first when it has edits not rendered yet (any format).")
    boolean renderChanges;

    @ParentCommand
    StudioCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ExportRequest request = ExportRequest.parse(format, fps, layout, preset, aspect, quality, pad);
        requireOptionsOfThisFormat(request.format().toLowerCase(java.util.Locale.ROOT));
        try (Studio studio = Studio.open(parent.config());
                CliUser user = CliUser.signIn(studio, parent.config())) {
            // Someone else's project is "not found", exactly like one that does not exist.
            ProjectAccess.requireOwner(studio.database(), user.userId(), projectId);
            AspectRatio frame = new RenderRepository(studio.database()).aspect(projectId);
            if (aspect == null && frame != null) {
                request = request.withAspect(frame); // the project's own frame: nothing to crop
            }
            AspectRatio own = frame == null ? AspectRatio.WIDE : frame;
            if (request.format().equalsIgnoreCase("mp4") && request.aspect() != own && !pad) {
                // a crop of another frame's picture cuts off what its sides hold, burned-in subtitles too
                err.println("note: project " + projectId + " is framed " + own.label() + "; this "
                        + request.aspect().label() + " MP4 is cropped from it. For a video laid out for "
                        + request.aspect().label()
                        + ", render --project " + projectId + " --aspect "
                        + request.aspect().label()
                        + " first; --pad keeps the whole picture.");
            }
            ExportService exports = user.exports(studio);
            exports.requireAllowed(); // before rendering changes for an export that would be refused
            exports.requireTarget(request.format(), out);
            renderChangesFirst(studio, request.format(), err);
            int[] last = {-1};
            exports.export(projectId, request, out, (fraction, message) -> {
                int percent = (int) Math.round(fraction * 100);
                if (percent / 10 != last[0] / 10) {
                    last[0] = percent;
                    err.printf(
                            "export %-7s [%-20s] %3d%%  %s%n",
                            format, "#".repeat(percent / 5), percent, message == null ? "" : message);
                    err.flush();
                }
            });
            spec.commandLine().getOut().println(out.toAbsolutePath());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    /** An option of the command line, whether it was given, and the formats it applies to. */
    private record FormatOption(String name, boolean given, boolean applies, String formats) {}

    /** An option the format doesn't use is refused, not silently ignored. */
    private void requireOptionsOfThisFormat(String f) {
        boolean mp4 = f.equals("mp4");
        boolean timeline = f.equals("fcpxml") || f.equals("xmeml") || f.equals("edl");
        List<FormatOption> options = List.of(
                new FormatOption("--preset", preset != null, mp4, "mp4"),
                new FormatOption("--aspect", aspect != null, mp4, "mp4"),
                new FormatOption("--quality", quality != null, mp4, "mp4"),
                new FormatOption("--pad", pad, mp4, "mp4"),
                new FormatOption("--layout", layout != null, f.equals("pdf"), "pdf"),
                new FormatOption("--fps", fps != null, timeline, "fcpxml, xmeml or edl"));
        for (FormatOption o : options) {
            if (o.given() && !o.applies()) {
                throw new StudioException(o.name() + " applies to --format " + o.formats() + ", not " + f
                        + ". Leave it out, or export as " + o.formats() + ".");
            }
        }
    }

    /**
     * An export of a project with edits not rendered yet would not show them (and the timelines would mix new
     * text with old lengths): refuse, or render them with --render-changes. Which exports wait is
     * {@link ExportService#waitsForChanges}, the window's rule too.
     */
    private void renderChangesFirst(Studio studio, String format, PrintWriter err) {
        var state = studio.iteration().show(projectId);
        long stale = state.staleCount();
        if (stale == 0) {
            return;
        }
        if (!renderChanges) {
            if (!ExportService.waitsForChanges(format, state.finalVideoUrl() != null)) {
                return;
            }
            throw new StudioException("Project " + projectId + " has " + stale + " change" + (stale == 1 ? "" : "s")
                    + " not rendered yet, so the " + format.toUpperCase(java.util.Locale.ROOT)
                    + " would not show them: run `render --project " + projectId
                    + "` first, or add --render-changes.");
        }
        try (LocalRenders local = studio.localRenders(studio.defaultRenderSettings())) {
            local.render(projectId, new TerminalProgress(err, System.console() != null));
        }
    }
}
