package ai.cinboard.app.cli;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.Keyframe;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.StudioException;
import ai.cinboard.persistence.ProjectAccess;
import ai.cinboard.pipeline.ProjectIteration;
import ai.cinboard.pipeline.RenderPipeline;
import ai.cinboard.pipeline.RenderPlan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code regenerate ID --scene N [--keyframe K] [--candidates C]} or {@code --character NAME}: new takes (a new
 * seed each), the best scoring one current, the earlier takes kept; then the changes are rendered.
 */
@Command(
        name = "regenerate",
        description = "Make new takes of a keyframe, a scene's keyframes or a character; the best becomes current"
                + " and what shows it is made again (a keyframe's clip and the video; a character's keyframes only"
                + " with an image engine that draws from the sheets). Locked keyframes are never replaced.")
public final class RegenerateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The project id.")
    int projectId;

    @Option(names = "--scene", paramLabel = "N", description = "The scene's current number (1-based).")
    Integer scene;

    @Option(names = "--keyframe", paramLabel = "K", description = "Only this keyframe (0, 1 or 2).")
    Integer keyframe;

    @Option(names = "--character", paramLabel = "NAME", description = "The character.")
    String character;

    @Option(names = "--candidates", paramLabel = "C", description = "How many takes to make (default 1).")
    int candidates = 1;

    @ParentCommand
    StudioCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (character != null && (scene != null || keyframe != null)) {
            throw new StudioException("Give --character NAME or --scene N [--keyframe K], not both.");
        }
        try (Studio studio = Studio.open(parent.config());
                CliUser user = CliUser.signIn(studio, parent.config())) {
            ProjectAccess.requireOwner(studio.database(), user.userId(), projectId);
            Project p = studio.iteration().load(projectId);
            RenderPlan plan;
            String what;
            if (character != null) {
                var c = ProjectIteration.character(p, character);
                plan = RenderPlan.character(c.id(), false);
                what = c.characterName();
            } else if (scene != null && keyframe != null) {
                Keyframe k = ProjectIteration.keyframe(p, scene, keyframe);
                if (Boolean.TRUE.equals(k.locked())) {
                    throw new StudioException("Keyframe " + keyframe + " of scene " + scene
                            + " is approved (locked); unlock it first (edit " + projectId + " --scene " + scene
                            + " --keyframe " + keyframe + " --unlock).");
                }
                plan = RenderPlan.keyframe(k.id());
                what = "keyframe " + keyframe + " of scene " + scene;
            } else if (scene != null) {
                plan = RenderPlan.scene(ProjectIteration.scene(p, scene).id());
                what = "scene " + scene + "'s unlocked keyframes";
            } else {
                throw new StudioException("Say what to regenerate: --scene N [--keyframe K] or --character NAME.");
            }
            plan = plan.withCandidates(candidates);
            TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr(), System.console() != null);
            RenderPipeline.Result result =
                    studio.render(studio.defaultRenderSettings()).run(projectId, plan, progress);
            java.io.PrintWriter out = spec.commandLine().getOut();
            RenderPipeline.Rerendered made = result.rerendered();
            out.printf(
                    "New take%s of %s made; %s.%n",
                    candidates > 1 ? "s" : "",
                    what,
                    candidates > 1 ? "the best by quality score is current" : "it is current");
            if (character != null && !studio.keyframesDrawFromSheets()) {
                out.println("Its keyframes are unchanged: this image engine draws characters from their looks"
                        + " (consistency keys), not from their sheets.");
            }
            out.printf(
                    "Drew %s; remade %d clip(s)%s. Final video %s%n",
                    drawn(made),
                    made.clips(),
                    made.composition() > 0 ? ", and composed the final video again" : "; the final video is unchanged",
                    result.videoUrl());
            out.flush();
        }
        return 0;
    }

    /** What was drawn, by kind: "1 character sheet and 0 keyframe pictures", "3 keyframe pictures" (candidates). */
    private static String drawn(RenderPipeline.Rerendered made) {
        String keyframes = made.keyframes() + " keyframe picture" + (made.keyframes() == 1 ? "" : "s");
        return made.characters() > 0
                ? made.characters() + " character sheet" + (made.characters() == 1 ? "" : "s") + " and " + keyframes
                : keyframes;
    }
}
