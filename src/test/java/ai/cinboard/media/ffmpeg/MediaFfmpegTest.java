package ai.cinboard.media.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaFfmpegTest {
    static final int W = 320, H = 180, FPS = 12;

    @TempDir
    Path dir;

    /** A clip whose colour changes every second, so a frame grab can be checked against the time it was taken at. */
    static Path colourClip(Path file, double seconds, Wav audio) {
        Color[] colours = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW};
        try (AnimaticEncoder enc = new AnimaticEncoder(file, W, H, FPS, audio)) {
            int frames = (int) Math.round(seconds * FPS);
            BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
            for (int i = 0; i < frames; i++) {
                Graphics2D g = img.createGraphics();
                g.setColor(colours[(i / FPS) % colours.length]);
                g.fillRect(0, 0, W, H);
                g.dispose();
                enc.writeFrame(img);
            }
            enc.finish();
        }
        return file;
    }

    static Wav tone(double seconds, double hz, double amp) {
        int rate = 22050;
        short[] s = new short[(int) (seconds * rate)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) Math.round(amp * 32767 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return new Wav(s, rate, 1);
    }

    @Test
    void clipIsH264AacWithRightDurationAndDecodes() {
        Path clip = colourClip(dir.resolve("c.mp4"), 2.5, null);
        MediaInfo info = MediaProbe.probeAndDecode(clip);
        assertEquals("h264", info.videoCodec());
        assertEquals("aac", info.audioCodec());
        assertTrue(info.hasAudio());
        assertEquals(2.5, info.durationSeconds(), 0.1);
        assertEquals(W, info.width());
        assertEquals(H, info.height());
        assertEquals(30, info.decodedFrames());
        assertTrue(info.decodesCleanly());
    }

    @Test
    void frameExtractorReturnsTheFrameAtTheTime() {
        Path clip = colourClip(dir.resolve("c.mp4"), 3, null);
        try (FrameExtractor fx = new FrameExtractor(clip)) {
            // second 0 red, second 1 green, second 2 blue; sample mid-second and just after each cut
            assertDominant(fx.frameAt(0.5), Color.RED);
            assertDominant(fx.frameAt(1.0 + 0.5 / FPS), Color.GREEN);
            assertDominant(fx.frameAt(2.4), Color.BLUE);
            assertDominant(fx.frameAt(0.95), Color.RED);
        }
    }

    private static void assertDominant(BufferedImage img, Color expected) {
        Color c = new Color(img.getRGB(img.getWidth() / 2, img.getHeight() / 2));
        int[] e = {expected.getRed(), expected.getGreen(), expected.getBlue()};
        int[] a = {c.getRed(), c.getGreen(), c.getBlue()};
        for (int i = 0; i < 3; i++) {
            assertTrue(Math.abs(e[i] - a[i]) < 40, "expected " + expected + " but was " + c);
        }
    }

    @Test
    void recomposingAfterOneClipChangedReusesTheOtherPiecesAndGivesTheSameVideoAsComposingAfresh() throws Exception {
        Path a = colourClip(dir.resolve("a.mp4"), 2.0, null);
        Path b = colourClip(dir.resolve("b.mp4"), 3.0, null);
        Path c = colourClip(dir.resolve("c.mp4"), 2.0, null);
        Path d = colourClip(dir.resolve("d.mp4"), 2.0, null);
        Path vB = dir.resolve("vb.wav");
        tone(4.0, 330, 0.3).write(vB); // longer than clip b: a held piece
        ai.cinboard.domain.Transition fade = ai.cinboard.domain.Transition.DEFAULT;
        Path cache = dir.resolve("pieces");
        FinalComposer cached = new FinalComposer(W, H, FPS, 2).withPieceCache(cache);
        cached.compose(
                List.of(
                        new FinalComposer.SceneInput(a, null, List.of(), fade),
                        new FinalComposer.SceneInput(b, vB, List.of(), fade),
                        new FinalComposer.SceneInput(c, null, List.of(), fade),
                        new FinalComposer.SceneInput(d, null, List.of(), fade)),
                dir.resolve("first.mp4"),
                null);
        Map<Path, java.nio.file.attribute.FileTime> before = pieces(cache);
        assertEquals(
                6,
                before.size(),
                "three crossfade openings, b's held picture, the audio and its loudness: " + before.keySet());

        // scene c's clip is regenerated (another file): its opening and d's opening change, nothing else
        Path c2 = colourClip(dir.resolve("c2.mp4"), 2.5, null);
        List<FinalComposer.SceneInput> changed = List.of(
                new FinalComposer.SceneInput(a, null, List.of(), fade),
                new FinalComposer.SceneInput(b, vB, List.of(), fade),
                new FinalComposer.SceneInput(c2, null, List.of(), fade),
                new FinalComposer.SceneInput(d, null, List.of(), fade));
        Path again = dir.resolve("again.mp4");
        cached.compose(changed, again, null);
        Map<Path, java.nio.file.attribute.FileTime> after = pieces(cache);
        assertEquals(6, after.size(), "the cache holds this composition's pieces only: " + after.keySet());
        long kept = after.entrySet().stream()
                .filter(e -> e.getValue().equals(before.get(e.getKey())))
                .count();
        assertEquals(
                2,
                kept,
                "b's opening and held piece are reused; c's and d's openings are new, and so is the audio (c is"
                        + " longer, so d's sound moved)");

        // the same video again: every piece and the audio come from the cache, and the result is the same
        Path third = dir.resolve("third.mp4");
        FinalComposer.Result thirdResult = cached.compose(changed, third, null);
        assertEquals(after, pieces(cache), "nothing was encoded again");
        assertArrayEquals(Files.readAllBytes(again), Files.readAllBytes(third));
        assertEquals(-14.0, thirdResult.audio().integratedLufs(), 1.5, "the loudness measured last time");

        Path fresh = dir.resolve("fresh.mp4");
        new FinalComposer(W, H, FPS, 2).compose(changed, fresh, null);
        assertArrayEquals(Files.readAllBytes(fresh), Files.readAllBytes(again), "the cache changes nothing seen");
    }

    /**
     * A subtitle that starts at the cut is readable through the scene's opening transition: drawn over the dip to
     * black, not faded out with the picture under it.
     */
    @Test
    void aSubtitleIsDrawnOverTheOpeningTransition() throws Exception {
        Path a = colourClip(dir.resolve("a.mp4"), 2.0, null);
        Path b = colourClip(dir.resolve("b.mp4"), 2.0, null);
        ai.cinboard.domain.Transition dip = new ai.cinboard.domain.Transition(
                ai.cinboard.domain.Transition.Kind.DIP, new java.math.BigDecimal("1.0"));
        // a white band across the bottom quarter: the subtitle, as a painter would lay it
        FinalComposer.SubtitlePainter white = (cue, word, width, height) -> {
            BufferedImage band = new BufferedImage(width, height / 4, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = band.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height / 4);
            g.dispose();
            return new FinalComposer.Band(band, height - height / 4);
        };
        Path out = dir.resolve("dip.mp4");
        new FinalComposer(W, H, FPS, 2)
                .withBurnedSubtitles(white)
                .compose(
                        List.of(
                                new FinalComposer.SceneInput(a, null, List.of(), dip),
                                new FinalComposer.SceneInput(
                                        b, null, List.of(new FinalComposer.Cue(0, 2, "Rain starts")), dip)),
                        out,
                        null);
        try (FrameExtractor fx = new FrameExtractor(out)) {
            // the dip's darkest moment, half way through it: the picture is black, the subtitle is not
            BufferedImage frame = fx.frameAt(2.0 + 6.0 / FPS);
            assertTrue(luma(frame.getRGB(W / 2, H / 4)) < 60, "the picture has dipped to black");
            assertTrue(luma(frame.getRGB(W / 2, H - H / 8)) > 200, "the subtitle is on top of it");
        }
    }

    private static int luma(int rgb) {
        return (int) Math.round(0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff));
    }

    private static Map<Path, java.nio.file.attribute.FileTime> pieces(Path cache) throws IOException {
        Map<Path, java.nio.file.attribute.FileTime> m = new java.util.HashMap<>();
        try (var files = Files.list(cache)) {
            for (Path f : files.toList()) {
                m.put(f, Files.getLastModifiedTime(f));
            }
        }
        return m;
    }

    @Test
    void composesClipsFittingLongerVoiceover() throws Exception {
        Path a = colourClip(dir.resolve("a.mp4"), 2.0, null);
        Path b = colourClip(dir.resolve("b.mp4"), 3.0, null);
        Path c = colourClip(dir.resolve("c.mp4"), 2.0, null);
        Path vA = dir.resolve("va.wav");
        tone(1.0, 440, 0.3).write(vA);
        Path vB = dir.resolve("vb.wav");
        tone(4.0, 330, 0.3).write(vB); // longer than clip b: b must be extended to 4 s
        List<FinalComposer.SceneInput> scenes = List.of(
                new FinalComposer.SceneInput(a, vA, List.of(new FinalComposer.Cue(0, 1, "Первая сцена"))),
                new FinalComposer.SceneInput(b, vB, List.of(new FinalComposer.Cue(0, 3, "第二の場面"))),
                new FinalComposer.SceneInput(c, null, List.of()));
        Path out = dir.resolve("final.mp4");
        FinalComposer.Result r = new FinalComposer(W, H, FPS, 2).compose(scenes, out, null);

        MediaInfo info = MediaProbe.probeAndDecode(out);
        assertEquals("h264", info.videoCodec());
        assertEquals("aac", info.audioCodec());
        assertTrue(info.hasAudio());
        assertEquals(8.0, info.durationSeconds(), 0.5, "2 + 4 (fitted) + 2 s");
        assertTrue(info.decodesCleanly());
        assertEquals(96, info.decodedFrames(), 2);
        assertEquals(3, r.copiedScenes(), "every clip has the output's settings, so its packets are copied");
        assertEquals(0, avDrift(out), 0.03, "audio and video tracks end together");

        assertEquals(3, r.editList().size());
        assertEquals(1.0, r.editList().get(1).heldSeconds(), 1e-9);
        assertEquals(6.0, r.editList().get(2).timelineStart(), 1e-9);
        assertEquals(24, r.editList().get(0).outFrame());

        assertEquals(3, r.thumbnails().size());
        for (Path t : r.thumbnails()) {
            assertTrue(Files.size(t) > 100, t + " exists and is not empty");
        }
        // pictures survive the copy and the held piece: clip b's third second is blue and is held through 6 s
        try (FrameExtractor fx = new FrameExtractor(out)) {
            assertDominant(fx.frameAt(0.5), Color.RED);
            assertDominant(fx.frameAt(2.5), Color.RED);
            assertDominant(fx.frameAt(3.5), Color.GREEN);
            assertDominant(fx.frameAt(4.5), Color.BLUE);
            assertDominant(fx.frameAt(5.8), Color.BLUE);
            assertDominant(fx.frameAt(7.5), Color.GREEN);
        }
        String srt = Files.readString(r.srt());
        assertTrue(srt.contains("00:00:02,000 --> 00:00:05,000\n第二の場面"), srt);

        // the voiceover really is in the mix: scene b's span carries the tone, scene c is silent
        Path wav = dir.resolve("mixdown.wav");
        Wav mixed = decodeAudio(out);
        mixed.write(wav);
        Wav during = slice(mixed, 2.2, 5.8);
        Wav silent = slice(mixed, 6.3, 7.8);
        assertTrue(during.rmsDbfs() > -20, "voiceover audible: " + during.rmsDbfs());
        assertTrue(silent.rmsDbfs() < -50, "no voiceover in scene c: " + silent.rmsDbfs());
    }

    /** Audio track length minus video track length, from the stream headers. */
    static double avDrift(Path file) {
        try (PacketMuxer.Demuxer v =
                        new PacketMuxer.Demuxer(file, org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO);
                PacketMuxer.Demuxer a =
                        new PacketMuxer.Demuxer(file, org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO)) {
            return a.stream().duration()
                            * org.bytedeco.ffmpeg.global.avutil.av_q2d(
                                    a.stream().time_base())
                    - v.stream().duration()
                            * org.bytedeco.ffmpeg.global.avutil.av_q2d(
                                    v.stream().time_base());
        }
    }

    static Wav slice(Wav w, double from, double to) {
        int a = (int) (from * w.sampleRate()) * w.channels();
        int b = (int) (to * w.sampleRate()) * w.channels();
        return new Wav(java.util.Arrays.copyOfRange(w.samples(), a, b), w.sampleRate(), w.channels());
    }

    static Wav decodeAudio(Path file) throws Exception {
        try (org.bytedeco.javacv.FFmpegFrameGrabber g = new org.bytedeco.javacv.FFmpegFrameGrabber(file.toFile())) {
            g.setSampleMode(org.bytedeco.javacv.FrameGrabber.SampleMode.SHORT);
            g.setSampleRate(48000);
            g.setAudioChannels(1);
            g.start();
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            java.util.ArrayList<Short> all = new java.util.ArrayList<>();
            org.bytedeco.javacv.Frame f;
            while ((f = g.grabSamples()) != null) {
                if (f.samples == null) {
                    continue;
                }
                java.nio.ShortBuffer sb = (java.nio.ShortBuffer) f.samples[0];
                while (sb.hasRemaining()) {
                    all.add(sb.get());
                }
            }
            short[] s = new short[all.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = all.get(i);
            }
            return new Wav(s, 48000, 1);
        }
    }

    @Test
    void wavRoundTripResampleLoudnessAndClipping() throws Exception {
        Wav t = tone(1.0, 440, 0.5);
        Path p = dir.resolve("t.wav");
        t.write(p);
        Wav back = Wav.read(p);
        assertEquals(t.sampleRate(), back.sampleRate());
        assertEquals(java.util.Arrays.hashCode(t.samples()), java.util.Arrays.hashCode(back.samples()));
        // a sine of amplitude 0.5 has RMS 0.5/sqrt(2) = -9.03 dBFS
        assertEquals(-9.03, t.rmsDbfs(), 0.1);
        assertEquals(0.0, t.clippingRatio(), 1e-9);
        Wav r = t.resample(48000);
        assertEquals(48000, r.frameCount());
        assertEquals(t.rmsDbfs(), r.rmsDbfs(), 0.1);
        Wav loud = tone(1.0, 440, 2.0); // overdriven: the cast saturates half the wave
        short[] s = loud.samples().clone();
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) Math.max(-32768, Math.min(32767, 2.0 * 32767 * Math.sin(2 * Math.PI * 440 * i / 22050.0)));
        }
        assertTrue(new Wav(s, 22050, 1).clippingRatio() > 0.3);
        Wav joined = Wav.concat(List.of(t, t.withChannels(2)), 0.5);
        assertEquals(2.5, joined.durationSeconds(), 1e-3);
        assertEquals(1, joined.channels());
        assertEquals(-120, Wav.silence(1, 48000, 1).rmsDbfs());
    }
}
