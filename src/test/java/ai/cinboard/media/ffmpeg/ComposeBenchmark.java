package ai.cinboard.media.ffmpeg;

import ai.cinboard.generation.CharacterLook;
import ai.cinboard.generation.ClipRequest;
import ai.cinboard.generation.KeyframeRequest;
import ai.cinboard.generation.Progress;
import ai.cinboard.generation.ShotType;
import ai.cinboard.generation.SpeechRequest;
import ai.cinboard.generation.local.EspeakSpeechEngine;
import ai.cinboard.generation.local.LocalImageEngine;
import ai.cinboard.generation.local.LocalVideoEngine;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Composes a 60 s 1280x720 24 fps video from 10 generated 6 s scenes three ways: as the pipeline does (clips with
 * the output's H.264 settings copied), and re-encoding every clip on 1 and on 2 threads (the worst case, for clips
 * from another engine). Then has the ffmpeg command line encode the same decoded frames (raw BGR24 from a file) and
 * the same mixed audio with the same encoder (libopenh264 + aac), and prints the wall times and ratios. Not a test: run with
 * {@code mvn -o -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=ai.cinboard.media.ffmpeg.ComposeBenchmark}.
 */
public final class ComposeBenchmark {
    static final int W = 1280, H = 720, FPS = 24, SCENES = 10;
    static final double SCENE_SECONDS = 6.0;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("compose-bench");
        System.out.printf(
                Locale.ROOT,
                "work dir %s, %d cores, load average %s%n",
                dir,
                Runtime.getRuntime().availableProcessors(),
                loadAverage());

        long g0 = System.nanoTime();
        LocalImageEngine img = new LocalImageEngine();
        LocalVideoEngine video = new LocalVideoEngine();
        EspeakSpeechEngine speech = new EspeakSpeechEngine();
        boolean speak = speech.unavailableReason().isEmpty();
        List<CharacterLook> cast = List.of(
                new CharacterLook("Mara", "", "char:mara:7f3a", null),
                new CharacterLook("Ivan", "", "char:ivan:11c0", null));
        String[] places = {
            "EXT. HARBOUR - NIGHT",
            "INT. KITCHEN - DAY",
            "EXT. FOREST - DAWN",
            "EXT. CITY STREET - DUSK",
            "INT. OFFICE - NIGHT"
        };
        List<FinalComposer.SceneInput> scenes = new ArrayList<>();
        for (int s = 0; s < SCENES; s++) {
            List<Path> kf = new ArrayList<>();
            String caption = "Scene " + (s + 1) + ": Mara and Ivan wait for the boat that never comes.";
            for (int k = 0; k < 3; k++) {
                Path p = dir.resolve("s" + s + "k" + k + ".png");
                Files.write(
                        p,
                        img.keyframe(
                                        new KeyframeRequest(
                                                places[s % places.length],
                                                "",
                                                "",
                                                "",
                                                "",
                                                caption,
                                                "en",
                                                ShotType.forSequence(k),
                                                cast,
                                                s * 10L + k,
                                                W,
                                                H),
                                        Progress.NONE)
                                .bytes());
                kf.add(p);
            }
            Path clip = dir.resolve("scene" + s + ".mp4");
            video.clip(
                    new ClipRequest(kf, List.of(1.0, 3.0, 5.0), SCENE_SECONDS, W, H, FPS, null, clip), Progress.NONE);
            Path voice = null;
            if (speak) {
                voice = dir.resolve("vo" + s + ".wav");
                speech.speak(
                        new SpeechRequest(
                                "Scene " + (s + 1) + ". Mara and Ivan wait at the water.", "en", null, 0, 0, voice),
                        Progress.NONE);
            }
            scenes.add(new FinalComposer.SceneInput(clip, voice, List.of(new FinalComposer.Cue(0.2, 5.8, caption))));
        }
        System.out.printf(
                Locale.ROOT,
                "generated %d scenes (keyframes, clips, voiceover=%s) in %.1f s%n",
                SCENES,
                speak,
                (System.nanoTime() - g0) / 1e9);

        // warm-up: load native libraries and JIT the paths once on a small job, so neither side pays start-up cost
        new FinalComposer(W, H, FPS, 2).compose(scenes.subList(0, 2), dir.resolve("warm.mp4"), null);

        // the real path: clips with the output's H.264 settings are copied, the rest (none here) re-encoded
        FinalComposer.Result copied = timed(
                "compose (stream copy of matching clips)",
                () -> new FinalComposer(W, H, FPS, 2).compose(scenes, dir.resolve("final-copy.mp4"), null));
        // the worst case: every frame decoded and re-encoded, as for clips from another engine or size
        FinalComposer.Result single = timed(
                "compose, re-encode every clip, 1 thread",
                () -> new FinalComposer(W, H, FPS, 1, false, null, FinalComposer.Mix.DEFAULT, null, null)
                        .compose(scenes, dir.resolve("final-1t.mp4"), null));
        FinalComposer.Result parallel = timed(
                "compose, re-encode every clip, 2 threads",
                () -> new FinalComposer(W, H, FPS, 2, false, null, FinalComposer.Mix.DEFAULT, null, null)
                        .compose(scenes, dir.resolve("final-2t.mp4"), null));
        for (FinalComposer.Result r : List.of(copied, single, parallel)) {
            MediaInfo info = MediaProbe.probeAndDecode(r.video());
            double drift = MediaFfmpegTest.avDrift(r.video());
            System.out.printf(
                    Locale.ROOT,
                    "  %s: %s/%s %dx%d %.2f s, %d frames decoded cleanly=%s, audio=%s, "
                            + "audio-video length difference %.3f s, %d of %d scenes copied; pieces %.1f s + join %.1f s%n",
                    r.video().getFileName(),
                    info.videoCodec(),
                    info.audioCodec(),
                    info.width(),
                    info.height(),
                    info.durationSeconds(),
                    info.decodedFrames(),
                    info.decodesCleanly(),
                    info.hasAudio(),
                    drift,
                    r.copiedScenes(),
                    SCENES,
                    r.encodeMillis() / 1e3,
                    r.joinMillis() / 1e3);
        }

