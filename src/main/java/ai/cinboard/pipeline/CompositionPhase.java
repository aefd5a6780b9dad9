package ai.cinboard.pipeline;

import ai.cinboard.domain.FinalVideo;
import ai.cinboard.domain.Phase;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.Scene;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.SubtitleStyle;
import ai.cinboard.domain.VideoClip;
import ai.cinboard.domain.Voiceover;
import ai.cinboard.generation.local.BurnedSubtitles;
import ai.cinboard.generation.local.QualityScores;
import ai.cinboard.media.StoredMedia;
import ai.cinboard.media.ffmpeg.FinalComposer;
import ai.cinboard.media.ffmpeg.Loudness;
import ai.cinboard.media.ffmpeg.MediaProbe;
import ai.cinboard.media.ffmpeg.Wav;
import ai.cinboard.text.WordTimings;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The final video: the scenes' clips in the order of the edit, with their voiceover segments and subtitle cues.
 * Recomposed only when the final video is stale; its inputs are one typed {@link Inputs} record.
 */
final class CompositionPhase implements RenderPhase {
    /** What the composer is given: per scene in order, its clip, its speech and its cues. */
    record Inputs(
            List<Scene> scenes,
            List<VideoClip> clips,
            List<FinalComposer.SceneInput> scenesIn,
            Voiceover voiceover,
            boolean burnSubtitles) {}

    /** The final video this run made, or the current one when nothing was stale. */
    private FinalVideo result;

    private Path videoFile;
    private Path srtFile;
    private List<Path> thumbnails = List.of();

    @Override
    public Phase phase() {
        return Phase.COMPOSITION;
    }

    FinalVideo result() {
        return result;
    }

    Path videoFile() {
        return videoFile;
    }

    Path srtFile() {
        return srtFile;
    }

    List<Path> thumbnails() {
        return thumbnails;
    }

