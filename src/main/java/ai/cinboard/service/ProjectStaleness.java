package ai.cinboard.service;

import java.util.Set;

/**
 * What "Render changes" would make in a project now: the artefacts whose stored fingerprint no longer matches
 * their inputs. Derived from fingerprints each time it is asked for, never kept by hand.
 *
 * @param keyframeIds  stale keyframes (their image would be made again)
 * @param clipSceneIds scenes whose clip is stale
 * @param characterIds characters whose reference sheet is stale
 * @param voiceover    the voiceover is stale
 * @param finalVideo   the final video is stale (or missing)
 * @param count        how many items render changes would make: the stale characters, keyframes and clips,
 *                     plus one each for the voiceover and the final video when stale
 */
public record ProjectStaleness(
        Set<Integer> keyframeIds,
        Set<Integer> clipSceneIds,
        Set<Integer> characterIds,
        boolean voiceover,
        boolean finalVideo,
        int count) {
    public static final ProjectStaleness NONE = new ProjectStaleness(Set.of(), Set.of(), Set.of(), false, false, 0);

    public ProjectStaleness {
        keyframeIds = Set.copyOf(keyframeIds);
        clipSceneIds = Set.copyOf(clipSceneIds);
        characterIds = Set.copyOf(characterIds);
    }
}
