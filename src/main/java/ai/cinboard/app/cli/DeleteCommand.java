package ai.cinboard.app.cli;

import ai.cinboard.app.Studio;
import ai.cinboard.service.ProjectDeletion;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code delete ID}: deletes one of your projects and everything under it; recorded in the audit log. */
@Command(name = "delete", description = "Delete a project (its scenes, characters, keyframes, clips and videos).")
public final class DeleteCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The project id (render and export print it).")
    int projectId;

    @picocli.CommandLine.ParentCommand
    StudioCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Studio studio = Studio.open(parent.config());
                CliUser user = CliUser.signIn(studio, parent.config())) {
            new ProjectDeletion(studio.database()).delete(user.userId(), projectId);
            spec.commandLine()
                    .getOut()
                    .printf("Deleted project %d. Its media files stay in the media store.%n", projectId);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
