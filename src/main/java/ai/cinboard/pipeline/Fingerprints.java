package ai.cinboard.pipeline;

import ai.cinboard.domain.Character;
import ai.cinboard.domain.Line;
import ai.cinboard.domain.MixSettings;
import ai.cinboard.domain.Scene;
import ai.cinboard.domain.Sha256;
import ai.cinboard.domain.SubtitleStyle;
import ai.cinboard.generation.ShotType;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The fingerprint of each artefact: a SHA-256 of everything that determines it. Text, description, timing and
 * duration; the characters' looks; the engine's identity (kind, model, steps, voice) and the output size; seed and
 * take; and the fingerprints of the artefacts it is made from. An artefact whose stored fingerprint differs from
 * the one computed here is stale. Cache keys are built from these too, so two studios with different models never
 * share an image.
 */
public final class Fingerprints {
    static final int SHEET_WIDTH = 512;
    static final int SHEET_HEIGHT = 768;

    private final String imageEngine;
    private final String videoEngine;
    /** The speech engine's identity for a language ({@link ai.cinboard.generation.SpeechEngine#identity(String)}). */
    private final java.util.function.UnaryOperator<String> speechEngine;

    private final RenderSettings settings;

    /** Whether keyframes are drawn from their characters' reference images (see ImageEngine#drawsFromReferences). */
    private final boolean keyframesUseReferences;

    /** Whether keyframes show their caption in the picture (see ImageEngine#drawsCaptions). */
    private final boolean keyframesCaptioned;

    public Fingerprints(
            String imageEngine,
            boolean keyframesUseReferences,
            boolean keyframesCaptioned,
            String videoEngine,
            java.util.function.UnaryOperator<String> speechEngine,
            RenderSettings settings) {
        this.imageEngine = imageEngine;
        this.keyframesUseReferences = keyframesUseReferences;
        this.keyframesCaptioned = keyframesCaptioned;
        this.videoEngine = videoEngine;
        this.speechEngine = speechEngine;
        this.settings = settings;
    }

    /**
     * What a keyframe takes from one of its characters: the character as made ({@code sheet}, its take included)
     * when the engine draws from reference images, else its look alone (a new take of it changes no keyframe).
     */
    public String castMember(Character c, String sheet) {
        return keyframesUseReferences ? sheet : character(c, 1);
    }

    public String character(Character c, int take) {
        return sha256(
                "character/1",
                imageEngine,
                c.characterName(),
                c.characterDescription(),
                c.consistencyKey(),
                SHEET_WIDTH + "x" + SHEET_HEIGHT,
                String.valueOf(take));
    }

    /** {@code cast} holds the fingerprints of the scene's characters, in the scene's cast order. */
    public String keyframe(
            Scene scene,
            String description,
            int sequence,
            int take,
            String language,
            List<String> castKeys,
            List<String> cast,
            boolean captioned) {
        List<String> parts = new java.util.ArrayList<>(List.of(
                "keyframe/1",
                imageEngine,
                scene.heading(),
                String.valueOf(scene.location()),
                String.valueOf(scene.timeOfDay()),
                description,
                ShotType.forSequence(sequence).name(),
                String.valueOf(seed(scene, sequence, castKeys, take)),
                String.valueOf(take),
                settings.width() + "x" + settings.height(),
                String.valueOf(language),
                String.join(",", cast)));
        if (keyframesCaptioned && !captioned) {
            parts.add("no caption"); // only then: a keyframe with its caption keeps the fingerprint it always had
        }
        return sha256(parts.toArray(String[]::new));
    }

    /** One keyframe as the clip uses it: the image's fingerprint and when it is shown. */
    public record ClipFrame(String keyframe, int timingSeconds) {}

    public String clip(Scene scene, List<ClipFrame> frames) {
        return sha256(
                "clip/1",
                videoEngine,
                settings.width() + "x" + settings.height() + "@" + settings.fps(),
                scene.durationSeconds().stripTrailingZeros().toPlainString(),
                frames.stream().map(f -> f.keyframe() + "@" + f.timingSeconds()).collect(Collectors.joining(",")));
    }

    /** One scene's narration spoken by this engine in this language. */
    public String speech(String text, String language) {
        return sha256("speech/1", speechEngine.apply(language), String.valueOf(language), text);
    }

    /** The voice part of the spec's {@code voiceover:{text_hash}:{voice_settings}} key. */
    public String voiceSettingsKey(String language) {
        return sha256(speechEngine.apply(language), String.valueOf(language)).substring(0, 16);
    }

    /** The whole track: each scene's speech in the order of the edit. */
    public String voiceover(List<String> segments) {
        return sha256("voiceover/1", String.join(",", segments));
    }

    /**
     * The final mix mastered ahead of the composition: the voiceover, laid along the scenes at their lengths (the
     * clips' lengths, which the video engine makes from them), with the music and loudness of {@code mix}.
     */
    public String mastering(String voiceover, List<Scene> scenesInOrder, MixSettings mix) {
        return sha256(
                "mastering/1",
                videoEngine,
                settings.width() + "x" + settings.height() + "@" + settings.fps(),
                mix.fingerprintPart(),
                String.valueOf(voiceover),
                scenesInOrder.stream()
                        .map(s -> s.durationSeconds().stripTrailingZeros().toPlainString())
                        .collect(Collectors.joining(",")));
    }

    /**
     * {@code voiceover} is null when the video has none (its subtitles are then burned in). {@code scenesInOrder}
     * give their transitions: only the final video depends on them, and the first scene's is not used.
     * {@code subtitles} is the project's chosen subtitle style, null for none: then nothing is added, so final videos
     * made before subtitle styles existed stay current.
     */
    public String finalVideo(
            List<String> clips,
            String voiceover,
            List<List<Line>> linesInOrder,
            MixSettings mix,
            List<Scene> scenesInOrder,
            SubtitleStyle subtitles) {
        return sha256(
                "final/3", // 3: subtitle cues take the voice's pauses together, in order
                scenesInOrder.stream()
                        .skip(1)
                        .map(s -> s.transition().describe())
                        .collect(Collectors.joining(",")),
                subtitles == null
                        ? mix.fingerprintPart()
                        : mix.fingerprintPart() + "|subtitles " + subtitles.fingerprintPart(),
                settings.width() + "x" + settings.height() + "@" + settings.fps(),
                String.join(",", clips),
                String.valueOf(voiceover),
                linesInOrder.stream()
                        .map(ls -> ls.stream().map(Line::text).collect(Collectors.joining("\u0001")))
                        .collect(Collectors.joining("\u0002")));
    }

    /**
     * The seed of a keyframe take. Take 1 keeps the seed keyframes always had (scene, sequence and cast); every
     * further take mixes its number in, so it is a new picture.
     */
    static long seed(Scene scene, int sequence, List<String> castKeys, int take) {
        String keys = castKeys.stream().sorted().collect(Collectors.joining(","));
        String basis = scene.heading() + "|" + scene.sceneNumber() + "|" + sequence + "|" + keys;
        byte[] h = Sha256.of(take <= 1 ? basis : basis + "|take " + take);
        long seed = 0;
        for (int i = 0; i < 8; i++) {
            seed = (seed << 8) | (h[i] & 0xff);
        }
        return seed & Long.MAX_VALUE;
    }

    static String sha256(String... parts) {
        return Sha256.hexOf(String.join("\u0000", parts));
    }
}
