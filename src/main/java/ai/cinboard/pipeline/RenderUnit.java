package ai.cinboard.pipeline;

import ai.cinboard.domain.Phase;
import ai.cinboard.domain.StudioException;
import java.util.List;

/**
 * One piece of a render that a worker runs on its own: one character's reference sheet, one scene's keyframes and
 * clip, the voiceover, or the composition. Its {@link #key()} names it in the job engine, so a unit queued twice
 * is one row. {@code id} is the character's id for a character unit, the scene's for a scene unit, else null.
 */
public record RenderUnit(int projectId, Kind kind, Integer id) {
    public enum Kind {
        CHARACTER(List.of(Phase.CHARACTERS)),
        VOICEOVER(List.of(Phase.VOICEOVER)),
        SCENE(List.of(Phase.KEYFRAMES, Phase.CLIPS)),
        COMPOSITION(List.of(Phase.COMPOSITION));

        /** The render phases a unit of this kind runs, in order. */
        final List<Phase> phases;

        Kind(List<Phase> phases) {
            this.phases = phases;
        }

        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public RenderUnit {
        if ((kind == Kind.SCENE || kind == Kind.CHARACTER) != (id != null)) {
            throw new IllegalArgumentException("Scene and character units, and only they, name their item: " + kind);
        }
    }

    public static RenderUnit character(int projectId, int characterId) {
        return new RenderUnit(projectId, Kind.CHARACTER, characterId);
    }

    public static RenderUnit voiceover(int projectId) {
        return new RenderUnit(projectId, Kind.VOICEOVER, null);
    }

    public static RenderUnit scene(int projectId, int sceneId) {
        return new RenderUnit(projectId, Kind.SCENE, sceneId);
    }

    public static RenderUnit composition(int projectId) {
        return new RenderUnit(projectId, Kind.COMPOSITION, null);
    }

    /** "12/character/5", "12/scene/34", "12/voiceover", "12/composition": project id, kind, and the item's id. */
    public String key() {
        return projectId + "/" + kind.word() + (id == null ? "" : "/" + id);
    }

    /** What {@link #key()} wrote; anything else is a unit of an unknown shape. */
    public static RenderUnit parse(String key) {
        String[] parts = key.split("/");
        try {
            int project = Integer.parseInt(parts[0]);
            Kind kind = Kind.valueOf(parts[1].toUpperCase(java.util.Locale.ROOT));
            Integer id = parts.length == 3 ? Integer.valueOf(parts[2]) : null;
            if (parts.length > 3) {
                throw new IllegalArgumentException("too many parts");
            }
            return new RenderUnit(project, kind, id);
        } catch (RuntimeException e) {
            throw new StudioException("\"" + key + "\" is not a render unit (expected e.g. 12/scene/34).", e);
        }
    }
}
