package ai.cinboard.app.cli;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.StudioException;
import ai.cinboard.persistence.ProjectAccess;
import ai.cinboard.pipeline.ProjectIteration;
import ai.cinboard.service.ProjectArchiveService;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code project show ID [--json]}: the project as the studio sees it, with takes and what is stale;
 * {@code project export ID --out FILE.cinboard} and {@code project import FILE.cinboard}: one project with its media.
 */
@Command(
        name = "project",
        description = "Look at a project, or move it between studios as a .cinboard archive.",
        subcommands = {
            ProjectCommand.ListProjects.class,
            ProjectCommand.Show.class,
            ProjectCommand.Export.class,
            ProjectCommand.Import.class
        })
public final class ProjectCommand implements Runnable {
    @ParentCommand
    StudioCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints progress on stderr every 10 %, so stdout holds only the result. */
    static ProjectArchiveService.Progress progress(PrintWriter err, String verb) {
        int[] last = {-1};
        return (fraction, message) -> {
            int percent = (int) Math.round(fraction * 100);
            if (percent / 10 != last[0] / 10) {
                last[0] = percent;
                err.printf("%s [%-20s] %3d%%  %s%n", verb, "#".repeat(percent / 5), percent, message);
                err.flush();
            }
        };
    }

    @Command(
            name = "export",
            description = "Write the project with all its media to one .cinboard file (a zip with a manifest and"
                    + " checksums), to import on another machine.")
    static final class Export implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "The project id.")
        int projectId;

        @Option(
                names = "--out",
                required = true,
                paramLabel = "FILE.cinboard",
                description = "The archive to write (replaced if it exists).")
        Path out;

        @ParentCommand
        ProjectCommand project;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (!out.getFileName().toString().endsWith("." + ProjectArchiveService.EXTENSION)) {
                throw new StudioException("The archive name " + out.getFileName() + " must end in ."
                        + ProjectArchiveService.EXTENSION + "; for example --out story."
                        + ProjectArchiveService.EXTENSION + ".");
            }
            try (Studio studio = Studio.open(project.parent.config());
                    CliUser user = CliUser.signIn(studio, project.parent.config())) {
                ProjectArchiveService.Summary s = user.archives(studio)
                        .exportProject(
                                projectId, out, progress(spec.commandLine().getErr(), "export"));
                PrintWriter o = spec.commandLine().getOut();
                o.printf(
                        "Exported project %d (%d rows, %d media files, %.1f MB) to %s%n",
                        projectId, s.rows(), s.mediaFiles(), s.mediaBytes() / 1e6, s.file());
                o.flush();
            }
            return 0;
        }
    }

    @Command(
            name = "import",
            description = "Import a .cinboard archive as a new project of yours (new ids); a damaged or foreign"
                    + " archive is refused and nothing is stored.")
    static final class Import implements Callable<Integer> {
        @Parameters(paramLabel = "FILE.cinboard", description = "The archive made by \"project export\".")
        Path file;

        @ParentCommand
        ProjectCommand project;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Studio studio = Studio.open(project.parent.config());
                    CliUser user = CliUser.signIn(studio, project.parent.config())) {
                ProjectArchiveService.Summary s = user.archives(studio)
                        .importProject(file, progress(spec.commandLine().getErr(), "import"));
                PrintWriter o = spec.commandLine().getOut();
                o.printf(
                        "Imported %s as project %d (%d rows, %d media files, %.1f MB)%n",
                        file, s.projectId(), s.rows(), s.mediaFiles(), s.mediaBytes() / 1e6);
                o.flush();
            }
            return 0;
        }
    }

    @Command(name = "list", description = "Your projects, newest first: id, status, language, created and title.")
    static final class ListProjects implements Callable<Integer> {
        @Option(names = "--json", description = "Print the projects as JSON.")
        boolean json;

        @ParentCommand
        ProjectCommand project;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Studio studio = Studio.open(project.parent.config());
                    CliUser user = CliUser.signIn(studio, project.parent.config())) {
                java.util.List<ai.cinboard.service.ProjectSummary> projects =
                        studio.projectEdits(user.userId()).listProjects();
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    java.util.List<java.util.Map<String, Object>> rows = new java.util.ArrayList<>();
                    for (ai.cinboard.service.ProjectSummary p : projects) {
                        java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
                        row.put("id", p.id());
                        row.put("title", p.title());
                        row.put("status", p.status() == null ? null : p.status().dbValue());
                        row.put("language", p.language());
                        row.put(
                                "created_at",
                                p.createdAt() == null ? null : p.createdAt().toString());
                        rows.add(row);
                    }
                    out.println(
                            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(rows));
                } else if (projects.isEmpty()) {
                    out.println("No projects yet: render a story (cinboard render FILE) or open the studio.");
                } else {
                    for (ai.cinboard.service.ProjectSummary p : projects) {
                        out.printf(
                                "%6d  %-10s  %-5s  %-10s  %s%n",
                                p.id(),
                                p.status() == null ? "" : p.status().dbValue(),
                                p.language() == null ? "" : p.language(),
                                p.createdAt() == null ? "" : p.createdAt().toLocalDate(),
                                p.title());
                    }
                }
                out.flush();
            }
            return 0;
        }
    }

    @Command(
            name = "show",
            description = "Scenes, keyframes (with takes), clips, characters, voiceover and final video;"
                    + " each marked stale when it no longer matches its inputs.")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "The project id.")
        int projectId;

        @Option(names = "--json", description = "Print the project as JSON.")
        boolean json;

        @ParentCommand
        ProjectCommand project;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Studio studio = Studio.open(project.parent.config());
                    CliUser user = CliUser.signIn(studio, project.parent.config())) {
                ProjectAccess.requireOwner(studio.database(), user.userId(), projectId);
                ProjectIteration.ProjectState state = studio.iteration().show(projectId);
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    out.println(
                            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(state.toJson()));
                } else {
                    print(out, state);
                }
                out.flush();
            }
            return 0;
        }

        private static void print(PrintWriter out, ProjectIteration.ProjectState p) {
            out.printf("project %d  (%d stale)%n", p.id(), p.staleCount());
            for (ProjectIteration.SceneState s : p.scenes()) {
                // how it opens from the scene before (the first scene has none before it)
                String opens = s.number() == 1
                        ? ""
                        : s.transition().kind().id().equals("cut")
                                ? "  opens with a cut"
                                : "  opens with a " + s.transition().kind().id() + " of "
                                        + s.transition()
                                                .seconds()
                                                .stripTrailingZeros()
                                                .toPlainString() + "s";
                out.printf(
                        "scene %d  %s  %ss%s%s%n",
                        s.number(),
                        s.heading(),
                        s.durationSeconds().toPlainString(),
                        opens,
                        mark(s.clip().stale()));
                for (ProjectIteration.KeyframeState k : s.keyframes()) {
                    out.printf(
                            "  keyframe %d  @%ds  take %d/%d%s%s  %s%n",
                            k.sequence(),
                            k.timingSeconds(),
                            k.take(),
                            k.takes(),
                            k.locked() ? "  locked" : "",
                            mark(k.stale()),
                            k.description());
                }
            }
            for (ProjectIteration.CharacterState c : p.characters()) {
                out.printf("character %s  take %d/%d%s%n", c.name(), c.take(), c.takes(), mark(c.stale()));
            }
            out.printf("voiceover%s%n", mark(p.voiceoverStale()));
            out.printf(
                    "final video  %s%s%n",
                    p.finalVideoUrl() == null ? "(none)" : p.finalVideoUrl(), mark(p.finalVideoStale()));
        }

        private static String mark(boolean stale) {
            return stale ? "  STALE" : "";
        }
    }
}
