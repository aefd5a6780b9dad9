package ai.cinboard.pipeline;

import ai.cinboard.domain.Character;
import ai.cinboard.domain.CharacterImage;
import ai.cinboard.domain.FinalVideo;
import ai.cinboard.domain.Keyframe;
import ai.cinboard.domain.KeyframeImage;
import ai.cinboard.domain.Line;
import ai.cinboard.domain.MixSettings;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.Scene;
import ai.cinboard.domain.SceneCharacter;
import ai.cinboard.domain.SubtitleStyle;
import ai.cinboard.domain.VideoClip;
import ai.cinboard.domain.Voiceover;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What is stale in a project: every artefact's fingerprint computed now, compared with the one it stored.
 * Computed once per render from the project as loaded, in dependency order (characters, keyframes, clips,
 * voiceover, final video), so an artefact made from a stale one is stale too. A requested new take (regenerate)
 * is planned as the next take number, which makes it and everything downstream stale.
 */
public record Staleness(
        Map<Integer, CharacterPlan> characters,
        List<KeyframePlan> keyframes,
        Map<Integer, ClipPlan> clips,
        VoiceoverPlan voiceover,
        MasteringPlan mastering,
        String finalVideo,
        boolean finalVideoStale) {

    public record CharacterPlan(Character character, int take, String fingerprint, boolean stale, int candidates) {}

    /**
     * One keyframe slot of a scene; {@code existing} is null for a keyframe not made yet. {@code castIds}: the
     * characters the scene shows, whose sheets the keyframe waits for.
     */
    public record KeyframePlan(
            Scene scene,
            List<Integer> castIds,
            int sequence,
            Keyframe existing,
            String description,
            int timingSeconds,
            int take,
            String fingerprint,
            boolean stale,
            int candidates) {
        public boolean locked() {
            return existing != null && Boolean.TRUE.equals(existing.locked());
        }
    }

    public record ClipPlan(Scene scene, VideoClip existing, String fingerprint, boolean stale) {}

    /** {@code segments} by scene id: the speech fingerprint of each scene's narration. Null when speech is off. */
    public record VoiceoverPlan(String fingerprint, boolean stale, Map<Integer, String> segments) {}

    /**
     * The final mix mastered ahead of the composition. Not an artefact of its own, so never counted: a head start
     * for the composition, stale while the final video is, the voiceover is made, and it carries no mastered mix for
     * what the final video is made from now.
     */
    public record MasteringPlan(String fingerprint, boolean stale) {}

    public static Staleness of(
            Project project,
            Map<Integer, List<Line>> lines,
            Fingerprints fp,
            RenderPlan request,
            int keyframesPerScene,
            boolean speechAvailable,
            MixSettings mix,
            SubtitleStyle subtitles,
            Predicate<String> exists) {
        String language = project.record().detectedLanguage();
        Map<Integer, CharacterPlan> characters = new LinkedHashMap<>();
        for (Character c : project.characters()) {
            boolean regenerate = request.characterIds().contains(c.id());
            int current = c.take() == null ? 1 : c.take();
            int take = regenerate ? maxTake(project.characterImages(), c.id()) + 1 : current;
            String expected = fp.character(c, take);
            boolean stale = regenerate
                    || c.imageUrl() == null
                    || !expected.equals(c.fingerprint())
                    || !exists.test(c.imageUrl());
            characters.put(c.id(), new CharacterPlan(c, take, expected, stale, regenerate ? request.candidates() : 1));
        }
        Map<Integer, List<Integer>> castByScene = project.sceneCharacters().stream()
                .collect(Collectors.groupingBy(
                        SceneCharacter::sceneId, Collectors.mapping(SceneCharacter::characterId, Collectors.toList())));
        Map<Integer, List<Keyframe>> keyframesByScene =
                project.keyframes().stream().collect(Collectors.groupingBy(Keyframe::sceneId));
        List<KeyframePlan> keyframes = new ArrayList<>();
        Map<Integer, ClipPlan> clips = new LinkedHashMap<>();
        Map<Integer, VideoClip> clipByScene = new HashMap<>();
        project.clips().forEach(c -> clipByScene.merge(c.sceneId(), c, (a, b) -> a.id() > b.id() ? a : b));
        for (Scene scene : project.scenes()) {
            List<Integer> castIds = castByScene.getOrDefault(scene.id(), List.of());
            List<String> castKeys = castIds.stream()
                    .map(id -> characters.get(id).character().consistencyKey())
                    .toList();
            List<String> cast = castIds.stream()
                    .map(id -> fp.castMember(
                            characters.get(id).character(), characters.get(id).fingerprint()))
                    .toList();
            boolean wholeScene = request.sceneIds().contains(scene.id())
                    || (request.characterKeyframesToo() && castIds.stream().anyMatch(request.characterIds()::contains));
            Map<Integer, Keyframe> existing = keyframesByScene.getOrDefault(scene.id(), List.of()).stream()
                    .collect(Collectors.toMap(Keyframe::sequence, k -> k, (a, b) -> a));
            List<String> descriptions =
                    SceneScripts.keyframeDescriptions(scene, lines.get(scene.id()), keyframesPerScene);
            List<Fingerprints.ClipFrame> frames = new ArrayList<>();
            boolean anyKeyframeStale = false;
            for (int seq = 0; seq < keyframesPerScene; seq++) {
                Keyframe k = existing.get(seq);
                KeyframePlan plan;
                if (k != null && Boolean.TRUE.equals(k.locked())) {
                    // An approved keyframe is never replaced: its image is what the creator chose.
                    plan = new KeyframePlan(
                            scene,
                            castIds,
                            seq,
                            k,
                            k.keyframeDescription(),
                            k.timingSeconds(),
                            take(k),
                            k.fingerprint(),
                            false,
                            1);
                } else {
                    boolean regenerate =
                            k != null && (wholeScene || request.keyframeIds().contains(k.id()));
                    int take = k == null ? 1 : regenerate ? maxTake(project.keyframeImages(), k.id()) + 1 : take(k);
                    String description = k != null ? k.keyframeDescription() : descriptions.get(seq);
                    int timing = k != null
                            ? k.timingSeconds()
                            : SceneScripts.timing(scene, lines.get(scene.id()), seq, keyframesPerScene);
                    String expected = fp.keyframe(
                            scene,
                            description,
                            seq,
                            take,
                            language,
                            castKeys,
                            cast,
                            captioned(subtitles, speechAvailable));
                    boolean stale = k == null
                            || regenerate
                            || k.imageUrl() == null
                            || !expected.equals(k.fingerprint())
                            || !exists.test(k.imageUrl());
                    plan = new KeyframePlan(
                            scene,
                            castIds,
                            seq,
                            k,
                            description,
                            timing,
                            take,
                            expected,
                            stale,
                            regenerate ? request.candidates() : 1);
                }
                anyKeyframeStale |= plan.stale();
                keyframes.add(plan);
                frames.add(new Fingerprints.ClipFrame(plan.fingerprint(), plan.timingSeconds()));
            }
            String clipFp = fp.clip(scene, frames);
            VideoClip clip = clipByScene.get(scene.id());
            boolean clipStale = anyKeyframeStale
                    || clip == null
                    || !clipFp.equals(clip.fingerprint())
                    || !exists.test(clip.videoUrl());
            clips.put(scene.id(), new ClipPlan(scene, clip, clipFp, clipStale));
        }
        Voiceover latestVoiceover = project.voiceovers().stream()
                .max(Comparator.comparing(Voiceover::id))
                .orElse(null);
        VoiceoverPlan voiceover;
        if (speechAvailable) {
            Map<Integer, String> segments = new LinkedHashMap<>();
            for (Scene scene : project.scenes()) {
                segments.put(scene.id(), fp.speech(SceneScripts.narration(lines.get(scene.id())), language));
            }
            String expected = fp.voiceover(List.copyOf(segments.values()));
            boolean stale = latestVoiceover == null
                    || !expected.equals(latestVoiceover.fingerprint())
                    || !exists.test(latestVoiceover.audioUrl());
            voiceover = new VoiceoverPlan(expected, stale, segments);
        } else {
            voiceover = new VoiceoverPlan(null, false, null);
        }
        String finalFp = fp.finalVideo(
                clips.values().stream().map(ClipPlan::fingerprint).toList(),
                voiceover.fingerprint(),
                project.scenes().stream()
                        .map(s -> lines.getOrDefault(s.id(), List.of()))
                        .toList(),
                mix,
                project.scenes(),
                subtitles);
        FinalVideo latestFinal = project.finalVideos().stream()
                .max(Comparator.comparing(FinalVideo::id))
                .orElse(null);
        boolean finalStale = latestFinal == null
                || !finalFp.equals(latestFinal.fingerprint())
                || !exists.test(latestFinal.videoUrl());
        String masteringFp = fp.mastering(voiceover.fingerprint(), project.scenes(), mix);
        VoiceTrack.Mastered mastered = latestVoiceover == null
                ? null
                : VoiceTrack.from(latestVoiceover.voiceSettings()).mastered();
        // only once the voiceover it masters is made: a mastering queued before would master the one it replaces
        boolean masteringStale = speechAvailable
                && finalStale
                && !voiceover.stale()
                && (mastered == null || !masteringFp.equals(mastered.fingerprint()) || !exists.test(mastered.url()));
        return new Staleness(
                characters,
                keyframes,
                clips,
                voiceover,
                new MasteringPlan(masteringFp, masteringStale),
                finalFp,
                finalStale);
    }

    /**
     * Whether a keyframe's panel shows its description as a caption: only in a video with no subtitles burned in.
     * Subtitles are burned in when a style was chosen, and always without a voiceover; two texts on the picture,
     * one changing with the keyframes and one with the words, would disagree.
     */
    static boolean captioned(SubtitleStyle subtitles, boolean speechAvailable) {
        return subtitles == null && speechAvailable;
    }

    private static int take(Keyframe k) {
        return k.take() == null ? 1 : k.take();
    }

    private static int maxTake(List<?> images, int parentId) {
        int max = 0;
        for (Object o : images) {
            if (o instanceof KeyframeImage i && Objects.equals(i.keyframeId(), parentId)) {
                max = Math.max(max, i.take() == null ? 1 : i.take());
            } else if (o instanceof CharacterImage i && Objects.equals(i.characterId(), parentId)) {
                max = Math.max(max, i.take() == null ? 1 : i.take());
            }
        }
        return Math.max(1, max);
    }

    /** The plan of one keyframe unit: that keyframe as planned here, nothing else stale. */
    public Staleness forKeyframe(int sceneId, int sequence) {
        return new Staleness(
                settledCharacters(),
                keyframes.stream()
                        .filter(k -> k.scene().id() == sceneId && k.sequence() == sequence)
                        .toList(),
                settledClips(-1),
                settledVoiceover(),
                settledMastering(),
                finalVideo,
                false);
    }

    /** The plan of the mastering unit: the mix mastered ahead as planned here, nothing else stale. */
    public Staleness forMastering() {
        return new Staleness(
                settledCharacters(), List.of(), settledClips(-1), settledVoiceover(), mastering, finalVideo, false);
    }

    /**
     * The plan of one clip unit: that scene's clip as planned here, nothing else stale. Other scenes' clips stay in
     * the map (phases look scenes up by id) but are up to date as far as this unit goes.
     */
    public Staleness forClip(int sceneId) {
        return new Staleness(
                settledCharacters(),
                List.of(),
                settledClips(sceneId),
                settledVoiceover(),
                settledMastering(),
                finalVideo,
                false);
    }

    private Map<Integer, CharacterPlan> settledCharacters() {
        Map<Integer, CharacterPlan> settled = new LinkedHashMap<>();
        characters.forEach((id, c) ->
                settled.put(id, new CharacterPlan(c.character(), c.take(), c.fingerprint(), false, c.candidates())));
        return settled;
    }

    /** Every clip up to date but {@code sceneId}'s, which stays as planned. */
    private Map<Integer, ClipPlan> settledClips(int sceneId) {
        Map<Integer, ClipPlan> settled = new LinkedHashMap<>();
        clips.forEach((id, c) ->
                settled.put(id, id == sceneId ? c : new ClipPlan(c.scene(), c.existing(), c.fingerprint(), false)));
        return settled;
    }

    private VoiceoverPlan settledVoiceover() {
        return new VoiceoverPlan(voiceover.fingerprint(), false, voiceover.segments());
    }

    private MasteringPlan settledMastering() {
        return new MasteringPlan(mastering.fingerprint(), false);
    }

    /** The plan of one character unit: that character's sheet as planned here, nothing else stale. */
    public Staleness forCharacter(int characterId) {
        Map<Integer, CharacterPlan> one = settledCharacters();
        one.put(characterId, characters.get(characterId));
        return new Staleness(
                one, List.of(), settledClips(-1), settledVoiceover(), settledMastering(), finalVideo, false);
    }

    /** Every unit with something stale in it, in dependency order. Locked keyframes are never stale. */
    public List<RenderUnit> staleUnits(int projectId) {
        List<RenderUnit> units = new ArrayList<>();
        characters.values().stream()
                .filter(CharacterPlan::stale)
                .forEach(c ->
                        units.add(RenderUnit.character(projectId, c.character().id())));
        if (voiceover.stale()) units.add(RenderUnit.voiceover(projectId));
        if (mastering.stale()) units.add(RenderUnit.mastering(projectId));
        keyframes.stream()
                .filter(KeyframePlan::stale)
                .forEach(k -> units.add(RenderUnit.keyframe(projectId, k.scene().id(), k.sequence())));
        clips.values().stream()
                .filter(ClipPlan::stale)
                .forEach(c -> units.add(RenderUnit.clip(projectId, c.scene().id())));
        if (finalVideoStale) units.add(RenderUnit.composition(projectId));
        return units;
    }

    /**
     * The stale units whose inputs are all up to date, so they can run now: every character sheet and the voiceover
     * at once; a keyframe once the voiceover and the sheets of its scene's characters are (it shows them, and a new
     * keyframe's timing is laid out over the scene's length, which the voiceover fits to its speech, so it is the
     * same whichever worker comes first); the mastering once stale, which it is only once the voiceover is made; a clip once its scene's keyframes
     * are; the composition once nothing else is stale but the mastering, which it never waits for (a mix not
     * mastered ahead in time, the composition masters itself).
     */
    public List<RenderUnit> readyUnits(int projectId) {
        List<RenderUnit> stale = staleUnits(projectId);
        Map<Integer, KeyframePlan> keyframeOf = new HashMap<>();
        keyframes.forEach(k -> keyframeOf.putIfAbsent(k.scene().id(), k));
        return stale.stream()
                .filter(u -> switch (u.kind()) {
                    case CHARACTER, VOICEOVER -> true;
                    case MASTERING -> true; // stale only once the voiceover is made
                    case KEYFRAME ->
                        !voiceover.stale()
                                && keyframeOf.get(u.id()).castIds().stream()
                                        .noneMatch(id -> characters.get(id).stale());
                    case CLIP ->
                        !voiceover.stale()
                                && keyframes.stream().noneMatch(k -> k.scene().id() == u.id() && k.stale());
                    case COMPOSITION ->
                        stale.stream()
                                .allMatch(o -> o.kind() == RenderUnit.Kind.COMPOSITION
                                        || o.kind() == RenderUnit.Kind.MASTERING);
                })
                .toList();
    }

    public KeyframePlan keyframe(int keyframeId) {
        return keyframes.stream()
                .filter(k -> k.existing() != null && k.existing().id() == keyframeId)
                .findFirst()
                .orElse(null);
    }

    public long staleCharacters() {
        return characters.values().stream().filter(CharacterPlan::stale).count();
    }

    public long staleKeyframes() {
        return keyframes.stream().filter(KeyframePlan::stale).count();
    }

    public long staleClips() {
        return clips.values().stream().filter(ClipPlan::stale).count();
    }

    /** The number of items "Render changes" will make: stale characters, keyframes, clips, voiceover and video. */
    public long count() {
        return staleCharacters()
                + staleKeyframes()
                + staleClips()
                + (voiceover.stale() ? 1 : 0)
                + (finalVideoStale ? 1 : 0);
    }

    public boolean anythingStale() {
        return count() > 0;
    }
}
