package ai.cinboard.app.cli;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.Keyframe;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.Scene;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.Transition;
import ai.cinboard.persistence.ProjectAccess;
import ai.cinboard.pipeline.ProjectIteration;
import ai.cinboard.pipeline.StudioProjectService;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code edit ID ...}: the storyboard edits of the window, through the same service. */
@Command(
        name = "edit",
        description = "Edit a project: a keyframe's description, timing or lock; a scene's duration, order or"
                + " transition; a character's description. Then render changes (render --project ID).")
public final class EditCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The project id.")
    int projectId;

    @Option(names = "--scene", paramLabel = "N", description = "The scene's current number (1-based).")
    Integer scene;

    @Option(names = "--keyframe", paramLabel = "K", description = "The keyframe's sequence: 0, 1 or 2.")
    Integer keyframe;

    @Option(names = "--description", paramLabel = "TEXT", description = "New description (keyframe or character).")
    String description;

    @Option(
            names = "--timing",
            paramLabel = "SECONDS",
            description = "When the keyframe shows, in whole seconds from the scene's start (after the keyframe"
                    + " before it, before the one after it).")
    Integer timing;

    @Option(names = "--lock", description = "Approve (lock) the keyframe: it is never regenerated.")
    boolean lock;

    @Option(names = "--unlock", description = "Unlock the keyframe.")
    boolean unlock;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "The scene's new duration (trim).")
    BigDecimal duration;

    @Option(
            names = "--transition",
            paramLabel = "KIND",
            description = "How the scene opens from the one before it: cut, crossfade, dip (to black) or wipe.")
    String transition;

    @Option(
            names = "--transition-seconds",
            paramLabel = "S",
            description = "How long the transition lasts (more than 0, at most 5; default: as it was, or 0.5).")
    BigDecimal transitionSeconds;

    @Option(names = "--move-scene", paramLabel = "N", description = "Move scene N ...")
    Integer moveScene;

    @Option(names = "--to", paramLabel = "M", description = "... to place M.")
    Integer to;

    @Option(names = "--character", paramLabel = "NAME", description = "The character to edit.")
    String character;

    @ParentCommand
    StudioCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Studio studio = Studio.open(parent.config());
                CliUser user = CliUser.signIn(studio, parent.config())) {
            ProjectAccess.requireOwner(studio.database(), user.userId(), projectId);
            StudioProjectService edits = studio.projectEdits(user.userId());
            Project p = studio.iteration().load(projectId);
            String done = apply(p, edits);
            // approving a keyframe changes what may be redrawn, not what is drawn: nothing to render
            spec.commandLine()
                    .getOut()
                    .println(
                            lock || unlock
                                    ? done
                                    : done + " Run `render --project " + projectId + "` to render the changes.");
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private String apply(Project p, StudioProjectService edits) {
        List<String> given = new ArrayList<>();
        if (moveScene != null || to != null) {
            given.add("--move-scene");
        }
        if (character != null) {
            given.add("--character");
        }
        if (transition != null || transitionSeconds != null) {
            given.add("--transition");
        }
        if (duration != null) {
            given.add("--duration");
        }
        if (lock || unlock) {
            given.add(lock && unlock ? "--lock and --unlock" : lock ? "--lock" : "--unlock");
        }
        if (timing != null || (description != null && character == null)) {
            given.add(timing == null ? "--description" : description == null ? "--timing" : "--description/--timing");
        }
        if (given.size() > 1) {
            // each is one change of its own; silently doing one of them would lose the others
            throw new StudioException("One edit at a time: " + String.join(", ", given)
                    + " were given together. Run edit once for each.");
        }
        if (moveScene != null || to != null) {
            if (moveScene == null || to == null) {
                throw new StudioException("--move-scene N needs --to M (and the other way round).");
            }
            Scene moved = ProjectIteration.scene(p, moveScene);
            ProjectIteration.scene(p, to);
            List<Integer> order =
                    new ArrayList<>(p.scenes().stream().map(Scene::id).toList());
            order.remove(moved.id());
            order.add(to - 1, moved.id());
            edits.reorderScenes(projectId, order);
            return "Moved scene " + moveScene + " to " + to + ".";
        }
        if (character != null) {
            if (description == null) {
                throw new StudioException("--character NAME needs --description TEXT.");
            }
            var c = ProjectIteration.character(p, character);
            edits.updateCharacterDescription(c.id(), description);
            return "Changed " + c.characterName() + "'s description.";
        }
        if (scene == null) {
            throw new StudioException("Say what to edit: --scene N (with --keyframe K or --duration),"
                    + " --move-scene N --to M, or --character NAME.");
        }
        if (keyframe != null && (transition != null || transitionSeconds != null || duration != null)) {
            throw new StudioException((duration != null ? "--duration" : "--transition") + " is the scene's, not a"
                    + " keyframe's: drop --keyframe " + keyframe + ".");
        }
        if (transition != null || transitionSeconds != null) {
            if (transition == null) {
                throw new StudioException(
                        "--transition-seconds needs --transition KIND (one of: " + Transition.ALLOWED + ").");
            }
            Scene s = ProjectIteration.scene(p, scene);
            Transition t = Transition.given(transition, transitionSeconds, s.transition());
            edits.setSceneTransition(s.id(), t);
            return "Scene " + scene + " now opens with a " + t.describe() + "."
                    + (s.equals(p.scenes().get(0)) ? " (The first scene has no scene before it: not used.)" : "");
        }
        if (keyframe == null) {
            if (duration == null) {
                throw new StudioException(
                        "--scene " + scene + " needs --keyframe K, --duration SECONDS or --transition KIND.");
            }
            edits.setSceneDuration(ProjectIteration.scene(p, scene).id(), duration);
            return "Scene " + scene + " now lasts "
                    + duration.setScale(3, java.math.RoundingMode.HALF_UP)
                            .stripTrailingZeros()
                            .toPlainString() + " s.";
        }
        Keyframe k = ProjectIteration.keyframe(p, scene, keyframe);
        String what = "Keyframe " + keyframe + " of scene " + scene;
        if (lock && unlock) {
            throw new StudioException("Give --lock or --unlock, not both.");
        }
        if (lock || unlock) {
            edits.setKeyframeLocked(k.id(), lock);
            return what + (lock ? " is locked." : " is unlocked.");
        }
        if (description == null && timing == null) {
            throw new StudioException(
                    "--keyframe " + keyframe + " needs --description TEXT, --timing SECONDS, --lock or --unlock.");
        }
        edits.updateKeyframe(
                k.id(),
                description != null ? description : k.keyframeDescription(),
                timing != null ? timing : k.timingSeconds());
        return what + " is changed.";
    }
}
