package ai.cinboard.app.cli;

import ai.cinboard.app.Studio;
import ai.cinboard.persistence.ProjectAccess;
import ai.cinboard.pipeline.ProjectIteration;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code project show ID [--json]}: the project as the studio sees it, with takes and what is stale. */
@Command(
        name = "project",
        description = "Look at a project.",
        subcommands = {ProjectCommand.Show.class})
public final class ProjectCommand implements Runnable {
    @ParentCommand
    StudioCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
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
                out.printf(
                        "scene %d  %s  %ss%s%n",
                        s.number(),
                        s.heading(),
                        s.durationSeconds().toPlainString(),
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
