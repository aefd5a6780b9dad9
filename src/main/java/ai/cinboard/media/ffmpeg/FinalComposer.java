package ai.cinboard.media.ffmpeg;

import ai.cinboard.domain.StudioException;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleConsumer;

/**
 * Joins per-scene clips into the final MP4 with each scene's voiceover mixed in.
 *
 * <p>How: every scene becomes a segment file (its clip decoded, re-encoded at the output size and rate, held on
 * its last frame where the voiceover runs longer, and its audio mixed with the voiceover). Segments are encoded
 * in parallel, one per thread, because OpenH264 uses a single core. The segments all share one encoder setup, so
 * they are then joined by stream copy (packets re-timed, no re-encode) into the final file. Thumbnails at
 * 10/50/90 % and an SRT are written beside the video.
 */
public final class FinalComposer {

    /** One scene: its clip, an optional voiceover WAV for it, and subtitle cues timed from the scene's start. */
    public record SceneInput(Path clip, Path voiceover, List<Cue> cues) {
        public SceneInput {
            cues = cues == null ? List.of() : List.copyOf(cues);
        }
    }

    /** A subtitle. Times in seconds, relative to the scene in {@link SceneInput}, absolute in the SRT. */
    public record Cue(double start, double end, String text) {
    }

    /**
     * One row of the edit list for {@code composition_data}: which part of the clip is used ({@code in}/{@code out},
     * in seconds and frames of the clip), where it starts and ends on the final timeline, and how long its last frame
     * is held to fit a longer voiceover.
     */
    public record EditEntry(int index, String clip, double inSeconds, double outSeconds, long inFrame, long outFrame,
                            double timelineStart, double timelineEnd, double heldSeconds, double voiceoverSeconds) {
    }

    public record Result(Path video, Path srt, List<Path> thumbnails, List<EditEntry> editList, MediaInfo info,
                         long encodeMillis, long joinMillis) {
    }

    static {
        MediaProbe.quietFfmpeg();
    }

    private final int width;
    private final int height;
    private final int fps;
    private final int threads;

