package ai.cinboard.app.cli;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.StudioException;
import ai.cinboard.persistence.ProjectAccess;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code take ID ... --use T}: makes an earlier (or later) take current again. */
@Command(name = "take", description = "Make take T of a keyframe or a character current (rollback).")
public final class TakeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The project id.")
    int projectId;

    @Option(names = "--scene", paramLabel = "N", description = "The scene's current number (1-based).")
    Integer scene;

    @Option(names = "--keyframe", paramLabel = "K", description = "The keyframe's sequence: 0, 1 or 2.")
    Integer keyframe;

    @Option(names = "--character", paramLabel = "NAME", description = "The character.")
    String character;

    @Option(names = "--use", required = true, paramLabel = "T", description = "The take's number (1-based).")
    int use;

    @ParentCommand
    StudioCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (character != null && (scene != null || keyframe != null)) {
            throw new StudioException("Give --character NAME or --scene N --keyframe K, not both.");
        }
        try (Studio studio = Studio.open(parent.config());
                CliUser user = CliUser.signIn(studio, parent.config())) {
            ProjectAccess.requireOwner(studio.database(), user.userId(), projectId);
            String what;
            if (character != null) {
                studio.iteration().useCharacterTake(projectId, character, use);
                what = character;
            } else if (scene != null && keyframe != null) {
                studio.iteration().useKeyframeTake(projectId, scene, keyframe, use);
                what = "keyframe " + keyframe + " of scene " + scene;
            } else {
                throw new StudioException("Say whose take: --scene N --keyframe K, or --character NAME.");
            }
            spec.commandLine()
                    .getOut()
                    .printf(
                            "Take %d of %s is current. Run `render --project %d` to render the changes.%n",
                            use, what, projectId);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
