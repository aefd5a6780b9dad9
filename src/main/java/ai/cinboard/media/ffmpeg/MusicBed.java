package ai.cinboard.media.ffmpeg;

import ai.cinboard.domain.StudioException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * A music bed under the final mix: the user's file decoded by the bundled FFmpeg, looped or trimmed to the
 * video's length with a fade in and a fade out, set to sit {@link #BED_BELOW_SPEECH_LU} under the voiceover's
 * loudness and ducked a further {@link #DUCK_DB} while someone speaks.
 *
 * <p>The ducking is an envelope drawn from the voiceover itself, not a compressor: the whole voice track is known
 * before mixing, so the music can start going down before the first word instead of reacting after it. Speech is
 * found in 10 ms frames louder than 25 dB under the voice's integrated loudness; pauses shorter than
 * {@link #PAUSE_SECONDS} stay ducked, and the gain moves at most {@link #DUCK_DB} per {@link #RAMP_SECONDS}.
 */
public final class MusicBed {
    /** Where the unducked bed sits, in LU under the voiceover's integrated loudness: 18, because the true-peak limiter of the final mix takes up to 4 LU off peaky speech (espeak-ng, measured) and not off the music, and speech must stay 12 LU above the bed even where nobody speaks. */
    public static final double BED_BELOW_SPEECH_LU = 18;
    /** How much further the bed goes down while someone speaks. */
    public static final double DUCK_DB = 8;

    static final double PAUSE_SECONDS = 0.6;
    static final double RAMP_SECONDS = 0.25;
    static final double FADE_IN_SECONDS = 1.5;
    static final double FADE_OUT_SECONDS = 3;
    /** Music files larger than this are refused: a song is tens of MB at most, even as WAV. */
    static final long MAX_BYTES = 300L * 1024 * 1024;

    private static final Set<String> EXTENSIONS = Set.of("mp3", "wav", "flac", "ogg", "oga");

    /**
     * The mixed track and what went into it: the speech spans found (seconds on the timeline) and the measured
     * loudness of speech over the ducked music within them (NaN without music or speech).
     */
    public record Mixed(Wav mix, List<double[]> speechSpans, double speechOverMusicLu, double musicOnlyBelowSpeechLu) {}

    private MusicBed() {}

    /**
     * Refuses, in one line, a file that can't be a music bed: missing, a folder, not MP3/WAV/FLAC/Ogg by name, too big, or
     * without a decodable audio track. Returns the duration in seconds.
     */
    public static double validate(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (Files.isDirectory(file)) {
            // the folder exists: "does not exist" would send the user looking for a typo
            throw new StudioException(
                    "--music " + file + " is a folder. Give an audio file in it (MP3, WAV, FLAC or" + " Ogg).");
        }
        if (!Files.isRegularFile(file)) {
            throw new StudioException(
                    "--music " + file + " does not exist. Give the path of an MP3, WAV, FLAC or" + " Ogg file.");
        }
        if (!EXTENSIONS.contains(ext)) {
            throw new StudioException("--music " + name + " is not an MP3, WAV, FLAC or Ogg file. Convert it to one"
                    + " of those first.");
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new StudioException("--music " + name + " is larger than " + MAX_BYTES / (1024 * 1024)
                        + " MB. Use a compressed copy (MP3, FLAC or Ogg).");
            }
        } catch (IOException e) {
            throw new StudioException("--music " + file + " can't be read: " + e.getMessage() + ".");
        }
        MediaProbe.quietFfmpeg();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            double seconds = g.getFormatContext().duration() / 1_000_000.0;
            if (g.getAudioStream() < 0 || g.getAudioChannels() < 1) {
                throw new StudioException("--music " + name + " has no audio track. Pick a music file.");
            }
            if (g.grabSamples() == null) {
                throw new StudioException("--music " + name + " has no audio FFmpeg can decode. Re-export it.");
            }
            if (!(seconds >= 0.5)) {
                throw new StudioException("--music " + name + " is shorter than half a second. Pick a longer piece.");
            }
            return seconds;
        } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
            // JavaCV's message names its own calls, not the file's problem
            throw new StudioException("--music " + name
                    + " is damaged or not audio: FFmpeg can't read it. Re-export it as MP3, WAV," + " FLAC or Ogg.");
        }
    }

    /** The music looped or trimmed to {@code seconds}, faded in and out, as PCM at this rate and channel count. */
    public static Wav decode(Path music, double seconds, int rate, int channels) {
        Path out;
        try {
            out = Files.createTempFile("cinboard-music", ".wav");
        } catch (IOException e) {
            throw new StudioException("Cannot create a temporary audio file: " + e.getMessage() + ".", e);
        }
        try {
            double fadeIn = Math.min(FADE_IN_SECONDS, seconds / 4);
            double fadeOut = Math.min(FADE_OUT_SECONDS, seconds / 4);
            FfmpegTool.run(List.of(
                    "-y",
                    "-stream_loop",
                    "-1",
                    "-i",
                    music.toString(),
                    "-map",
                    "0:a:0",
                    "-t",
                    String.format(Locale.ROOT, "%.3f", seconds),
                    "-af",
                    String.format(
                            Locale.ROOT,
                            "afade=t=in:st=0:d=%.3f,afade=t=out:st=%.3f:d=%.3f",
                            fadeIn,
                            Math.max(0, seconds - fadeOut),
                            fadeOut),
                    "-ac",
                    String.valueOf(channels),
                    "-ar",
                    String.valueOf(rate),
                    "-c:a",
                    "pcm_s16le",
                    out.toString()));
            return Wav.read(out).fitTo(seconds);
        } finally {
            try {
                Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }

    /**
     * Mixes {@code voice} (the voiceover alone), {@code other} (the clips' own sound) and, when not null,
     * {@code music} (already fitted to the same length): the music set under the voice and ducked while it speaks.
     * The sum is scaled down only if it would clip; loudness is set afterwards by {@link Loudness}.
     */
    public static Mixed mix(Wav voice, Wav other, Wav music) {
        int rate = voice.sampleRate();
        int ch = voice.channels();
        int n = voice.samples().length;
        // float holds a sum of a few 16-bit signals exactly enough, at half the memory of a long stereo film
        float[] sum = new float[n];
        add(sum, voice.samples(), 1);
        add(sum, other.conform(rate, ch).fitTo(voice.durationSeconds()).samples(), 1);
        double speechOverMusic = Double.NaN;
        double musicOnlyBelow = Double.NaN;
        // where someone speaks matters only for ducking a bed: without one the voice is not measured at all
        List<double[]> spans = List.of();
        if (music != null) {
            Loudness.Measurement speech = Loudness.measure(voice);
            spans = speech.silent() ? List.of() : speechSpans(voice, speech.integratedLufs());
            Wav m = music.conform(rate, ch).fitTo(voice.durationSeconds());
            Loudness.Measurement ml = Loudness.measure(m);
            if (!ml.silent()) {
                // with no speech the bed is the sound: leave it at its own level, the normaliser sets the loudness
                double base = speech.silent() ? 0 : speech.integratedLufs() - BED_BELOW_SPEECH_LU - ml.integratedLufs();
                double[] gainDb = envelope(spans, m.frameCount(), rate, base);
                short[] ms = m.samples();
                short[] ducked = new short[ms.length];
                for (int i = 0; i < ms.length; i++) {
                    double g = Math.pow(10, gainDb[i / ch] / 20);
                    double v = ms[i] * g;
                    sum[i] += (float) v;
                    ducked[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
                }
                if (!spans.isEmpty()) {
                    Wav duckedMusic = new Wav(ducked, rate, ch);
                    speechOverMusic = Loudness.measure(cut(voice, spans, true)).integratedLufs()
                            - Loudness.measure(cut(duckedMusic, spans, true)).integratedLufs();
                    Wav musicOnly = cut(duckedMusic, spans, false);
                    if (musicOnly.durationSeconds() >= 1) {
                        musicOnlyBelow = speech.integratedLufs()
                                - Loudness.measure(musicOnly).integratedLufs();
                    }
                }
            }
        }
        double peak = 0;
        for (double v : sum) {
            peak = Math.max(peak, Math.abs(v));
        }
        double scale = peak > Short.MAX_VALUE ? Short.MAX_VALUE / peak : 1;
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            out[i] = (short) Math.round(sum[i] * scale);
        }
        return new Mixed(new Wav(out, rate, ch), spans, speechOverMusic, musicOnlyBelow);
    }

    private static void add(float[] sum, short[] s, double gain) {
        for (int i = 0; i < Math.min(sum.length, s.length); i++) {
            sum[i] += (float) (s[i] * gain);
        }
    }

    /** Where someone speaks, in seconds: frames within 25 dB of the voice's loudness, short pauses bridged. */
    static List<double[]> speechSpans(Wav voice, double voiceLufs) {
        double[] levels = voice.levels();
        double threshold = Math.pow(10, (voiceLufs - 25) / 20) * 32768;
        List<double[]> spans = new ArrayList<>();
        double start = -1;
        double lastActive = -1;
        for (int f = 0; f < levels.length; f++) {
            double t = f * Wav.LEVEL_FRAME_SECONDS;
            if (levels[f] > threshold) {
                if (start < 0) {
                    start = t;
                } else if (t - lastActive > PAUSE_SECONDS) {
                    spans.add(new double[] {start, lastActive + Wav.LEVEL_FRAME_SECONDS});
                    start = t;
                }
                lastActive = t;
            }
        }
        if (start >= 0) {
            spans.add(new double[] {start, lastActive + Wav.LEVEL_FRAME_SECONDS});
        }
        return spans;
    }

    /**
     * The bed's gain in dB per sample frame: {@code base} where nobody speaks, {@code base - DUCK_DB} over every
     * span, and ramps of at most DUCK_DB per RAMP_SECONDS outside the spans (so the music is already down when
     * the first word starts, and comes back up after the last).
     */
    static double[] envelope(List<double[]> spans, int frames, int rate, double base) {
        double[] g = new double[frames];
        java.util.Arrays.fill(g, base);
        for (double[] span : spans) {
            int a = Math.max(0, (int) Math.floor(span[0] * rate));
            int b = Math.min(frames, (int) Math.ceil(span[1] * rate));
            for (int i = a; i < b; i++) {
                g[i] = base - DUCK_DB;
            }
        }
        double step = DUCK_DB / (RAMP_SECONDS * rate);
        for (int i = 1; i < frames; i++) {
            g[i] = Math.min(g[i], g[i - 1] + step);
        }
        for (int i = frames - 2; i >= 0; i--) {
            g[i] = Math.min(g[i], g[i + 1] + step);
        }
        return g;
    }

    /** The parts of {@code audio} inside (or, with {@code inside} false, outside) the spans, joined. */
    static Wav cut(Wav audio, List<double[]> spans, boolean inside) {
        int rate = audio.sampleRate();
        int ch = audio.channels();
        boolean[] in = new boolean[audio.frameCount()];
        for (double[] span : spans) {
            int a = Math.max(0, (int) Math.floor(span[0] * rate));
            int b = Math.min(in.length, (int) Math.ceil(span[1] * rate));
            for (int i = a; i < b; i++) {
                in[i] = true;
            }
        }
        short[] s = audio.samples();
        short[] out = new short[s.length];
        int k = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i] == inside) {
                for (int c = 0; c < ch; c++) {
                    out[k++] = s[i * ch + c];
                }
            }
        }
        return new Wav(java.util.Arrays.copyOf(out, k), rate, ch);
    }
}
