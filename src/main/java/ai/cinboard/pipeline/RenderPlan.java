package ai.cinboard.pipeline;

import java.util.Set;

/**
 * What a render must redo on top of what is missing: characters whose reference images, keyframes whose
 * images, and scenes whose unlocked keyframes are regenerated. Everything that depends on them follows
 * (a scene's clip, the final video). Locked keyframes are never regenerated.
 */
public record RenderPlan(
        Set<Integer> characterIds, boolean characterKeyframesToo, Set<Integer> keyframeIds, Set<Integer> sceneIds) {
    public static final RenderPlan MISSING_ONLY = new RenderPlan(Set.of(), false, Set.of(), Set.of());

    public static RenderPlan keyframe(int keyframeId) {
        return new RenderPlan(Set.of(), false, Set.of(keyframeId), Set.of());
    }

    public static RenderPlan scene(int sceneId) {
        return new RenderPlan(Set.of(), false, Set.of(), Set.of(sceneId));
    }

    public static RenderPlan character(int characterId, boolean withKeyframes) {
        return new RenderPlan(Set.of(characterId), withKeyframes, Set.of(), Set.of());
    }
}