    @Override
    public PhaseReport run(RenderContext ctx, PhaseRecorder.Run run) throws IOException {
        Project project = ctx.project();
        Path work = ctx.workDir("compose");
        FinalVideo latest = project.finalVideos().stream()
                .max(Comparator.comparing(FinalVideo::id))
                .orElse(null);
        // Computed from the clips and voiceover as they are now, after this run's phases.
        Map<Integer, VideoClip> clipByScene =
                project.clips().stream().collect(Collectors.toMap(VideoClip::sceneId, c -> c, (a, b) -> b));
        Voiceover voice = currentVoiceover(ctx, project);
        String fingerprint = ctx.fingerprints.finalVideo(
                project.scenes().stream()
                        .map(s -> clipByScene.containsKey(s.id())
                                ? clipByScene.get(s.id()).fingerprint()
                                : "none")
                        .toList(),
                voice == null ? null : voice.fingerprint(),
                project.scenes().stream()
                        .map(s -> ctx.lines.getOrDefault(s.id(), List.<ai.cinboard.domain.Line>of()))
                        .toList(),
                ctx.mix,
                project.scenes(),
                ctx.subtitles);
        boolean stale = latest == null
                || !fingerprint.equals(latest.fingerprint())
                || !ctx.media().exists(latest.videoUrl());
        if (!stale) {
            result = latest;
            videoFile = ctx.download(latest.videoUrl(), work);
            Object srt = latest.compositionData() == null
                    ? null
                    : latest.compositionData().get("srt_url");
            srtFile = srt instanceof String url ? ctx.download(url, work) : null;
            return PhaseReport.done(0, 1, 0, 0);
        }
        Inputs inputs = inputs(ctx, project, work);
        // The pieces of the last composition are kept: render changes re-encodes only the transitions it touched.
        FinalComposer composer = new FinalComposer(
                        ctx.settings.width(), ctx.settings.height(), ctx.settings.fps(), ctx.settings.encoderThreads())
                .withPieceCache(ctx.workDir("pieces"));
        if (inputs.burnSubtitles()) {
            composer = composer.withBurnedSubtitles(new BurnedSubtitles(style(ctx)));
        }
        Path music = ctx.mix.hasMusic() ? ctx.download(ctx.mix.musicUrl(), work) : null;
        composer = composer.withMix(new FinalComposer.Mix(ctx.mix.loudnessTarget(), music))
                .withMasteredAhead(key -> masteredAhead(ctx, inputs.voiceover(), key, work));
        Path out = work.resolve("final-" + ctx.projectId + ".mp4");
        FinalComposer.Result composed =
                composer.compose(inputs.scenesIn(), out, f -> run.progress((int) (f * 95), null));
        StoredMedia video = ctx.media().putFile(composed.video(), "video/mp4");
        StoredMedia srt = ctx.media().putFile(composed.srt(), "application/x-subrip");
        List<String> thumbnailUrls = new ArrayList<>();
        for (Path t : composed.thumbnails()) {
            thumbnailUrls.add(ctx.media().putFile(t, "image/png").url());
        }
        List<CompositionData.EditRow> editList = new ArrayList<>();
        List<CompositionData.CueRow> cues = new ArrayList<>();
        for (FinalComposer.EditEntry e : composed.editList()) {
            VideoClip clip = inputs.clips().get(e.index());
            editList.add(new CompositionData.EditRow(
                    e.index(),
                    inputs.scenes().get(e.index()).id(),
                    clip.id(),
                    clip.videoUrl(),
                    e.inSeconds(),
                    e.outSeconds(),
                    e.inFrame(),
                    e.outFrame(),
                    e.timelineStart(),
                    e.timelineEnd(),
                    e.heldSeconds(),
                    e.voiceoverSeconds()));
            for (FinalComposer.Cue c : inputs.scenesIn().get(e.index()).cues()) {
                cues.add(new CompositionData.CueRow(
                        e.timelineStart() + c.start(),
                        Math.min(e.timelineEnd(), e.timelineStart() + c.end()),
                        c.text()));
            }
        }
        CompositionData data = new CompositionData(
                ctx.settings.width(),
                ctx.settings.height(),
                ctx.settings.fps(),
                composed.info().videoCodec(),
                composed.info().audioCodec(),
                srt.url(),
                inputs.burnSubtitles(),
                composed.copiedScenes(),
                editList,
                cues,
                composed.encodeMillis(),
                composed.joinMillis(),
                List.copyOf(ctx.warnings),
                CompositionData.LoudnessRow.of(
                        composed.audio().targetLufs(),
                        composed.audio().integratedLufs(),
                        composed.audio().truePeakDbtp(),
                        composed.audio().gainDb(),
                        composed.audio().masteredAhead()),
                music == null
                        ? null
                        : musicRow(ctx, composed, MediaProbe.probe(music).durationSeconds()));
        double duration = composed.info().durationSeconds();
        BigDecimal quality = QualityScores.clip(
                composed.info(),
                composed.editList().isEmpty()
                        ? duration
                        : composed.editList()
                                .get(composed.editList().size() - 1)
                                .timelineEnd());
        FinalVideo row = new FinalVideo(
                null,
                ctx.projectId,
                video.url(),
                (int) Math.round(duration),
                video.size(),
                quality,
                thumbnailUrls,
                // the row keeps whole seconds (the schema's INTEGER); the exact length goes with the data
                ai.cinboard.domain.ExactLength.with(data.toMap(), duration),
                inputs.clips().stream().map(VideoClip::id).toList(),
                inputs.voiceover() == null ? null : inputs.voiceover().id(),
                null,
                null,
                fingerprint);
        int id = ctx.repository.insertFinalVideo(row);
        ctx.compositionsMade.incrementAndGet();
        result = new FinalVideo(
                id,
                row.inputRecordId(),
                row.videoUrl(),
                row.durationSeconds(),
                row.fileSizeBytes(),
                row.qualityScore(),
                row.thumbnailUrls(),
                row.compositionData(),
                row.videoClipIds(),
                row.voiceoverId(),
                null,
                null,
                fingerprint);
        videoFile = composed.video();
        srtFile = composed.srt();
        thumbnails = composed.thumbnails();
        return PhaseReport.done(1, 0, 0, 0);
    }

    private static CompositionData.MusicRow musicRow(
            RenderContext ctx, FinalComposer.Result composed, double musicSeconds) {
        FinalComposer.AudioReport a = composed.audio();
        List<FinalComposer.EditEntry> edits = composed.editList();
        return new CompositionData.MusicRow(
                ctx.mix.musicUrl(),
                ctx.mix.musicName(),
                musicSeconds,
                edits.get(edits.size() - 1).timelineEnd(),
                Double.isNaN(a.speechOverMusicLu()) ? null : a.speechOverMusicLu(),
                Double.isNaN(a.musicOnlyBelowSpeechLu()) ? null : a.musicOnlyBelowSpeechLu(),
                a.speechSpans().stream().map(s -> List.of(s[0], s[1])).toList());
    }

    /** The mix the mastering unit stored on the voiceover, when it is the one this composition mixed ({@code key}). */
    private static Optional<FinalComposer.MasteredAudio> masteredAhead(
            RenderContext ctx, Voiceover voiceover, String key, Path work) throws IOException {
        VoiceTrack.Mastered m = voiceover == null
                ? null
                : VoiceTrack.from(voiceover.voiceSettings()).mastered();
        if (m == null || !m.key().equals(key) || !ctx.media().exists(m.url())) {
            return Optional.empty();
        }
        return Optional.of(new FinalComposer.MasteredAudio(
                key,
                ctx.download(m.url(), work),
                m.gainDb(),
                new Loudness.Measurement(m.integratedLufs(), m.truePeakDbtp(), m.loudnessRange())));
    }

