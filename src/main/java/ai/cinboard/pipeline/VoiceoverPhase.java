package ai.cinboard.pipeline;

import ai.cinboard.cache.CacheKeys;
import ai.cinboard.domain.Phase;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.Scene;
import ai.cinboard.domain.Voiceover;
import ai.cinboard.generation.SpeechRequest;
import ai.cinboard.generation.SpeechResult;
import ai.cinboard.generation.local.QualityScores;
import ai.cinboard.media.StoredMedia;
import ai.cinboard.media.ffmpeg.Wav;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The voiceover: each scene's narration spoken, then joined along the timeline. It runs before the clips: a
 * scene its speech outlasts is lengthened first, so each clip is made once at its final length. A scene whose
 * speech is unchanged reuses its segment from the last track or the cache; only changed text is spoken again.
 */
final class VoiceoverPhase implements RenderPhase {
    /** Silence after speech before the cut, so the last word isn't clipped by the next scene. */
    static final double SPEECH_TAIL_SECONDS = 0.3;

    @Override
    public Phase phase() {
        return Phase.VOICEOVER;
    }

    @Override
    public PhaseReport run(RenderContext ctx, PhaseRecorder.Run run) throws IOException {
        var unavailable = ctx.speech.unavailableReason();
        if (unavailable.isPresent()) {
            String warning = "No voiceover: " + unavailable.get()
                    + " The video carries its subtitles burned into the picture instead.";
            ctx.warnings.add(warning);
            return PhaseReport.skipped(warning);
        }
        Project project = ctx.project();
        Voiceover latest = project.voiceovers().stream()
                .max(Comparator.comparing(Voiceover::id))
                .orElse(null);
        if (!ctx.plan.voiceover().stale()) {
            fitScenesToSpeech(
                    ctx,
                    project.scenes(),
                    VoiceTrack.from(latest.voiceSettings()).segments());
            return PhaseReport.done(0, 1, 0, 0);
        }
        String language = project.record().detectedLanguage() == null
                ? "en"
                : project.record().detectedLanguage();
        Map<String, VoiceTrack.Segment> previous = new HashMap<>();
        Map<String, Object> voice = Map.of();
        for (Voiceover v : project.voiceovers()) {
            for (VoiceTrack.Segment s : VoiceTrack.from(v.voiceSettings()).segments()) {
                if (s.fingerprint() != null && (s.url() == null || ctx.media().exists(s.url()))) {
                    previous.put(s.fingerprint(), s);
                }
            }
        }
        Path work = ctx.workDir("voice");
        List<Wav> parts = new ArrayList<>();
        List<VoiceTrack.Segment> segments = new ArrayList<>();
        int spoken = 0;
        List<Scene> scenes = project.scenes();
        // The scenes whose speech changed are spoken side by side (each text once), then joined in scene order.
        Map<String, Future<Spoken>> speaking = new HashMap<>();
        Set<String> counted = new HashSet<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, ctx.settings.encoderThreads()), r -> {
            Thread t = new Thread(r, "render-voice");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Scene scene : scenes) {
                String text = SceneScripts.narration(ctx.lines.get(scene.id()));
                if (!previous.containsKey(ctx.plan.voiceover().segments().get(scene.id()))) {
                    speaking.computeIfAbsent(text, t -> pool.submit(() -> sceneVoice(ctx, t, language, work)));
                }
            }
            for (int i = 0; i < scenes.size(); i++) {
                RenderContext.checkCancelled();
                Scene scene = scenes.get(i);
                String text = SceneScripts.narration(ctx.lines.get(scene.id()));
                String fingerprint = ctx.plan.voiceover().segments().get(scene.id());
                VoiceTrack.Segment reused = previous.get(fingerprint);
                Spoken made = reused != null
                        ? new Spoken(reused.url(), reused.seconds(), null, false)
                        : RenderContext.resultOf(speaking.get(text), "Speaking scene " + scene.sceneNumber());
                if (made.voice() != null) {
                    voice = made.voice();
                }
                if (made.spoken() && counted.add(text)) {
                    spoken++;
                }
                VoiceTrack.Segment segment =
                        new VoiceTrack.Segment(scene.id(), fingerprint, made.url(), made.seconds());
                segments.add(segment);
                Wav wav = segment.url() == null
                        ? Wav.silence(0.1, 22050, 1)
                        : Wav.read(ctx.download(segment.url(), work));
                // The full track follows the timeline: each scene's speech, then silence to the scene's end.
                double sceneSeconds = Math.max(
                        scene.durationSeconds().doubleValue(),
                        segment.url() == null ? 0 : wav.durationSeconds() + SPEECH_TAIL_SECONDS);
                parts.add(wav.conform(44100, 1).fitTo(sceneSeconds));
                run.progress((i + 1) * 90 / scenes.size(), Map.of("scenes_spoken", i + 1));
            }
        } finally {
            pool.shutdownNow();
        }
        if (voice.isEmpty() && latest != null) {
            voice = VoiceTrack.from(latest.voiceSettings()).voice();
        }
        fitScenesToSpeech(ctx, scenes, segments);
        Wav full = Wav.concat(parts, 0);
        Path fullFile =
                work.resolve("voiceover-" + ctx.plan.voiceover().fingerprint().substring(0, 12) + ".wav");
        full.write(fullFile);
        StoredMedia stored = ctx.media().putFile(fullFile, "audio/wav");
        Files.deleteIfExists(fullFile);
        BigDecimal quality = QualityScores.voiceover(full);
        ctx.repository.insertVoiceover(new Voiceover(
                null,
                ctx.projectId,
                stored.url(),
                (int) Math.round(full.durationSeconds()),
                stored.size(),
                ai.cinboard.domain.ExactLength.with(new VoiceTrack(voice, segments).toMap(), full.durationSeconds()),
                quality,
                language,
                null,
                ctx.plan.voiceover().fingerprint()));
        ctx.voiceoversMade.incrementAndGet();
        ctx.reload();
        return PhaseReport.done(1, 0, scenes.size() - spoken, 0);
    }

    /** Lengthens every scene whose narration is longer than the scene: the scene is fitted to its voiceover. */
    private static void fitScenesToSpeech(RenderContext ctx, List<Scene> scenes, List<VoiceTrack.Segment> segments) {
        Map<Integer, Double> speech = new HashMap<>();
        segments.forEach(s -> speech.put(s.sceneId(), s.seconds()));
        Map<Integer, BigDecimal> changed = new LinkedHashMap<>();
        for (Scene scene : scenes) {
            double needed = speech.getOrDefault(scene.id(), 0.0) + SPEECH_TAIL_SECONDS;
            if (speech.containsKey(scene.id())
                    && needed > scene.durationSeconds().doubleValue()) {
                changed.put(scene.id(), BigDecimal.valueOf(needed).setScale(3, RoundingMode.CEILING));
            }
        }
        ctx.repository.setSceneDurations(changed);
        if (!changed.isEmpty()) {
            ctx.lengthenedScenes.addAll(changed.keySet());
            ctx.reload();
        }
    }

    /** {@code spoken}: the engine spoke it in this run (not reused from a track or the cache). */
    private record Spoken(String url, double seconds, Map<String, Object> voice, boolean spoken) {}

    /** One scene's narration as a stored WAV, from the cache when the same text was spoken with the same voice. */
    private static Spoken sceneVoice(RenderContext ctx, String text, String language, Path work) throws IOException {
        if (text.isBlank()) {
            return new Spoken(null, 0, null, false);
        }
        String key = CacheKeys.voiceover(Fingerprints.sha256(text), ctx.fingerprints.voiceSettingsKey(language));
        RenderContext.CachedMedia cached = ctx.cache()
                .get(key, RenderContext.CachedMedia.class)
                .filter(c -> ctx.media().exists(c.url()))
                .orElse(null);
        if (cached != null) {
            Map<String, Object> voice = new LinkedHashMap<>(cached.params());
            double seconds = ((Number) voice.getOrDefault("seconds", 0)).doubleValue();
            voice.remove("seconds");
            return new Spoken(cached.url(), seconds, voice, false);
        }
        Path out = work.resolve("scene-" + Fingerprints.sha256(text).substring(0, 12) + ".wav");
        SpeechResult result = ctx.speech.speak(new SpeechRequest(text, language, null, 160, 50, out), (f, m) -> {});
        StoredMedia stored = ctx.media().putFile(result.wav(), "audio/wav");
        Map<String, Object> params = new LinkedHashMap<>(result.voiceSettings());
        params.put("seconds", result.durationSeconds());
        ctx.cache()
                .put(key, new RenderContext.CachedMedia(stored.url(), stored.size(), params), CacheKeys.VOICEOVER_TTL);
        ctx.cache().put(CacheKeys.voiceoverLanguage(language), result.voiceSettings(), CacheKeys.VOICEOVER_TTL);
        Files.deleteIfExists(result.wav());
        return new Spoken(stored.url(), result.durationSeconds(), result.voiceSettings(), true);
    }
}