    /** @param threads segments encoded at once; 0 means one per available core */
    public FinalComposer(int width, int height, int fps, int threads) {
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    public Result compose(List<SceneInput> scenes, Path output, DoubleConsumer progress) {
        if (scenes.isEmpty()) {
            throw new StudioException("There are no scene clips to compose. Generate the clips first.");
        }
        DoubleConsumer report = progress == null ? f -> { } : progress;
        Path work;
        try {
            Files.createDirectories(output.toAbsolutePath().getParent());
            work = Files.createTempDirectory(output.toAbsolutePath().getParent(), ".compose-");
        } catch (IOException e) {
            throw new StudioException("Cannot create a working folder beside " + output + ": " + e.getMessage(), e);
        }
        try {
            // plan the timeline first so segments can be encoded independently
            List<EditEntry> edits = new ArrayList<>();
            List<Wav> voices = new ArrayList<>();
            long timelineFrames = 0;
            for (int i = 0; i < scenes.size(); i++) {
                SceneInput s = scenes.get(i);
                MediaInfo clipInfo = MediaProbe.probe(s.clip());
                Wav voice = s.voiceover() == null ? null : Wav.read(s.voiceover());
                voices.add(voice);
                long clipFrames = Math.max(1, Math.round(clipInfo.durationSeconds() * fps));
                long voiceFrames = voice == null ? 0 : (long) Math.ceil(voice.durationSeconds() * fps);
                long segFrames = Math.max(clipFrames, voiceFrames);
                edits.add(new EditEntry(i, s.clip().getFileName().toString(), 0, clipFrames / (double) fps, 0, clipFrames,
                        timelineFrames / (double) fps, (timelineFrames + segFrames) / (double) fps,
                        (segFrames - clipFrames) / (double) fps, voice == null ? 0 : voice.durationSeconds()));
                timelineFrames += segFrames;
            }

            long t0 = System.nanoTime();
            List<Path> segments = encodeSegments(scenes, voices, edits, work, report);
            long t1 = System.nanoTime();
            Path tmp = work.resolve("joined.mp4");
            join(segments, edits, tmp);
            long t2 = System.nanoTime();
            MediaInfo info = MediaProbe.probe(tmp);
            if (!"h264".equals(info.videoCodec()) || !"aac".equals(info.audioCodec())) {
                throw new StudioException("The composed video came out as " + info.videoCodec() + "/" + info.audioCodec()
                        + " instead of H.264/AAC. Use the org.bytedeco ffmpeg build pinned in pom.xml.");
            }
            // move into place only when complete, so no reader ever sees a half-written final video
            Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            report.accept(0.95);
            List<Path> thumbs = thumbnails(output, info.durationSeconds());
            Path srt = writeSrt(scenes, edits, output);
            report.accept(1.0);
            return new Result(output, srt, thumbs, List.copyOf(edits), info,
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        } catch (IOException e) {
            throw new StudioException("Cannot write the final video " + output + ": " + e.getMessage()
                    + ". Check free disk space.", e);
        } finally {
            deleteTree(work);
        }
    }

    private List<Path> encodeSegments(List<SceneInput> scenes, List<Wav> voices, List<EditEntry> edits, Path work,
                                      DoubleConsumer report) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, scenes.size()), r -> {
            Thread t = new Thread(r, "compose-segment");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Path>> futures = new ArrayList<>();
            int[] done = {0};
            for (int i = 0; i < scenes.size(); i++) {
                int idx = i;
                futures.add(pool.submit(() -> {
                    Path seg = work.resolve(String.format(Locale.ROOT, "seg-%04d.mp4", idx));
                    encodeSegment(scenes.get(idx).clip(), voices.get(idx), edits.get(idx), seg);
                    synchronized (done) {
                        done[0]++;
                        report.accept(0.85 * done[0] / scenes.size());
                    }
                    return seg;
                }));
            }
            List<Path> out = new ArrayList<>();
            for (Future<Path> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StudioException("Composition was cancelled.", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StudioException se) {
                throw se;
            }
            throw new StudioException("Encoding a scene segment failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void encodeSegment(Path clip, Wav voice, EditEntry edit, Path seg) throws Exception {
        long segFrames = Math.round((edit.timelineEnd() - edit.timelineStart()) * fps);
        double segSeconds = segFrames / (double) fps;
        Wav audio = clipAudio(clip, segSeconds);
        if (voice != null) {
            audio = audio.mix(voice, 0);
        }
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(clip.toFile());
             AnimaticEncoder enc = new AnimaticEncoder(seg, width, height, fps, audio)) {
            // decode straight to the encoder's own pixel format and size: no RGB round trip, no Java copies;
            // the grabber scales on decode, so clips of another size still fit
            g.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            g.setImageWidth(width);
            g.setImageHeight(height);
            g.start();
            Frame last = null;
            double srcFps = g.getFrameRate() > 0 ? g.getFrameRate() : fps;
            long written = 0;
            long srcIndex = 0;
            Frame f;
            // resample the clip's frame rate to ours by picking, for each output frame, the latest source frame
            while (written < edit.outFrame() && (f = g.grabImage()) != null) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                last = f;
                srcIndex++;
                while (written < edit.outFrame() && written / (double) fps < srcIndex / srcFps) {
                    enc.writeFrame(last, avutil.AV_PIX_FMT_YUV420P);
                    written++;
                }
            }
            if (last == null) {
                throw new StudioException("The clip " + clip + " has no video frames. Regenerate the scene's clip.");
            }
            // hold the last frame to fill the rest: a short clip, or a voiceover longer than the clip. A copy,
            // because the grabber owns the buffer of the frame it returned
            Frame held = written < segFrames ? last.clone() : null;
            while (written < segFrames) {
                enc.writeFrame(held, avutil.AV_PIX_FMT_YUV420P);
                written++;
            }
            enc.finish();
        }
    }

    /** The clip's own audio as mono 48 kHz PCM16, padded or cut to the segment length. */
    static Wav clipAudio(Path clip, double seconds) throws org.bytedeco.javacv.FrameGrabber.Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(clip.toFile())) {
            g.setSampleMode(org.bytedeco.javacv.FrameGrabber.SampleMode.SHORT);
            g.setSampleRate(AnimaticEncoder.AUDIO_RATE);
            g.setAudioChannels(AnimaticEncoder.AUDIO_CHANNELS);
            g.start();
            int want = (int) Math.round(seconds * AnimaticEncoder.AUDIO_RATE);
            short[] out = new short[want];
            int pos = 0;
            if (g.getAudioStream() >= 0) {
                Frame f;
                while (pos < want && (f = g.grabSamples()) != null) {
                    if (f.samples == null) {
                        continue;
                    }
                    ShortBuffer sb = (ShortBuffer) f.samples[0];
                    int n = Math.min(sb.remaining(), want - pos);
                    sb.get(out, pos, n);
                    pos += n;
                }
            }
            return new Wav(out, AnimaticEncoder.AUDIO_RATE, AnimaticEncoder.AUDIO_CHANNELS);
        }
    }

    /**
     * Stream-copies the segments into one MP4. Each segment's packets are shifted by the segment's start on the
     * timeline. AAC's priming packet at the start of each later segment would overlap the previous segment's last
     * packet (non-increasing dts, which the muxer rejects); such packets are dropped, costing at most ~21 ms of
     * audio at a scene cut.
     */
    private void join(List<Path> segments, List<EditEntry> edits, Path out)
            throws org.bytedeco.javacv.FrameGrabber.Exception, FFmpegFrameRecorder.Exception {
        List<FFmpegFrameGrabber> open = new ArrayList<>();
        FFmpegFrameRecorder rec = null;
        try {
            FFmpegFrameGrabber first = new FFmpegFrameGrabber(segments.get(0).toFile());
            open.add(first);
            first.start();
            rec = new FFmpegFrameRecorder(out.toFile(), width, height, AnimaticEncoder.AUDIO_CHANNELS);
            rec.setFormat("mp4");
            rec.setOption("movflags", "+faststart");
            rec.setFrameRate(fps);
            rec.setSampleRate(AnimaticEncoder.AUDIO_RATE);
            // the recorder copies stream parameters from this context; it must stay open until the end
            rec.start(first.getFormatContext());
            long[] lastDts = new long[first.getFormatContext().nb_streams()];
            java.util.Arrays.fill(lastDts, Long.MIN_VALUE);
            for (int i = 0; i < segments.size(); i++) {
                FFmpegFrameGrabber g = i == 0 ? first : new FFmpegFrameGrabber(segments.get(i).toFile());
                if (i > 0) {
                    open.add(g);
                    g.start();
                }
                double start = edits.get(i).timelineStart();
                AVPacket pkt;
                while ((pkt = g.grabPacket()) != null) {
                    int si = pkt.stream_index();
                    AVStream st = g.getFormatContext().streams(si);
                    AVRational tb = st.time_base();
                    long offset = Math.round(start * tb.den() / (double) tb.num());
                    if (pkt.pts() != avutil.AV_NOPTS_VALUE) {
                        pkt.pts(pkt.pts() + offset);
                    }
                    if (pkt.dts() != avutil.AV_NOPTS_VALUE) {
                        pkt.dts(pkt.dts() + offset);
                        if (pkt.dts() <= lastDts[si]) {
                            continue;
                        }
                        lastDts[si] = pkt.dts();
                    }
                    rec.recordPacket(pkt);
                }
                if (i > 0) {
                    g.close();
                    open.remove(g);
                }
            }
            rec.stop();
        } finally {
            if (rec != null) {
                rec.release();
            }
            for (FFmpegFrameGrabber g : open) {
                g.close();
            }
        }
    }

    private static List<Path> thumbnails(Path video, double duration) throws IOException {
        List<Path> out = new ArrayList<>();
        String base = baseName(video);
        try (FrameExtractor fx = new FrameExtractor(video)) {
            for (int pct : new int[] {10, 50, 90}) {
                BufferedImage img = fx.frameAt(duration * pct / 100.0);
                Path p = video.resolveSibling(base + "-thumb-" + pct + ".png");
                Path tmp = video.resolveSibling("." + base + "-thumb-" + pct + ".png.tmp");
                ImageIO.write(img, "png", tmp.toFile());
                Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                out.add(p);
            }
        }
        return out;
    }

    private static Path writeSrt(List<SceneInput> scenes, List<EditEntry> edits, Path video) throws IOException {
        StringBuilder sb = new StringBuilder();
        int n = 1;
        for (int i = 0; i < scenes.size(); i++) {
            EditEntry e = edits.get(i);
            for (Cue c : scenes.get(i).cues()) {
                double start = e.timelineStart() + Math.max(0, c.start());
                double end = Math.min(e.timelineEnd(), e.timelineStart() + c.end());
                if (end <= start || c.text() == null || c.text().isBlank()) {
                    continue;
                }
                sb.append(n++).append('\n').append(srtTime(start)).append(" --> ").append(srtTime(end)).append('\n')
                        .append(c.text().strip()).append("\n\n");
            }
        }
        Path srt = video.resolveSibling(baseName(video) + ".srt");
        Files.writeString(srt, sb.toString(), StandardCharsets.UTF_8);
        return srt;
    }

    static String srtTime(double seconds) {
        long ms = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d,%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }

    private static String baseName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless; it is hidden and named .compose-*
        }
    }
}
