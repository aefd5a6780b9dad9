package ai.cinboard.media.ffmpeg;

import ai.cinboard.domain.FileNames;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.Transition;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleConsumer;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Joins per-scene clips into the final MP4 with each scene's voiceover mixed in.
 *
 * <p>How: the video is re-encoded only where it has to be. A clip that already has the output's H.264 settings
 * (same encoder parameters, size and rate, as every clip of the offline engine has) is copied packet by packet;
 * only the frames that hold its last picture to fit a longer voiceover are encoded, as a short piece of their own,
 * and, where the scene opens with a crossfade, dip or wipe, its opening frames up to the clip's first keyframe
 * after the transition. A cut needs no encoding at all.
 * Other clips (another size or rate, another encoder, or subtitles to burn in) are decoded straight to YUV 4:2:0
 * and re-encoded, one scene per thread, because OpenH264 uses a single core. The audio is mixed for the whole
 * timeline and encoded once, while the video pieces encode. A {@link PacketMuxer} then joins everything by stream
 * copy. Thumbnails at 10/50/90 % and an SRT are written beside the video.
 */
public final class FinalComposer {

    /**
     * One scene: its clip, an optional voiceover WAV for it, subtitle cues timed from the scene's start, and how it
     * opens from the scene before it (not used for the first scene). {@code silentClip}: the clip's engine says it
     * put no sound in it (the offline engine's clips carry a silent track, for a uniform stream layout), so its
     * audio is not decoded for the mix.
     */
    public record SceneInput(Path clip, Path voiceover, List<Cue> cues, Transition opening, boolean silentClip) {
        public SceneInput {
            cues = cues == null ? List.of() : List.copyOf(cues);
            opening = opening == null ? Transition.CUT : opening;
        }

        /** A clip whose own sound is mixed in. */
        public SceneInput(Path clip, Path voiceover, List<Cue> cues, Transition opening) {
            this(clip, voiceover, cues, opening, false);
        }

        /** Joined to the scene before it by a cut. */
        public SceneInput(Path clip, Path voiceover, List<Cue> cues) {
            this(clip, voiceover, cues, Transition.CUT);
        }
    }

    /**
     * A subtitle. Times in seconds, relative to the scene in {@link SceneInput}, absolute in the SRT. {@code words}
     * (empty unless the subtitle is highlighted word by word) time each word of {@code text} inside the cue.
     */
    public record Cue(double start, double end, String text, List<Word> words) {
        public Cue {
            words = words == null ? List.of() : List.copyOf(words);
        }

        public Cue(double start, double end, String text) {
            this(start, end, text, List.of());
        }

