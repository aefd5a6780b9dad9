package ai.cinboard.pipeline;

import ai.cinboard.domain.Phase;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.Scene;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.Voiceover;
import ai.cinboard.media.StoredMedia;
import ai.cinboard.media.ffmpeg.FinalComposer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The final mix mastered ahead of the composition, as a render unit of its own: mastering (loudness passes, the
 * true-peak limiter, AAC) takes seconds of FFmpeg work, and here it runs beside the keyframes instead of after the
 * last clip. It lays the voiceover along the scenes at the lengths their clips are made at, masters it with the
 * project's music and loudness, stores the track and notes it on the voiceover ({@link VoiceTrack.Mastered}). The
 * composition uses it only when the mix it makes is the same sample for sample ({@link
 * FinalComposer#withMasteredAhead}); otherwise, or when this has not run yet, it masters its own.
 */
final class MasteringPhase implements RenderPhase {
    @Override
    public Phase phase() {
        return Phase.VOICEOVER;
    }

    @Override
    public PhaseReport run(RenderContext ctx, PhaseRecorder.Run run) throws IOException {
        if (!ctx.plan.mastering().stale()) {
            return PhaseReport.done(0, 1, 0, 0);
        }
        Project project = ctx.project();
        Voiceover voiceover = project.voiceovers().stream()
                .max(Comparator.comparing(Voiceover::id))
                .orElseThrow(() -> new StudioException("Project " + ctx.projectId
                        + " has no voiceover to master yet; it is mastered after the voiceover is made."));
        Map<Integer, String> segmentUrls =
                VoiceTrack.from(voiceover.voiceSettings()).segmentUrls();
        Path work = ctx.workDir("mastering");
        List<FinalComposer.SceneSound> sounds = new ArrayList<>();
        for (Scene scene : project.scenes()) {
            RenderContext.checkCancelled();
            String url = segmentUrls.get(scene.id());
            // as many frames as the clip will have: the scene's length at the render's rate
            long clipFrames = Math.round(scene.durationSeconds().doubleValue() * ctx.settings.fps());
            sounds.add(new FinalComposer.SceneSound(url == null ? null : ctx.download(url, work), clipFrames));
        }
        run.progress(10, null);
        Path music = ctx.mix.hasMusic() ? ctx.download(ctx.mix.musicUrl(), work) : null;
        FinalComposer.MasteredAudio mastered = new FinalComposer(
                        ctx.settings.width(), ctx.settings.height(), ctx.settings.fps(), ctx.settings.encoderThreads())
                .withMix(new FinalComposer.Mix(ctx.mix.loudnessTarget(), music))
                .masterAhead(sounds, work);
        StoredMedia stored = ctx.media().putFile(mastered.file(), "audio/mp4");
        ctx.repository.mergeVoiceSettings(
                voiceover.id(),
                new VoiceTrack.Mastered(
                                ctx.plan.mastering().fingerprint(),
                                mastered.key(),
                                stored.url(),
                                mastered.gainDb(),
                                mastered.measured().integratedLufs(),
                                mastered.measured().truePeakDbtp(),
                                mastered.measured().loudnessRange())
                        .toEntry());
        Files.deleteIfExists(mastered.file());
        return PhaseReport.done(1, 0, 0, 0);
    }
}
