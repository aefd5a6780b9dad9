package ai.cinboard.domain;

import java.util.List;

/** A whole project as loaded in one unit of work: the input record and everything under it. */
public record Project(
        InputRecord record,
        List<ProcessingStatus> statuses,
        List<Scene> scenes,
        List<SceneCharacter> sceneCharacters,
        List<Character> characters,
        List<CharacterImage> characterImages,
        List<Keyframe> keyframes,
        List<KeyframeImage> keyframeImages,
        List<VideoClip> clips,
        List<Voiceover> voiceovers,
        List<FinalVideo> finalVideos) {}
