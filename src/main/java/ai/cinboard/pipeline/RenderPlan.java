package ai.cinboard.pipeline;

import java.util.Set;

/**
 * What a render must make as new takes on top of what is stale: characters, keyframes, and scenes whose
 * unlocked keyframes all get a new take. Each gets {@code candidates} takes, and the best scoring becomes
 * current. Everything that depends on them follows (a scene's clip, the final video), because their
 * fingerprints change. Locked keyframes are never regenerated.
 */
public record RenderPlan(
        Set<Integer> characterIds,
        boolean characterKeyframesToo,
        Set<Integer> keyframeIds,
        Set<Integer> sceneIds,
        int candidates) {
    public static final RenderPlan MISSING_ONLY = new RenderPlan(Set.of(), false, Set.of(), Set.of(), 1);

    public RenderPlan {
        if (candidates < 1 || candidates > MAX_CANDIDATES) {
            throw new ai.cinboard.domain.StudioException(
                    "--candidates " + candidates + " is out of range: use 1 to " + MAX_CANDIDATES + ".");
        }
    }

    public static final int MAX_CANDIDATES = 8;

    public static RenderPlan keyframe(int keyframeId) {
        return new RenderPlan(Set.of(), false, Set.of(keyframeId), Set.of(), 1);
    }

    public static RenderPlan scene(int sceneId) {
        return new RenderPlan(Set.of(), false, Set.of(), Set.of(sceneId), 1);
    }

    public static RenderPlan character(int characterId, boolean withKeyframes) {
        return new RenderPlan(Set.of(characterId), withKeyframes, Set.of(), Set.of(), 1);
    }

    public RenderPlan withCandidates(int n) {
        return new RenderPlan(characterIds, characterKeyframesToo, keyframeIds, sceneIds, n);
    }
}
