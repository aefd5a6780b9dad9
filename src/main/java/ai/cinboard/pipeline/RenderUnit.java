package ai.cinboard.pipeline;

import ai.cinboard.domain.Phase;
import ai.cinboard.domain.StudioException;
import java.util.List;

/**
 * One piece of a render that a worker runs on its own: one character's reference sheet, one keyframe, one scene's
 * clip, the voiceover, the final mix mastered ahead, or the composition. Its {@link #key()} names it in the job engine, so a unit queued twice
 * is one row. {@code id} is the character's id for a character unit, the scene's for a keyframe or clip unit, else
 * null; {@code sequence} is a keyframe unit's place in its scene (a keyframe not made yet has no id of its own).
 *
 * <p>A keyframe is a unit of its own, not part of its scene's: an image engine takes seconds a picture, and with a
 * scene's keyframes asked one after another, four workers waited on the last scenes' three pictures in turn while
 * the others had nothing left to take (WorkerScalingBenchmark, 2.89× for 4 workers).
 */
public record RenderUnit(int projectId, Kind kind, Integer id, Integer sequence) {
    public enum Kind {
        CHARACTER(List.of(Phase.CHARACTERS)),
        VOICEOVER(List.of(Phase.VOICEOVER)),
        /** The voiceover mastered for the final mix ahead of the composition: the voiceover phase's last step. */
        MASTERING(List.of(Phase.VOICEOVER)),
        KEYFRAME(List.of(Phase.KEYFRAMES)),
        CLIP(List.of(Phase.CLIPS)),
        COMPOSITION(List.of(Phase.COMPOSITION));

        /** The render phase a unit of this kind runs, as a list for counting a render's units by phase. */
        final List<Phase> phases;

        Kind(List<Phase> phases) {
            this.phases = phases;
        }

        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        boolean namesItem() {
            return this == CHARACTER || this == KEYFRAME || this == CLIP;
        }
    }

    public RenderUnit {
        if (kind.namesItem() != (id != null)) {
            throw new IllegalArgumentException(
                    "Character, keyframe and clip units, and only they, name their item: " + kind);
        }
        if ((kind == Kind.KEYFRAME) != (sequence != null)) {
            throw new IllegalArgumentException("Keyframe units, and only they, name a place in the scene: " + kind);
        }
    }

    public static RenderUnit character(int projectId, int characterId) {
        return new RenderUnit(projectId, Kind.CHARACTER, characterId, null);
    }

    public static RenderUnit voiceover(int projectId) {
        return new RenderUnit(projectId, Kind.VOICEOVER, null, null);
    }

    public static RenderUnit mastering(int projectId) {
        return new RenderUnit(projectId, Kind.MASTERING, null, null);
    }

    public static RenderUnit keyframe(int projectId, int sceneId, int sequence) {
        return new RenderUnit(projectId, Kind.KEYFRAME, sceneId, sequence);
    }

    public static RenderUnit clip(int projectId, int sceneId) {
        return new RenderUnit(projectId, Kind.CLIP, sceneId, null);
    }

    public static RenderUnit composition(int projectId) {
        return new RenderUnit(projectId, Kind.COMPOSITION, null, null);
    }

    /**
     * "12/character/5", "12/keyframe/34/2" (scene 34's third keyframe), "12/clip/34", "12/voiceover",
     * "12/mastering", "12/composition": project id, kind, and the item.
     */
    public String key() {
        return projectId + "/" + kind.word() + (id == null ? "" : "/" + id) + (sequence == null ? "" : "/" + sequence);
    }

    /** What {@link #key()} wrote; anything else is a unit of an unknown shape. */
    public static RenderUnit parse(String key) {
        String[] parts = key.split("/", -1);
        try {
            if (parts.length > 4) {
                throw new IllegalArgumentException("too many parts");
            }
            int project = Integer.parseInt(parts[0]);
            Kind kind = Kind.valueOf(parts[1].toUpperCase(java.util.Locale.ROOT));
            Integer id = parts.length >= 3 ? Integer.valueOf(parts[2]) : null;
            Integer sequence = parts.length == 4 ? Integer.valueOf(parts[3]) : null;
            return new RenderUnit(project, kind, id, sequence);
        } catch (RuntimeException e) {
            throw new StudioException("\"" + key + "\" is not a render unit (expected e.g. 12/keyframe/34/2).", e);
        }
    }
}
