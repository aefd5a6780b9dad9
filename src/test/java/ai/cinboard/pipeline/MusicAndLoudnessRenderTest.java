package ai.cinboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.Studio;
import ai.cinboard.domain.FinalVideo;
import ai.cinboard.domain.MixSettings;
import ai.cinboard.domain.Project;
import ai.cinboard.media.ffmpeg.FinalComposer;
import ai.cinboard.media.ffmpeg.Loudness;
import ai.cinboard.media.ffmpeg.MediaProbe;
import ai.cinboard.media.ffmpeg.Wav;
import ai.cinboard.persistence.ProjectRepository;
import ai.cinboard.testing.TestStudios;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real render (offline engine, espeak-ng voice) with a music bed: the final video's loudness, measured from the
 * MP4 with FFmpeg's ebur128 meter, is on target with true peak at most -1 dBTP; speech stretches are at least
 * 12 LU above music-only stretches; the settings are kept with the project, and changing them recomposes only.
 */
class MusicAndLoudnessRenderTest {

    /** A 4 s music loop: a chord pulsing twice a second, stereo 44.1 kHz WAV. */
    static Path music(Path dir) {
        int rate = 44_100;
        short[] s = new short[rate * 4 * 2];
        for (int i = 0; i < rate * 4; i++) {
            double t = i / (double) rate;
            double v = 0.25
                    * (Math.sin(2 * Math.PI * 220 * t)
                            + Math.sin(2 * Math.PI * 277.2 * t)
                            + Math.sin(2 * Math.PI * 329.6 * t))
                    * (0.6 + 0.4 * Math.sin(2 * Math.PI * 2 * t));
            // panned left: the mix must keep the bed's stereo image
            s[2 * i] = (short) Math.round(v * 32767);
            s[2 * i + 1] = (short) Math.round(v * 0.5 * 32767);
        }
        Path p = dir.resolve("bed.wav");
        new Wav(s, rate, 2).write(p);
        return p;
    }

