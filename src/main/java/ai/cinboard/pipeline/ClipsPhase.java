package ai.cinboard.pipeline;

import ai.cinboard.cache.CacheKeys;
import ai.cinboard.domain.Keyframe;
import ai.cinboard.domain.Phase;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.Scene;
import ai.cinboard.domain.SceneCharacter;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.VideoClip;
import ai.cinboard.generation.ClipRequest;
import ai.cinboard.generation.GeneratedClip;
import ai.cinboard.generation.local.QualityScores;
import ai.cinboard.media.StoredMedia;
import ai.cinboard.media.ffmpeg.MediaInfo;
import ai.cinboard.media.ffmpeg.MediaProbe;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * One clip per scene, made only when stale. Scenes are independent and OpenH264 encodes on one core, so up to
 * {@code encoderThreads} scenes are animated and encoded at once.
 */
final class ClipsPhase implements RenderPhase {
    @Override
    public Phase phase() {
        return Phase.CLIPS;
    }

    @Override
    public PhaseReport run(RenderContext ctx, PhaseRecorder.Run run) throws IOException {
        Project project = ctx.project();
        Map<Integer, List<Keyframe>> keyframesByScene =
                project.keyframes().stream().collect(Collectors.groupingBy(Keyframe::sceneId));
        Map<Integer, List<Integer>> castByScene = project.sceneCharacters().stream()
                .collect(Collectors.groupingBy(
                        SceneCharacter::sceneId, Collectors.mapping(SceneCharacter::characterId, Collectors.toList())));
        List<Scene> stale = project.scenes().stream()
                .filter(s -> ctx.plan.clips().get(s.id()).stale() || ctx.lengthenedScenes.contains(s.id()))
                .toList();
        int kept = project.scenes().size() - stale.size();
        Path work = ctx.workDir("clips");
        int threads = Math.max(1, Math.min(ctx.settings.encoderThreads(), Math.max(1, stale.size())));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "render-clip");
            t.setDaemon(true);
            return t;
        });
        int made = 0;
        int fromCache = 0;
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (Scene scene : stale) {
                results.add(pool.submit(() -> clip(
                        ctx,
                        scene,
                        keyframesByScene.getOrDefault(scene.id(), List.of()),
                        castByScene.getOrDefault(scene.id(), List.of()),
                        work,
                        run)));
            }
            for (int i = 0; i < results.size(); i++) {
                if (RenderContext.resultOf(results.get(i), "Making a clip")) {
                    made++;
                } else {
                    fromCache++;
                }
                run.progress((i + 1) * 100 / results.size(), Map.of("made", made, "kept", kept));
            }
        } finally {
            pool.shutdownNow();
        }
        ctx.reload();
        return PhaseReport.done(made, kept, fromCache, 0);
    }

    /** Makes (or finds in the cache) one scene's clip and stores its row; false when it came from the cache. */
    private static boolean clip(
            RenderContext ctx,
            Scene scene,
            List<Keyframe> keyframes,
            List<Integer> characterIds,
            Path work,
            PhaseRecorder.Run run)
            throws IOException {
        RenderContext.checkCancelled();
        List<Keyframe> frames = keyframes.stream()
                .filter(k -> k.imageUrl() != null)
                .sorted(Comparator.comparing(Keyframe::sequence))
                .toList();
        if (frames.isEmpty()) {
            throw new StudioException(
                    "Scene " + scene.sceneNumber() + " has no keyframe images; regenerate the scene.");
        }
        List<Path> files = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        double duration = scene.durationSeconds().doubleValue();
        for (Keyframe k : frames) {
            files.add(ctx.download(k.imageUrl(), work));
            times.add(Math.min(duration, Math.max(0, k.timingSeconds())));
        }
        // Computed from the keyframes as they are now (after this run's takes) and the scene's final length.
        String fingerprint = ctx.fingerprints.clip(
                scene,
                frames.stream()
                        .map(k -> new Fingerprints.ClipFrame(k.fingerprint(), k.timingSeconds()))
                        .toList());
        String clipId = "clip-" + fingerprint;
        RenderContext.CachedMedia stored = ctx.cache()
                .get(CacheKeys.videoClip(clipId), RenderContext.CachedMedia.class)
                .filter(c -> ctx.media().exists(c.url()))
                .orElse(null);
        boolean encoded = stored == null;
        BigDecimal quality;
        if (stored == null) {
            Path out = work.resolve(clipId.substring(0, 21) + ".mp4");
            GeneratedClip clip = ctx.video.clip(
                    new ClipRequest(
                            files,
                            times,
                            duration,
                            ctx.settings.width(),
                            ctx.settings.height(),
                            ctx.settings.fps(),
                            null,
                            out),
                    run.engineProgress());
            MediaInfo info = MediaProbe.probeAndDecode(clip.file());
            quality = QualityScores.clip(info, duration);
            Map<String, Object> params =
                    new HashMap<>(ai.cinboard.domain.ExactLength.with(clip.generationParams(), clip.durationSeconds()));
            params.put("quality", quality);
            StoredMedia put = ctx.media().putFile(clip.file(), "video/mp4");
            stored = new RenderContext.CachedMedia(put.url(), put.size(), params);
            ctx.cache().put(CacheKeys.videoClip(clipId), stored, CacheKeys.VIDEO_CLIP_TTL);
            Files.deleteIfExists(out);
            ctx.clipsMade.incrementAndGet();
        } else {
            Object q = stored.params().get("quality");
            quality = q == null ? null : new BigDecimal(q.toString());
        }
        ctx.repository.replaceClip(new VideoClip(
                null,
                ctx.projectId,
                scene.id(),
                clipId,
                stored.url(),
                Math.max(
                        1,
                        scene.durationSeconds()
                                .setScale(0, RoundingMode.HALF_UP)
                                .intValue()),
                stored.size(),
                quality,
                stored.params(),
                frames.stream().map(Keyframe::id).toList(),
                characterIds,
                null,
                fingerprint));
        return encoded;
    }
}