        // the same frames for the CLI: decode the clips (held frames included) in timeline order to raw BGR24,
        // and the mixed audio track of the composed file to WAV; neither is timed
        Path raw = dir.resolve("frames.bgr24");
        long frames = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(raw), 1 << 20)) {
            byte[] row = new byte[W * 3];
            for (FinalComposer.EditEntry e : copied.editList()) {
                long want = Math.round((e.timelineEnd() - e.timelineStart()) * FPS);
                try (FFmpegFrameGrabber g =
                        new FFmpegFrameGrabber(scenes.get(e.index()).clip().toFile())) {
                    g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
                    g.start();
                    byte[] last = null;
                    Frame f;
                    long n = 0;
                    while (n < want && (f = g.grabImage()) != null) {
                        ByteBuffer b = (ByteBuffer) f.image[0];
                        last = new byte[W * H * 3];
                        for (int y = 0; y < H; y++) {
                            b.position(y * f.imageStride);
                            b.get(row);
                            System.arraycopy(row, 0, last, y * W * 3, W * 3);
                        }
                        out.write(last);
                        n++;
                    }
                    for (; n < want; n++) {
                        out.write(last);
                    }
                    frames += n;
                }
            }
        }
        Path audio = dir.resolve("mix.wav");
        MediaFfmpegTest.decodeAudio(copied.video()).write(audio);

        String bundled = FfmpegTool.executable();
        String encoders = new String(FfmpegTool.process(List.of(bundled, "-hide_banner", "-encoders"))
                .start()
                .getInputStream()
                .readAllBytes());
        boolean hasOpenh264 = encoders.contains("libopenh264");
        System.out.printf(
                Locale.ROOT,
                "raw frames: %d (%.2f GB); bundled ffmpeg CLI %s has libopenh264: %s%n",
                frames,
                Files.size(raw) / 1e9,
                bundled,
                hasOpenh264);
        int bitrate = Math.max(300_000, (int) (W * (long) H * FPS * 0.12));
        double cli = cli(bundled, raw, audio, dir.resolve("cli-openh264.mp4"), "libopenh264", bitrate, List.of());
        System.out.printf(Locale.ROOT, "ffmpeg CLI (bundled, libopenh264): %.1f s%n", cli);
        System.out.printf(Locale.ROOT, "%nRESULT ffmpeg CLI libopenh264 %.1f s (encodes every frame)%n", cli);
        System.out.printf(
                Locale.ROOT,
                "RESULT compose, stream copy of matching clips: %.1f s = %.2f x CLI (target <= 1.3)%n",
                wall.get(0),
                wall.get(0) / cli);
        System.out.printf(
                Locale.ROOT,
                "RESULT compose, re-encode every clip: 1 thread %.1f s = %.2f x CLI; 2 threads %.1f s "
                        + "= %.2f x CLI; speed-up %.2fx%n",
                wall.get(1),
                wall.get(1) / cli,
                wall.get(2),
                wall.get(2) / cli,
                wall.get(1) / wall.get(2));
        System.out.printf(
                Locale.ROOT, "load average at the end: %s (other builds share this machine)%n", loadAverage());
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    static final List<Double> wall = new ArrayList<>();

    interface Job {
        FinalComposer.Result run() throws Exception;
    }

    static FinalComposer.Result timed(String label, Job job) throws Exception {
        long t0 = System.nanoTime();
        FinalComposer.Result r = job.run();
        double s = (System.nanoTime() - t0) / 1e9;
        wall.add(s);
        System.out.printf(Locale.ROOT, "%s: %.1f s (load %s)%n", label, s, loadAverage());
        return r;
    }

    static double cli(String exe, Path raw, Path audio, Path out, String encoder, int bitrate, List<String> extra)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                exe,
                "-hide_banner",
                "-loglevel",
                "error",
                "-y",
                "-f",
                "rawvideo",
                "-pix_fmt",
                "bgr24",
                "-s",
                W + "x" + H,
                "-r",
                Integer.toString(FPS),
                "-i",
                raw.toString(),
                "-i",
                audio.toString(),
                "-c:v",
                encoder,
                "-b:v",
                Integer.toString(bitrate),
                "-g",
                Integer.toString(FPS * 2),
                "-pix_fmt",
                "yuv420p"));
        cmd.addAll(extra);
        cmd.addAll(List.of(
                "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "1", "-movflags", "+faststart", out.toString()));
        // read the raw file once beforehand so both sides start with it in the page cache
        try (var in = Files.newInputStream(raw)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        long t0 = System.nanoTime();
        Process p = FfmpegTool.process(cmd).inheritIO().start();
        int rc = p.waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        if (rc != 0) {
            throw new IllegalStateException(encoder + " CLI failed with exit " + rc);
        }
        MediaInfo i = MediaProbe.probe(out);
        System.out.printf(
                Locale.ROOT, "  CLI output %s/%s %.2f s%n", i.videoCodec(), i.audioCodec(), i.durationSeconds());
        return s;
    }
}