    /** The newest voiceover, or none when speech is off (the subtitles are then burned in). */
    private static Voiceover currentVoiceover(RenderContext ctx, Project project) {
        if (ctx.speech.unavailableReason().isPresent()) {
            return null;
        }
        return project.voiceovers().stream()
                .max(Comparator.comparing(Voiceover::id))
                .orElse(null);
    }

    /** The chosen style, or the classic one that a video without a voiceover always had. */
    private static SubtitleStyle style(RenderContext ctx) {
        return ctx.subtitles == null ? SubtitleStyle.CLASSIC : ctx.subtitles;
    }

    /**
     * The scene's cues, moved to the pauses of its voice ({@link CueTiming}), with each word timed when the style
     * highlights them. No speech engine reports when it says each word (espeak-ng and the OpenAI speech API return
     * audio only), so the words are timed inside each cue from how long they take to say ({@link WordTimings}).
     */
    private static List<FinalComposer.Cue> cues(
            RenderContext ctx, List<ai.cinboard.domain.Line> lines, double seconds, Locale locale, Wav voice) {
        List<ai.cinboard.domain.Line.Timed> timed =
                SceneScripts.timed(lines, seconds, style(ctx).pageUnits(ctx.settings.width(), ctx.settings.height()));
        List<FinalComposer.Cue> cues = CueTiming.alignToVoice(timed, voice);
        return style(ctx).wordHighlight() ? timeWords(cues, timed, locale) : cues;
    }

    /**
     * Each cue's words timed inside it ({@link WordTimings}), for the karaoke highlight: the words said, from
     * {@code timed}'s {@code spokenFrom} (a dialogue page's speaker is not said, and no word of it lights up).
     */
    static List<FinalComposer.Cue> timeWords(
            List<FinalComposer.Cue> cues, List<ai.cinboard.domain.Line.Timed> timed, Locale locale) {
        List<FinalComposer.Cue> out = new ArrayList<>(cues.size());
        for (int i = 0; i < cues.size(); i++) {
            FinalComposer.Cue c = cues.get(i);
            int said = timed.get(i).spokenFrom();
            out.add(new FinalComposer.Cue(
                    c.start(),
                    c.end(),
                    c.text(),
                    WordTimings.spread(c.text().substring(said), c.start(), c.end(), locale).stream()
                            .map(w -> new FinalComposer.Word(w.from() + said, w.to() + said, w.start(), w.end()))
                            .toList()));
        }
        return out;
    }

    private static Inputs inputs(RenderContext ctx, Project project, Path work) throws IOException {
        Map<Integer, VideoClip> clipByScene =
                project.clips().stream().collect(Collectors.toMap(VideoClip::sceneId, c -> c, (a, b) -> b));
        Voiceover voiceover = currentVoiceover(ctx, project);
        Map<Integer, String> segmentUrls = voiceover == null
                ? Map.of()
                : VoiceTrack.from(voiceover.voiceSettings()).segmentUrls();
        List<FinalComposer.SceneInput> scenesIn = new ArrayList<>();
        List<VideoClip> clips = new ArrayList<>();
        String language = project.record().detectedLanguage();
        Locale locale = language == null ? Locale.ROOT : Locale.forLanguageTag(language);
        for (Scene scene : project.scenes()) {
            VideoClip clip = clipByScene.get(scene.id());
            if (clip == null) {
                throw new StudioException("Scene " + scene.sceneNumber() + " has no clip; retry the render.");
            }
            clips.add(clip);
            Path voice = segmentUrls.containsKey(scene.id()) ? ctx.download(segmentUrls.get(scene.id()), work) : null;
            Wav spoken = voice == null ? null : Wav.read(voice);
            double voiceSeconds = spoken == null ? 0 : spoken.durationSeconds();
            double span = Math.max(scene.durationSeconds().doubleValue(), voiceSeconds);
            scenesIn.add(new FinalComposer.SceneInput(
                    ctx.download(clip.videoUrl(), work),
                    voice,
                    cues(ctx, ctx.lines.get(scene.id()), voiceSeconds > 0 ? voiceSeconds : span, locale, spoken),
                    scene.transition(),
                    clip.generationParams() != null
                            && Boolean.FALSE.equals(clip.generationParams().get("audio"))));
        }
        // burned in when there is no voiceover (no speech engine, or it is disabled), where the subtitles are the
        // only way the words reach the viewer, and whenever the project has a subtitle style of its own
        return new Inputs(project.scenes(), clips, scenesIn, voiceover, segmentUrls.isEmpty() || ctx.subtitles != null);
    }
}