        /** The word said at {@code seconds} (scene time): its index in {@link #words}, or -1 for none. */
        public int wordAt(double seconds) {
            for (int i = 0; i < words.size(); i++) {
                if (seconds >= words.get(i).start() && seconds < words.get(i).end()) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** One word of a cue's text: its chars {@code [from, to)} and when it is said, in the cue's times. */
    public record Word(int from, int to, double start, double end) {}

    /**
     * Draws one subtitle for burning into the picture: an ARGB band {@code width} wide, transparent where the
     * picture shows through, and the row it is laid at. Lives above this package, where the caption fonts are.
     */
    public interface SubtitlePainter {
        /** @param word the index of the cue's word to highlight, or -1 for none */
        Band paint(Cue cue, int word, int width, int height);
    }

    /** A painted subtitle: the band and the frame row its top is laid at. */
    public record Band(BufferedImage image, int top) {}

    /**
     * One row of the edit list for {@code composition_data}: which part of the clip is used ({@code in}/{@code out},
     * in seconds and frames of the clip), where it starts and ends on the final timeline, and how long its last frame
     * is held to fit a longer voiceover.
     */
    public record EditEntry(
            int index,
            String clip,
            double inSeconds,
            double outSeconds,
            long inFrame,
            long outFrame,
            double timelineStart,
            double timelineEnd,
            double heldSeconds,
            double voiceoverSeconds) {}

    /**
     * @param copiedScenes scenes whose clip video went in by stream copy (the rest were re-encoded)
     * @param encodeMillis wall time of encoding the video pieces and the audio
     * @param joinMillis   wall time of the stream-copy join
     */
    public record Result(
            Path video,
            Path srt,
            List<Path> thumbnails,
            List<EditEntry> editList,
            MediaInfo info,
            int copiedScenes,
            long encodeMillis,
            long joinMillis,
            AudioReport audio) {}

    /**
     * How the final mix is made: normalised to {@code loudnessTarget} LUFS integrated (true peak at most
     * {@link Loudness#TRUE_PEAK_CEILING}), with {@code music} (null for none) as a ducked bed under the voice.
     */
    public record Mix(double loudnessTarget, Path music) {
        public static final Mix DEFAULT = new Mix(ai.cinboard.domain.MixSettings.DEFAULT_LOUDNESS, null);
    }

    /**
     * What the final mix measured, read from its encoded AAC track (the one muxed) with FFmpeg's ebur128 meter: integrated
     * loudness and true peak, the gain the normaliser applied, and, with music, speech over the ducked music
     * while someone speaks and the voice's loudness over the music where nobody does (NaN when not measured).
     */
    public record AudioReport(
            double targetLufs,
            double integratedLufs,
            double truePeakDbtp,
            double gainDb,
            boolean music,
            double speechOverMusicLu,
            double musicOnlyBelowSpeechLu,
            List<double[]> speechSpans,
            boolean masteredAhead) {}

    /**
     * A final mix mastered before its composition ({@link #masterAhead}): the AAC track, the gain and the meter's
     * reading of it, under the key of the mix it was made from, which a composition that mixes the same sound
     * sample for sample computes too.
     */
    public record MasteredAudio(String key, Path file, double gainDb, Loudness.Measurement measured) {}

    /** Where a composition looks for its final mix mastered ahead, by the key of the mix it made. */
    public interface MasteredAudioSource {
        Optional<MasteredAudio> find(String key) throws IOException;
    }

    /** One scene's sound for mastering ahead: its voiceover WAV (or null) and how many frames its clip will have. */
    public record SceneSound(Path voiceover, long clipFrames) {}

    static {
        MediaProbe.quietFfmpeg();
    }

    private final int width;
    private final int height;
    private final int fps;
    private final int threads;
    private final boolean copyMatchingClips;
    private final SubtitlePainter subtitles;
    private final Mix mix;
    /** Where encoded pieces are kept by what made them, for the next composition of the same video; or null. */
    private final Path pieceCache;
    /** Where this composition's final mix may have been mastered ahead; or null. */
    private final MasteredAudioSource masteredAhead;

    /** @param threads scenes encoded at once; 0 means one per available core */
    public FinalComposer(int width, int height, int fps, int threads) {
        this(width, height, fps, threads, true, null, Mix.DEFAULT, null, null);
    }

    /**
     * @param copyMatchingClips false re-encodes every clip (to measure the worst case)
     * @param subtitles         non-null burns each scene's cues into its picture
     */
    FinalComposer(
            int width,
            int height,
            int fps,
            int threads,
            boolean copyMatchingClips,
            SubtitlePainter subtitles,
            Mix mix,
            Path pieceCache,
            MasteredAudioSource masteredAhead) {
        this.pieceCache = pieceCache;
        this.masteredAhead = masteredAhead;
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.copyMatchingClips = copyMatchingClips;
        this.subtitles = subtitles;
        this.mix = mix;
    }

    /**
     * The same composer, but burning each scene's cues into the picture with {@code painter}: for a video without
     * a voiceover, where the subtitles are the only way the words reach the viewer, or one with a chosen style.
     */
    public FinalComposer withBurnedSubtitles(SubtitlePainter painter) {
        return new FinalComposer(
                width, height, fps, threads, copyMatchingClips, painter, mix, pieceCache, masteredAhead);
    }

    /** The same composer with this loudness target and music bed. */
    public FinalComposer withMix(Mix mix) {
        return new FinalComposer(
                width, height, fps, threads, copyMatchingClips, subtitles, mix, pieceCache, masteredAhead);
    }

    /**
     * The same composer, keeping the pieces it encodes (transitions, held last pictures) in {@code dir}, named by a
     * hash of what made them, and reusing them: recomposing after one scene changed encodes only the pieces that
     * scene touches (its own opening and the next scene's), not every transition again. After each composition
     * the folder holds only that composition's pieces. Pieces with burned-in subtitles are not kept.
     */
    public FinalComposer withPieceCache(Path dir) {
        return new FinalComposer(width, height, fps, threads, copyMatchingClips, subtitles, mix, dir, masteredAhead);
    }

    /**
     * The same composer, taking its final mix from {@code source} when it was mastered ahead for exactly the sound
     * this composition mixes ({@link #masterAhead}); otherwise it masters the mix itself.
     */
    public FinalComposer withMasteredAhead(MasteredAudioSource source) {
        return new FinalComposer(width, height, fps, threads, copyMatchingClips, subtitles, mix, pieceCache, source);
    }

    /**
     * Masters the final mix before the clips exist, from the scenes' voiceovers and the lengths their clips will
     * have: mastering takes seconds of FFmpeg passes, and done here (a render unit of its own, beside the
     * keyframes) it is off the composition's path. Clips are taken to carry no sound of their own, as the offline
     * engine's don't; a composition whose sound differs, sample for sample, masters its own.
     */
    public MasteredAudio masterAhead(List<SceneSound> scenes, Path work) throws IOException {
        if (scenes.isEmpty()) {
            throw new StudioException("There are no scenes to master the sound of.");
        }
        List<Wav> voices = new ArrayList<>();
        List<EditEntry> edits = new ArrayList<>();
        long timelineFrames = 0;
        for (int i = 0; i < scenes.size(); i++) {
            SceneSound s = scenes.get(i);
            Wav voice = s.voiceover() == null ? null : Wav.read(s.voiceover());
            voices.add(voice);
            long segFrames = Math.max(s.clipFrames(), voiceFrames(voice));
            edits.add(edit(i, "", s.clipFrames(), segFrames, timelineFrames, voice));
            timelineFrames += segFrames;
        }
        List<Path> noClipSound = java.util.Collections.nCopies(scenes.size(), null);
        Wav mixed = mixTimeline(noClipSound, voices, edits).mix();
        String key = audioKey(mixed);
        Files.createDirectories(work);
        Path file = work.resolve(key + ".m4a");
        Loudness.Mastered m = Loudness.master(mixed, mix.loudnessTarget(), file);
        return new MasteredAudio(key, file, m.gainDb(), m.delivered());
    }

    private long voiceFrames(Wav voice) {
        return voice == null ? 0 : (long) Math.ceil(voice.durationSeconds() * fps);
    }

    /** Scene {@code i} on the timeline: its clip's frames from the start, then held to {@code segFrames}. */
    private EditEntry edit(int i, String clip, long clipFrames, long segFrames, long timelineFrames, Wav voice) {
        return new EditEntry(
                i,
                clip,
                0,
                clipFrames / (double) fps,
                0,
                clipFrames,
                timelineFrames / (double) fps,
                (timelineFrames + segFrames) / (double) fps,
                (segFrames - clipFrames) / (double) fps,
                voice == null ? 0 : voice.durationSeconds());
    }

    /**
     * How one scene's {@code frames} get into the output: the clip's frames from {@code copyFrom} (a keyframe) up
     * to {@code copyTo} copied, the opening frames before them and the held frames after them encoded. A scene
     * that copies nothing has {@code copyFrom == copyTo == frames}: all of it is its opening piece.
     */
    private record VideoPlan(long copyFrom, long copyTo, long frames) {
        static VideoPlan encodeAll(long frames) {
            return new VideoPlan(frames, frames, frames);
        }

        boolean copies() {
            return copyTo > copyFrom;
        }

        long openingFrames() {
            return copyFrom;
        }

        long heldFrames() {
            return frames - copyTo;
        }

        long encodedFrames() {
            return openingFrames() + heldFrames();
        }
    }

    public Result compose(List<SceneInput> scenes, Path output, DoubleConsumer progress) {
        if (scenes.isEmpty()) {
            throw new StudioException("There are no scene clips to compose. Generate the clips first.");
        }
        DoubleConsumer report = progress == null ? f -> {} : progress;
        Path work;
        try {
            Files.createDirectories(output.toAbsolutePath().getParent());
            work = Files.createTempDirectory(output.toAbsolutePath().getParent(), ".compose-");
        } catch (IOException e) {
            throw new StudioException("Cannot create a working folder beside " + output + ": " + e.getMessage(), e);
        }
        try {
            // the parameters every piece must share to be joined by copy: those of our own encoder at this size
            Path reference = work.resolve("reference.mp4");
            encodeReference(reference);
            byte[] ourParameters;
            try (PacketMuxer.Demuxer d = new PacketMuxer.Demuxer(reference, avutil.AVMEDIA_TYPE_VIDEO)) {
                ourParameters = d.parameterBytes();
            }
            // plan the timeline first so the pieces can be encoded independently
            List<EditEntry> edits = new ArrayList<>();
            List<Wav> voices = new ArrayList<>();
            List<VideoPlan> plans = new ArrayList<>();
            long timelineFrames = 0;
            for (int i = 0; i < scenes.size(); i++) {
                SceneInput s = scenes.get(i);
                Wav voice = s.voiceover() == null ? null : Wav.read(s.voiceover());
                voices.add(voice);
                long copyable =
                        copyMatchingClips && (subtitles == null || s.cues().isEmpty())
                                ? copyableFrames(s.clip(), ourParameters)
                                : 0;
                long clipFrames = copyable > 0
                        ? copyable
                        : Math.max(1, Math.round(MediaProbe.probe(s.clip()).durationSeconds() * fps));
                long segFrames = Math.max(clipFrames, voiceFrames(voice));
                long opening = openingFrames(scenes, i, segFrames);
                // copying restarts at the first keyframe the transition leaves untouched
                long copyFrom = copyable > 0 ? keyframeAtOrAfter(s.clip(), opening, copyable) : copyable;
                plans.add(
                        copyable > copyFrom
                                ? new VideoPlan(copyFrom, copyable, segFrames)
                                : VideoPlan.encodeAll(segFrames));
                edits.add(edit(i, s.clip().getFileName().toString(), clipFrames, segFrames, timelineFrames, voice));
                timelineFrames += segFrames;
            }

            long t0 = System.nanoTime();
            MusicBed.Mixed[] mixed = new MusicBed.Mixed[1];
            FinalAudio[] finalAudio = new FinalAudio[1];
            Set<Path> used = ConcurrentHashMap.newKeySet();
            List<Path[]> encoded = encodePieces(scenes, plans, edits, work, report, used, () -> {
                mixed[0] = mixTimeline(
                        scenes.stream()
                                .map(s -> s.silentClip() ? null : s.clip())
                                .toList(),
                        voices,
                        edits);
                finalAudio[0] = finalAudio(mixed[0].mix(), work, used);
            });
            forgetUnused(used);
            Path audio = finalAudio[0].file();
            long t1 = System.nanoTime();
            Path tmp = work.resolve("joined.mp4");
            try (PacketMuxer mux = new PacketMuxer(tmp, reference, audio, fps)) {
                for (int i = 0; i < scenes.size(); i++) {
                    VideoPlan plan = plans.get(i);
                    long wrote = 0;
                    if (plan.openingFrames() > 0) {
                        wrote += mux.appendVideo(encoded.get(i)[0], 0, plan.openingFrames());
                    }
                    if (plan.copies()) {
                        wrote += mux.appendVideo(scenes.get(i).clip(), plan.copyFrom(), plan.copyTo());
                    }
                    if (plan.heldFrames() > 0) {
                        wrote += mux.appendVideo(encoded.get(i)[1], 0, plan.heldFrames());
                    }
                    long want = plan.frames();
                    if (wrote != want) {
                        throw new StudioException("Scene " + (i + 1) + " gave " + wrote + " video frames instead of "
                                + want + ". Regenerate its clip.");
                    }
                }
                mux.finish();
            }
            long t2 = System.nanoTime();
            MediaInfo info = MediaProbe.probe(tmp);
            if (!"h264".equals(info.videoCodec()) || !"aac".equals(info.audioCodec())) {
                throw new StudioException(
                        "The composed video came out as " + info.videoCodec() + "/" + info.audioCodec()
                                + " instead of H.264/AAC. Use the org.bytedeco ffmpeg build pinned in pom.xml.");
            }
            // move into place only when complete, so no reader ever sees a half-written final video
            Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Loudness.Measurement measured = finalAudio[0].measured();
            AudioReport audioReport = new AudioReport(
                    mix.loudnessTarget(),
                    measured.integratedLufs(),
                    measured.truePeakDbtp(),
                    finalAudio[0].gainDb(),
                    mix.music() != null,
                    mixed[0].speechOverMusicLu(),
                    mixed[0].musicOnlyBelowSpeechLu(),
                    mixed[0].speechSpans(),
                    finalAudio[0].masteredAhead());
            report.accept(0.95);
            List<Path> thumbs = thumbnails(output, info.durationSeconds());
            Path srt = writeSrt(scenes, edits, output);
            report.accept(1.0);
            int copied = (int) plans.stream().filter(VideoPlan::copies).count();
            return new Result(
                    output,
                    srt,
                    thumbs,
                    List.copyOf(edits),
                    info,
                    copied,
                    (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000,
                    audioReport);
        } catch (IOException e) {
            throw new StudioException(
                    "Cannot write the final video " + output + ": " + e.getMessage() + ". Check free disk space.", e);
        } finally {
            deleteTree(work);
        }
    }

    /** A one-frame file from our encoder at the output settings: its H.264 parameters are what pieces must match. */
    private void encodeReference(Path file) {
        try (AnimaticEncoder enc = new AnimaticEncoder(file, width, height, fps, null)) {
            enc.writeFrame(new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR));
            enc.finish();
        }
    }

    /**
     * How many leading frames of the clip can be copied as they are: all of its video frames when its H.264
     * parameters, size and frame rate are exactly the output's, otherwise 0.
     */
    private long copyableFrames(Path clip, byte[] ourParameters) {
        try (PacketMuxer.Demuxer d = new PacketMuxer.Demuxer(clip, avutil.AVMEDIA_TYPE_VIDEO)) {
            AVRational rate = d.stream().avg_frame_rate();
            if (!Arrays.equals(d.parameterBytes(), ourParameters)
                    || rate.den() == 0
                    || rate.num() != fps * (long) rate.den()) {
                return 0;
            }
            return Math.max(0, d.stream().nb_frames());
        }
    }

    /** Frames of scene {@code i} its opening transition covers: none for the first scene or a cut. */
    private long openingFrames(List<SceneInput> scenes, int i, long segFrames) {
        return i == 0 ? 0 : scenes.get(i).opening().frames(fps, segFrames);
    }

    /** The index of the clip's first keyframe at or after frame {@code from}; {@code none} when there is none. */
    private long keyframeAtOrAfter(Path clip, long from, long none) {
        if (from == 0) {
            return 0;
        }
        try (PacketMuxer.Demuxer d = new PacketMuxer.Demuxer(clip, avutil.AVMEDIA_TYPE_VIDEO)) {
            return d.keyframeAtOrAfter(from, fps, none);
        }
    }

    /**
     * Encodes, on the pool, each scene's frames that are not copied, while {@code alongside} (the audio) runs on
     * this thread. Returns per scene its opening piece and its held piece, each null where there is none.
     */
    private List<Path[]> encodePieces(
            List<SceneInput> scenes,
            List<VideoPlan> plans,
            List<EditEntry> edits,
            Path work,
            DoubleConsumer report,
            Set<Path> used,
            IoTask alongside)
            throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, scenes.size()), r -> {
            Thread t = new Thread(r, "compose-segment");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Path>> futures = new ArrayList<>();
            long total = plans.stream().mapToLong(VideoPlan::encodedFrames).sum();
            long[] done = {0};
            for (int i = 0; i < scenes.size(); i++) {
                int idx = i;
                VideoPlan plan = plans.get(i);
                SceneInput s = scenes.get(idx);
                futures.add(
                        plan.openingFrames() == 0
                                ? null
                                : pool.submit(() -> {
                                    boolean burns =
                                            subtitles != null && !s.cues().isEmpty();
                                    Path piece = piece(
                                            work,
                                            String.format(Locale.ROOT, "opening-%04d.mp4", idx),
                                            burns ? null : openingKey(scenes, plans, edits, idx),
                                            used,
                                            to -> encodeScene(
                                                    s,
                                                    edits.get(idx),
                                                    plan.openingFrames(),
                                                    transitionInto(scenes, edits, idx),
                                                    to));
                                    return progressed(piece, plan.openingFrames(), done, total, report);
                                }));
                futures.add(
                        plan.heldFrames() == 0
                                ? null
                                : pool.submit(() -> {
                                    Path piece = piece(
                                            work,
                                            String.format(Locale.ROOT, "held-%04d.mp4", idx),
                                            key("held", clipId(s.clip()), plan.copyTo(), plan.heldFrames()),
                                            used,
                                            to -> encodeHold(s.clip(), plan.copyTo(), plan.heldFrames(), to));
                                    return progressed(piece, plan.heldFrames(), done, total, report);
                                }));
            }
            alongside.run();
            List<Path[]> out = new ArrayList<>();
            for (int i = 0; i < futures.size(); i += 2) {
                Future<Path> opening = futures.get(i);
                Future<Path> held = futures.get(i + 1);
                out.add(new Path[] {opening == null ? null : opening.get(), held == null ? null : held.get()});
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StudioException("Composition was cancelled.", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StudioException se) {
                throw se;
            }
            throw new StudioException("Encoding a scene failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The final mix, normalised and encoded, and the meter's reading of the encoded track. */
    private record FinalAudio(Path file, double gainDb, Loudness.Measurement measured, boolean masteredAhead) {}

    /**
     * The timeline's audio mastered ({@link Loudness#master}), or, with a piece cache, the same audio from the
     * last composition when its mix is sample for sample the same (a changed picture does not change the sound).
     * The reading is kept beside the cached track, so a reused track is not measured again.
     */
    private FinalAudio finalAudio(Wav mixed, Path work, Set<Path> used) throws IOException {
        String key = audioKey(mixed);
        if (masteredAhead != null) {
            Optional<MasteredAudio> ahead = masteredAhead.find(key);
            if (ahead.isPresent()) {
                return new FinalAudio(
                        ahead.get().file(), ahead.get().gainDb(), ahead.get().measured(), true);
            }
        }
        if (pieceCache == null) {
            Path file = work.resolve("audio.m4a");
            Loudness.Mastered m = Loudness.master(mixed, mix.loudnessTarget(), file);
            return new FinalAudio(file, m.gainDb(), m.delivered(), false);
        }
        Path file = pieceCache.resolve(key + ".m4a");
        Path sidecar = pieceCache.resolve(key + ".loudness");
        used.add(file);
        used.add(sidecar);
        if (Files.isRegularFile(file) && Files.isRegularFile(sidecar)) {
            String[] v = Files.readString(sidecar).strip().split(" ");
            if (v.length == 4) {
                return new FinalAudio(
                        file,
                        Double.parseDouble(v[0]),
                        new Loudness.Measurement(
                                Double.parseDouble(v[1]), Double.parseDouble(v[2]), Double.parseDouble(v[3])),
                        false);
            }
        }
        Files.deleteIfExists(sidecar);
        Loudness.Mastered[] made = new Loudness.Mastered[1];
        cacheWhole(file, to -> made[0] = Loudness.master(mixed, mix.loudnessTarget(), to));
        Loudness.Measurement m = made[0].delivered();
        Files.writeString(
                sidecar,
                made[0].gainDb() + " " + m.integratedLufs() + " " + m.truePeakDbtp() + " " + m.loudnessRange());
        return new FinalAudio(file, made[0].gainDb(), m, false);
    }

    /** The key of a final mix: what it sounds like, sample for sample, and the loudness it is mastered to. */
    private String audioKey(Wav mixed) {
        return key("audio", mix.loudnessTarget(), digest(mixed));
    }

    private static String digest(Wav wav) {
        java.security.MessageDigest d = ai.cinboard.domain.Sha256.newDigest();
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(2 * 8192);
        short[] samples = wav.samples();
        for (int i = 0; i < samples.length; i += 8192) {
            buf.clear();
            buf.asShortBuffer().put(samples, i, Math.min(8192, samples.length - i));
            d.update(buf.array(), 0, 2 * Math.min(8192, samples.length - i));
        }
        return wav.sampleRate() + "/" + wav.channels() + "/" + ai.cinboard.domain.Sha256.toHex(d.digest());
    }

    private interface PieceEncoder {
        void encodeTo(Path piece) throws Exception;
    }

    /**
     * A piece encoded by {@code encoder}: taken from the piece cache when it holds one made from the same inputs
     * ({@code key}; null never caches), else encoded (into the cache, moved in only when complete).
     */
    private Path piece(Path work, String name, String key, Set<Path> used, PieceEncoder encoder) throws Exception {
        if (pieceCache == null || key == null) {
            Path piece = work.resolve(name);
            encoder.encodeTo(piece);
            return piece;
        }
        Path cached = pieceCache.resolve(key + ".mp4");
        used.add(cached);
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        cacheWhole(cached, encoder);
        return cached;
    }

    /** Encodes into the piece cache, moving the file in only when complete: a reader never sees half of one. */
    private void cacheWhole(Path target, PieceEncoder encoder) throws IOException {
        Files.createDirectories(pieceCache);
        Path part = Files.createTempFile(pieceCache, "part-", ".part");
        try {
            encoder.encodeTo(part);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Encoding " + target.getFileName() + " failed: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** Leaves only this composition's pieces in the cache, so it holds one video's worth at most. */
    private void forgetUnused(Set<Path> used) throws IOException {
        if (pieceCache == null || !Files.isDirectory(pieceCache)) {
            return;
        }
        try (var files = Files.list(pieceCache)) {
            for (Path f : files.toList()) {
                if (!used.contains(f)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /**
     * What a scene's opening piece is made of: its clip and where it is cut, its length, and its transition with
     * the previous scene's clip and the frame that transition starts from, at this size and rate.
     */
    private String openingKey(List<SceneInput> scenes, List<VideoPlan> plans, List<EditEntry> edits, int i)
            throws IOException {
        SceneInput s = scenes.get(i);
        long transition = openingFrames(scenes, i, plans.get(i).frames());
        return key(
                "opening",
                clipId(s.clip()),
                edits.get(i).outFrame(),
                plans.get(i).openingFrames(),
                transition == 0
                        ? "cut"
                        : s.opening().kind() + "/" + transition + "/"
                                + clipId(scenes.get(i - 1).clip()) + "/"
                                + edits.get(i - 1).outFrame());
    }

    /**
     * A clip's identity for the piece cache: its file name and size. The render names its local copies of stored
     * media by a hash of their content-addressed URL, so the name stands for the content.
     */
    private static String clipId(Path clip) throws IOException {
        return clip.getFileName() + ":" + Files.size(clip);
    }

    private String key(Object... parts) {
        StringBuilder sb = new StringBuilder(width + "x" + height + "@" + fps);
        for (Object p : parts) {
            sb.append('|').append(p);
        }
        return ai.cinboard.domain.Sha256.hexOf(sb.toString()).substring(0, 32);
    }

    private static Path progressed(Path piece, long frames, long[] done, long total, DoubleConsumer report) {
        synchronized (done) {
            done[0] += frames;
            report.accept(0.85 * done[0] / total);
        }
        return piece;
    }

    private interface IoTask {
        void run() throws IOException;
    }

    /**
     * How scene {@code i} opens: its transition over the previous scene's last picture, or null for a cut (and for
     * the first scene).
     */
    private TransitionFrames transitionInto(List<SceneInput> scenes, List<EditEntry> edits, int i) throws Exception {
        EditEntry e = edits.get(i);
        long frames = openingFrames(scenes, i, Math.round((e.timelineEnd() - e.timelineStart()) * fps));
        if (frames == 0) {
            return null;
        }
        Frame outgoing =
                pictureBefore(scenes.get(i - 1).clip(), edits.get(i - 1).outFrame());
        return new TransitionFrames(scenes.get(i).opening().kind(), frames, outgoing, width, height);
    }

    /** Encodes {@code frames} frames all showing frame {@code lastIndex - 1} of the clip: its last copied picture held. */
    private void encodeHold(Path clip, long lastIndex, long frames, Path piece) throws Exception {
        Frame held = pictureBefore(clip, lastIndex);
        try (AnimaticEncoder enc = new AnimaticEncoder(piece, width, height, fps, null)) {
            for (long i = 0; i < frames; i++) {
                enc.writeFrame(held, avutil.AV_PIX_FMT_YUV420P);
            }
            enc.finish();
        }
    }

    /** A copy of the clip's last picture before frame {@code lastIndex}, decoded at the output size as YUV 4:2:0. */
    private Frame pictureBefore(Path clip, long lastIndex) throws Exception {
        Frame held = null;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(clip.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            g.setImageWidth(width);
            g.setImageHeight(height);
            g.start();
            // seek a second before the picture (FFmpeg decodes forward from the keyframe before it)
            long frameUs = 1_000_000L / fps;
            g.setTimestamp(Math.max(0, (lastIndex - 1) * 1_000_000L / fps - 1_000_000L), true);
            Frame f;
            while ((f = g.grabImage()) != null) {
                long index = Math.round(f.timestamp / (double) frameUs);
                if (index >= lastIndex) {
                    break;
                }
                // a copy: the grabber owns the buffer of the frame it returned
                held = copyOf(f);
            }
        }
        if (held == null) {
            throw new StudioException("The clip " + clip + " has no video frames. Regenerate the scene's clip.");
        }
        return held;
    }

    /**
     * Re-encodes a scene's first {@code segFrames} frames (all of them when it copies nothing): the clip decoded at
     * the output size and rate, its last frame held to fill them, its opening transition (null for none) drawn
     * over them, and its subtitles burned in over that when asked.
     */
    private void encodeScene(SceneInput scene, EditEntry edit, long segFrames, TransitionFrames opening, Path piece)
            throws Exception {
        Path clip = scene.clip();
        SubtitleBurner burner = subtitles == null || scene.cues().isEmpty()
                ? null
                : new SubtitleBurner(subtitles, scene.cues(), width, height);
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(clip.toFile());
                AnimaticEncoder enc = new AnimaticEncoder(piece, width, height, fps, null)) {
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
            long fromClip = Math.min(edit.outFrame(), segFrames);
            while (written < fromClip && (f = g.grabImage()) != null) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                last = f;
                srcIndex++;
                while (written < fromClip && written / (double) fps < srcIndex / srcFps) {
                    write(enc, last, written, burner, opening);
                    written++;
                }
            }
            if (last == null) {
                throw new StudioException("The clip " + clip + " has no video frames. Regenerate the scene's clip.");
            }
            // hold the last frame to fill the rest: a short clip, or a voiceover longer than the clip. A copy,
            // because the grabber owns the buffer of the frame it returned
            Frame held = written < segFrames ? copyOf(last) : null;
            while (written < segFrames) {
                write(enc, held, written, burner, opening);
                written++;
            }
            enc.finish();
        }
    }

    /**
     * A deep copy of a decoded YUV 4:2:0 frame with all three planes. {@code Frame.clone()} copies only up to the
     * buffer's limit, which the grabber sets to the end of the luma plane, and so would lose the picture's colour.
     */
    static Frame copyOf(Frame f) {
        Frame copy = f.clone();
        ByteBuffer src = SubtitleBurner.whole(f);
        ByteBuffer dst = ByteBuffer.allocateDirect(src.capacity());
        dst.put(src).clear();
        copy.image = new java.nio.Buffer[] {dst};
        return copy;
    }

    /** A frame of a scene: its opening transition drawn first, its subtitle over that, readable from the cut on. */
    private void write(AnimaticEncoder enc, Frame frame, long index, SubtitleBurner burner, TransitionFrames opening) {
        Frame shown = opening == null ? frame : opening.over(frame, index);
        if (burner != null) {
            shown = burner.burn(shown, index / (double) fps);
        }
        enc.writeFrame(shown, avutil.AV_PIX_FMT_YUV420P);
    }

    /**
     * The whole timeline's audio: each scene's clip audio padded to its segment, the voiceover segments at their
     * scenes' starts, and the music bed (when there is one) ducked under the voice. {@code soundOf}: per scene, the
     * clip whose own sound goes into the mix, or null for a silent one.
     */
    private MusicBed.Mixed mixTimeline(List<Path> soundOf, List<Wav> voices, List<EditEntry> edits) throws IOException {
        double total = edits.get(edits.size() - 1).timelineEnd();
        int rate = AnimaticEncoder.AUDIO_RATE;
        // voices and clips are mono; a music bed keeps its stereo image
        int ch = mix.music() == null ? AnimaticEncoder.AUDIO_CHANNELS : 2;
        short[] clipSound = new short[(int) Math.round(total * rate) * ch];
        short[] voice = new short[clipSound.length];
        for (int i = 0; i < soundOf.size(); i++) {
            EditEntry e = edits.get(i);
            int at = (int) Math.round(e.timelineStart() * rate) * ch;
            if (soundOf.get(i) != null) {
                place(
                        clipAudio(soundOf.get(i), e.timelineEnd() - e.timelineStart())
                                .conform(rate, ch)
                                .samples(),
                        clipSound,
                        at);
            }
            if (voices.get(i) != null) {
                place(voices.get(i).conform(rate, ch).samples(), voice, at);
            }
        }
        Wav music = mix.music() == null ? null : MusicBed.decode(mix.music(), total, rate, ch);
        return MusicBed.mix(new Wav(voice, rate, ch), new Wav(clipSound, rate, ch), music);
    }

    private static void place(short[] from, short[] into, int at) {
        System.arraycopy(from, 0, into, at, Math.max(0, Math.min(from.length, into.length - at)));
    }

    /** The clip's own audio as mono 48 kHz PCM16, padded or cut to the segment length. */
    public static Wav clipAudio(Path clip, double seconds) throws org.bytedeco.javacv.FrameGrabber.Exception {
        return audio(clip, seconds, AnimaticEncoder.AUDIO_CHANNELS);
    }

    /** A file's audio as 48 kHz PCM16 in its own layout (mono, or stereo for two channels or more). */
    public static Wav sourceAudio(Path file, double seconds) throws org.bytedeco.javacv.FrameGrabber.Exception {
        return audio(file, seconds, 0);
    }

    /** {@code channels} 0: as many as the file has, up to 2. */
    private static Wav audio(Path clip, double seconds, int channels)
            throws org.bytedeco.javacv.FrameGrabber.Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(clip.toFile())) {
            int ch = channels;
            if (ch == 0) {
                try (FFmpegFrameGrabber header = new FFmpegFrameGrabber(clip.toFile())) {
                    header.start();
                    ch = header.getAudioChannels() >= 2 ? 2 : 1;
                }
            }
            g.setSampleMode(org.bytedeco.javacv.FrameGrabber.SampleMode.SHORT);
            g.setSampleRate(AnimaticEncoder.AUDIO_RATE);
            g.setAudioChannels(ch);
            g.start();
            int want = (int) Math.round(seconds * AnimaticEncoder.AUDIO_RATE) * ch;
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
            return new Wav(out, AnimaticEncoder.AUDIO_RATE, ch);
        }
    }

    private static List<Path> thumbnails(Path video, double duration) throws IOException {
        List<Path> out = new ArrayList<>();
        String base = FileNames.stem(video);
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
                sb.append(n++)
                        .append('\n')
                        .append(srtTime(start))
                        .append(" --> ")
                        .append(srtTime(end))
                        .append('\n')
                        .append(c.text().strip())
                        .append("\n\n");
            }
        }
        Path srt = video.resolveSibling(FileNames.stem(video) + ".srt");
        Files.writeString(srt, sb.toString(), StandardCharsets.UTF_8);
        return srt;
    }

    static String srtTime(double seconds) {
        long ms = Math.round(seconds * 1000);
        return String.format(
                Locale.ROOT, "%02d:%02d:%02d,%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless; it is hidden and named .compose-*
        }
    }
}
