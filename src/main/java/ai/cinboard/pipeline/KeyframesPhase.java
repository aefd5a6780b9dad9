package ai.cinboard.pipeline;

import ai.cinboard.cache.CacheKeys;
import ai.cinboard.domain.Character;
import ai.cinboard.domain.Keyframe;
import ai.cinboard.domain.KeyframeImage;
import ai.cinboard.domain.Phase;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.SceneCharacter;
import ai.cinboard.generation.CharacterLook;
import ai.cinboard.generation.KeyframeRequest;
import ai.cinboard.generation.ShotType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Keyframe images. A stale keyframe gets a new image for its current take; a regenerated one gets
 * {@code candidates} new takes, scored (including consistency with the lead character's reference), and the
 * best becomes current. Every take stays as a {@code keyframe_images} row. Locked keyframes are never touched.
 */
final class KeyframesPhase implements RenderPhase {
    @Override
    public Phase phase() {
        return Phase.KEYFRAMES;
    }

    @Override
    public PhaseReport run(RenderContext ctx, PhaseRecorder.Run run) {
        Project project = ctx.project();
        String language = project.record().detectedLanguage();
        Map<Integer, Character> characters =
                project.characters().stream().collect(Collectors.toMap(Character::id, c -> c));
        Map<Integer, byte[]> references = new HashMap<>();
        Map<Integer, List<Integer>> castByScene = project.sceneCharacters().stream()
                .collect(Collectors.groupingBy(
                        SceneCharacter::sceneId, Collectors.mapping(SceneCharacter::characterId, Collectors.toList())));
        int before = ctx.keyframesMade.get();
        int made = 0;
        int kept = 0;
        int locked = 0;
        List<Staleness.KeyframePlan> plans = ctx.plan.keyframes();
        for (int i = 0; i < plans.size(); i++) {
            RenderContext.checkCancelled();
            Staleness.KeyframePlan plan = plans.get(i);
            if (plan.locked()) {
                locked++;
                continue;
            }
            if (!plan.stale()) {
                kept++;
                continue;
            }
            List<Integer> castIds = castByScene.getOrDefault(plan.scene().id(), List.of());
            for (Integer id : castIds) {
                Character c = characters.get(id);
                if (!references.containsKey(id)
                        && c.imageUrl() != null
                        && ctx.media().exists(c.imageUrl())) {
                    references.put(id, ctx.readAll(c.imageUrl()));
                }
            }
            List<CharacterLook> cast = castIds.stream()
                    .map(characters::get)
                    .map(c -> new CharacterLook(
                            c.characterName(), c.characterDescription(), c.consistencyKey(), references.get(c.id())))
                    .toList();
            List<String> castKeys =
                    cast.stream().map(CharacterLook::consistencyKey).toList();
            List<String> castFingerprints = castIds.stream()
                    .map(id -> ctx.fingerprints.castMember(
                            characters.get(id), characters.get(id).fingerprint()))
                    .toList();
            Character lead = castIds.isEmpty() ? null : characters.get(castIds.get(0));
            int keyframeId = plan.existing() != null
                    ? plan.existing().id()
                    : ctx.repository.insertKeyframe(new Keyframe(
                            null,
                            ctx.projectId,
                            plan.scene().id(),
                            "s" + plan.scene().sceneNumber() + "-k" + plan.sequence(),
                            plan.sequence(),
                            plan.description(),
                            null,
                            plan.timingSeconds(),
                            null,
                            null,
                            false,
                            null));
            List<KeyframeImage> takes = new ArrayList<>();
            for (int t = 0; t < plan.candidates(); t++) {
                int take = plan.take() + t;
                long seed = Fingerprints.seed(plan.scene(), plan.sequence(), castKeys, take);
                boolean captioned = Staleness.captioned(
                        ctx.subtitles, ctx.speech.unavailableReason().isEmpty());
                String fingerprint = ctx.fingerprints.keyframe(
                        plan.scene(),
                        plan.description(),
                        plan.sequence(),
                        take,
                        language,
                        castKeys,
                        castFingerprints,
                        captioned);
                KeyframeRequest request = new KeyframeRequest(
                        plan.scene().heading(),
                        plan.scene().location(),
                        plan.scene().timeOfDay(),
                        plan.description(),
                        ctx.prompt(plan.description(), language),
                        captioned ? plan.description() : "",
                        language,
                        ShotType.forSequence(plan.sequence()),
                        cast,
                        seed,
                        ctx.settings.width(),
                        ctx.settings.height(),
                        take);
                RenderContext.CachedMedia stored = ctx.cachedImage(
                        CacheKeys.keyframe(fingerprint),
                        CacheKeys.KEYFRAME_TTL,
                        () -> ctx.images.keyframe(request, run.engineProgress()),
                        ctx.keyframesMade);
                BigDecimal quality = Scoring.keyframe(
                        ctx, stored.url(), stored.params(), lead, lead == null ? null : references.get(lead.id()));
                takes.add(new KeyframeImage(
                        null,
                        keyframeId,
                        stored.url(),
                        "keyframe",
                        stored.params(),
                        quality,
                        stored.size(),
                        null,
                        fingerprint,
                        take));
            }
            KeyframeImage best = takes.stream()
                    .max(Comparator.comparing(
                            KeyframeImage::qualityScore, Comparator.nullsFirst(BigDecimal::compareTo)))
                    .orElseThrow();
            ctx.repository.addKeyframeTakes(takes, best);
            made++;
            run.progress((i + 1) * 100 / plans.size(), Map.of("made", made, "kept", kept, "locked", locked));
        }
        ctx.reload();
        int engine = ctx.keyframesMade.get() - before;
        return PhaseReport.done(engine, kept, Math.max(0, made - engine), locked);
    }
}