    @Test
    void musicBedIsDuckedAndTheMixMeetsItsTarget() throws Exception {
        Path home = TestStudios.tempHome();
        try (Studio studio = TestStudios.open(home)) {
            int id = studio.intake()
                    .run(
                            new StoryInput(
                                    TestStudios.story("ferry.fountain"),
                                    "ferry.fountain",
                                    studio.localUserId(),
                                    null,
                                    null,
                                    "test"),
                            PhaseListener.NONE)
                    .projectId();
            ProjectMix mix = new ProjectMix(studio.database(), studio.media());
            assertEquals(MixSettings.DEFAULT, mix.current(id), "no music by default, -14 LUFS");
            mix.apply(id, new ProjectMix.Change(-16.0, music(home), false));
            RenderPipeline pipeline = studio.render(TestStudios.smallRender(home));
            pipeline.run(id, RenderPlan.MISSING_ONLY, PhaseListener.NONE);

            Project p = new ProjectRepository(studio.database()).load(id).orElseThrow();
            FinalVideo fv = latest(p);
            Path video = download(studio, fv.videoUrl(), home);
            Loudness.Measurement m = Loudness.measure(video);
            Map<String, Object> music = map(fv.compositionData().get("music"));
            @SuppressWarnings("unchecked")
            List<List<Number>> spans = (List<List<Number>>) music.get("speech_spans");
            Wav audio = FinalComposer.clipAudio(video, MediaProbe.probe(video).durationSeconds());
            double speech = Loudness.measure(cut(audio, spans, true)).integratedLufs();
            Wav musicOnly = cut(audio, spans, false);
            double bed = Loudness.measure(musicOnly).integratedLufs();
            System.out.printf(
                    Locale.ROOT,
                    "render with music at -16: %.2f LUFS integrated, %.2f dBTP true peak (ebur128 on the MP4);"
                            + " speech stretches %.1f LUFS, music-only stretches (%.1f s) %.1f LUFS: %.1f LU apart;"
                            + " speech over ducked music %.1f LU (stems)%n",
                    m.integratedLufs(),
                    m.truePeakDbtp(),
                    speech,
                    musicOnly.durationSeconds(),
                    bed,
                    speech - bed,
                    ((Number) music.get("speech_over_music_lu")).doubleValue());
            assertEquals(-16, m.integratedLufs(), 1.0);
            Wav stereo =
                    FinalComposer.sourceAudio(video, MediaProbe.probe(video).durationSeconds());
            assertEquals(2, stereo.channels(), "the music bed keeps its stereo image");
            double side = 0;
            double mid = 0;
            short[] lr = stereo.samples();
            for (int i = 0; i + 1 < lr.length; i += 2) {
                side += Math.pow(lr[i] - lr[i + 1], 2);
                mid += Math.pow(lr[i] + lr[i + 1], 2);
            }
            System.out.printf(Locale.ROOT, "side/mid energy of the mix: %.5f%n", side / mid);
            // measured 4.7e-4 (the bed is ducked 12+ LU under the voice); channels copied from a mono mix give ~0
            assertTrue(side / mid > 1e-4, "the bed is panned left, the voice centred: " + side / mid);
            assertTrue(m.truePeakDbtp() <= Loudness.TRUE_PEAK_CEILING, "true peak " + m.truePeakDbtp());
            assertTrue(musicOnly.durationSeconds() >= 1, "the story has stretches without speech");
            assertTrue(speech - bed >= 12, "speech " + speech + " vs music only " + bed);
            assertTrue(bed > -55, "the bed is there where nobody speaks: " + bed);
            assertTrue(((Number) music.get("speech_over_music_lu")).doubleValue() >= 12);
            Map<String, Object> loudness = map(fv.compositionData().get("loudness"));
            assertEquals(-16.0, ((Number) loudness.get("target_lufs")).doubleValue());
            assertEquals(m.integratedLufs(), ((Number) loudness.get("integrated_lufs")).doubleValue(), 0.05);

            // the editors get the music on an audio track of its own, looped like the mix (a 4 s file)
            org.w3c.dom.Document fcp = xml(studio, id, "fcpxml", home.resolve("edit.fcpxml"));
            List<org.w3c.dom.Element> musicClips = new ArrayList<>();
            org.w3c.dom.NodeList clips = fcp.getElementsByTagName("asset-clip");
            for (int i = 0; i < clips.getLength(); i++) {
                org.w3c.dom.Element c = (org.w3c.dom.Element) clips.item(i);
                if ("music".equals(c.getAttribute("audioRole"))) {
                    musicClips.add(c);
                    assertEquals("-2", c.getAttribute("lane"));
                    assertEquals("bed.wav", c.getAttribute("name"));
                }
            }
            double videoSeconds = MediaProbe.probe(video).durationSeconds();
            assertEquals(Math.ceil(videoSeconds / 4 - 0.01), musicClips.size(), 1, "one clip per repetition");
            org.w3c.dom.Document xmeml = xml(studio, id, "xmeml", home.resolve("edit.xml"));
            org.w3c.dom.NodeList audioTracks =
                    ((org.w3c.dom.Element) xmeml.getElementsByTagName("audio").item(0)).getElementsByTagName("track");
            assertEquals(2, audioTracks.getLength(), "voiceover and music tracks");
            assertEquals(
                    musicClips.size(),
                    ((org.w3c.dom.Element) audioTracks.item(1))
                            .getElementsByTagName("clipitem")
                            .getLength());

            // kept with the project: a re-render without options changes nothing
            RenderPipeline.Result again = pipeline.run(id, RenderPlan.MISSING_ONLY, PhaseListener.NONE);
            assertEquals(0, again.rerendered().composition());
            assertEquals("bed.wav", mix.current(id).musicName());

            // a new target makes only the final video stale
            mix.apply(id, new ProjectMix.Change(-23.0, null, false));
            RenderPipeline.Result broadcast = pipeline.run(id, RenderPlan.MISSING_ONLY, PhaseListener.NONE);
            assertEquals(1, broadcast.rerendered().composition());
            assertEquals(
                    0, broadcast.rerendered().clips() + broadcast.rerendered().voiceover());
            FinalVideo quieter =
                    latest(new ProjectRepository(studio.database()).load(id).orElseThrow());
            assertNotEquals(fv.fingerprint(), quieter.fingerprint());
            Loudness.Measurement q = Loudness.measure(download(studio, quieter.videoUrl(), home));
            System.out.printf(
                    Locale.ROOT, "re-render at -23: %.2f LUFS, %.2f dBTP%n", q.integratedLufs(), q.truePeakDbtp());
            assertEquals(-23, q.integratedLufs(), 1.0);
            assertNotNull(quieter.compositionData().get("music"), "the music bed survived the re-render");

            // taking the music out: no music entry, still on target
            mix.apply(id, new ProjectMix.Change(null, null, true));
            pipeline.run(id, RenderPlan.MISSING_ONLY, PhaseListener.NONE);
            FinalVideo plain =
                    latest(new ProjectRepository(studio.database()).load(id).orElseThrow());
            assertEquals(null, plain.compositionData().get("music"));
            assertEquals(
                    -23,
                    Loudness.measure(download(studio, plain.videoUrl(), home)).integratedLufs(),
                    1.0);
        }
    }

    private static org.w3c.dom.Document xml(Studio studio, int id, String format, Path out) throws Exception {
        studio.exports()
                .export(
                        id,
                        ai.cinboard.service.export.ExportRequest.of(format),
                        out,
                        ai.cinboard.service.export.ExportProgress.NONE);
        return javax.xml.parsers.DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(out.toFile());
    }

    private static FinalVideo latest(Project p) {
        return p.finalVideos().stream()
                .max(Comparator.comparing(FinalVideo::id))
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertNotNull(o);
        return (Map<String, Object>) o;
    }

    /** The audio inside (or outside) the speech spans, 0.3 s in from every edge so ramps don't count. */
    private static Wav cut(Wav audio, List<List<Number>> spans, boolean inside) {
        int rate = audio.sampleRate();
        boolean[] in = new boolean[audio.frameCount()];
        for (List<Number> s : spans) {
            int a = (int) (s.get(0).doubleValue() * rate);
            int b = Math.min(in.length, (int) (s.get(1).doubleValue() * rate));
            for (int i = Math.max(0, a); i < b; i++) {
                in[i] = true;
            }
        }
        int margin = (int) (0.3 * rate);
        List<Short> out = new ArrayList<>();
        short[] s = audio.samples();
        for (int i = 0; i < in.length; i++) {
            boolean keep = true;
            for (int j = Math.max(0, i - margin); j <= Math.min(in.length - 1, i + margin) && keep; j += margin / 4) {
                keep = in[j] == inside;
            }
            if (keep) {
                out.add(s[i]);
            }
        }
        short[] r = new short[out.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = out.get(i);
        }
        return new Wav(r, rate, 1);
    }

    private static Path download(Studio studio, String url, Path dir) throws Exception {
        Path local = Files.createTempFile(dir, "final", ".mp4");
        try (InputStream in = studio.media().open(url)) {
            Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
        }
        return local;
    }
}
