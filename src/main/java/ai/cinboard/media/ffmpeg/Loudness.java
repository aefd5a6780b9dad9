package ai.cinboard.media.ffmpeg;

import ai.cinboard.domain.StudioException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loudness measured and set with FFmpeg's own EBU R128 meter ({@code ebur128}, BS.1770-4 K-weighting, gating and
 * 4x-oversampled true peak), run by the bundled ffmpeg program.
 *
 * <p>Normalisation is two-pass and linear: measure the integrated loudness, apply the gain that brings it to the
 * target, and let a true-peak limiter (at 192 kHz, so inter-sample peaks are seen) hold the peaks the gain
 * pushes over the ceiling. The limiter takes a little loudness off speech's peaks, so the result is measured
 * again and the gain corrected, until it is within 0.3 LU. FFmpeg's {@code loudnorm} was tried first: its linear
 * mode refuses whenever the gain would break the true-peak ceiling, which it does for any espeak-ng voiceover
 * (peaks 19 dB above its loudness), and its dynamic fallback undershot a -14 LUFS target by 2.6 LU on a 6 s
 * phrase (measured), so it is not used.
 */
public final class Loudness {
    /** The true-peak ceiling of every final mix, in dBTP. */
    public static final double TRUE_PEAK_CEILING = -1.0;

    /**
     * Where the limiter holds peaks: 0.5 dB under the ceiling, the room the AAC encoder needs (it added 0.2 to
     * 0.3 dB of true peak to limited speech, measured).
     */
    static final double LIMITER_CEILING = -1.5;

    /** The default integrated loudness target (streaming platforms), in LUFS. */
    public static final double DEFAULT_TARGET = -14;

    /** The targets offered: streaming, podcast, EBU R128 broadcast. */
    public static final List<Double> PRESETS = List.of(-14.0, -16.0, -23.0);

    /** What the meter read: integrated loudness (LUFS), true peak (dBTP) and loudness range (LU). */
    public record Measurement(double integratedLufs, double truePeakDbtp, double loudnessRange) {
        /** True for digital silence or audio below the meter's -70 LUFS absolute gate. */
        public boolean silent() {
            return integratedLufs <= -69.9;
        }
    }

    /** A normalised mix: the audio, the meter's readings before and after, and the gain applied. */
    public record Normalized(Wav audio, Measurement before, Measurement after, double gainDb, int passes) {}

    private static final Pattern INTEGRATED = Pattern.compile("I:\\s+(-?[0-9.]+|-?inf) LUFS");
    private static final Pattern LRA = Pattern.compile("LRA:\\s+(-?[0-9.]+|-?inf) LU\\b");
    private static final Pattern PEAK = Pattern.compile("Peak:\\s+(-?[0-9.]+|-?inf) dBFS");

    private Loudness() {}

    /** The first audio stream of a media file (WAV, MP4, MP3 ...), measured by {@code ebur128}. */
    public static Measurement measure(Path file) {
        String log = FfmpegTool.run(List.of(
                "-i",
                file.toString(),
                "-map",
                "0:a:0",
                "-af",
                "ebur128=peak=true:framelog=verbose",
                "-f",
                "null",
                "-"));
        int summary = log.lastIndexOf("Summary:");
        if (summary < 0) {
            throw new StudioException("FFmpeg's loudness meter gave no summary for " + file + ": "
                    + FfmpegTool.lastLine(log) + ". Check that the file has an audio track.");
        }
        String s = log.substring(summary);
        return new Measurement(number(INTEGRATED, s), number(PEAK, s), number(LRA, s));
    }

    /** In-memory audio, measured by {@code ebur128}. */
    public static Measurement measure(Wav audio) {
        Path tmp = tempWav();
        try {
            audio.write(tmp);
            return measure(tmp);
        } finally {
            delete(tmp);
        }
    }

    /**
     * Brings {@code mix} to {@code targetLufs} integrated with true peaks at or under {@link #LIMITER_CEILING}.
     * Silence is returned as it is: there is no loudness to set.
     */
    public static Normalized normalize(Wav mix, double targetLufs) {
        Path in = tempWav();
        Path out = tempWav();
        try {
            mix.write(in);
            Measurement before = measure(in);
            if (before.silent()) {
                return new Normalized(mix, before, before, 0, 1);
            }
            double gain = targetLufs - before.integratedLufs();
            Measurement after = before;
            int passes = 1;
            for (int pass = 0; pass < 4; pass++) {
                FfmpegTool.run(List.of(
                        "-y",
                        "-i",
                        in.toString(),
                        "-af",
                        String.format(
                                Locale.ROOT,
                                "volume=%.3fdB,aresample=192000,"
                                        + "alimiter=limit=%.5f:attack=1:release=50:level=false,aresample=%d",
                                gain,
                                Math.pow(10, LIMITER_CEILING / 20),
                                mix.sampleRate()),
                        "-ac",
                        String.valueOf(mix.channels()),
                        "-c:a",
                        "pcm_s16le",
                        out.toString()));
                passes++;
                after = measure(out);
                double error = targetLufs - after.integratedLufs();
                if (Math.abs(error) <= 0.3) {
                    break;
                }
                gain += error;
            }
            return new Normalized(Wav.read(out), before, after, gain, passes);
        } finally {
            delete(in);
            delete(out);
        }
    }

    /** The target a user typed: one of the presets, given as -14, -16 or -23 (a leading minus is optional). */
    public static double parseTarget(String text) {
        try {
            double v = -Math.abs(Double.parseDouble(text.strip()));
            for (double p : PRESETS) {
                if (Math.abs(p - v) < 1e-9) {
                    return p;
                }
            }
        } catch (NumberFormatException ignored) {
            // falls through to the message
        }
        throw new StudioException("--loudness \"" + text + "\" is not a loudness target: use -14 (streaming, the"
                + " default), -16 (podcast) or -23 (EBU R128 broadcast).");
    }

    private static double number(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new StudioException(
                    "FFmpeg's loudness meter printed a summary this build can't read: " + FfmpegTool.lastLine(text));
        }
        String v = m.group(1);
        return v.endsWith("inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(v);
    }

    private static Path tempWav() {
        try {
            return Files.createTempFile("cinboard-loudness", ".wav");
        } catch (IOException e) {
            throw new StudioException(
                    "Cannot create a temporary audio file: " + e.getMessage() + ". Check free space in "
                            + System.getProperty("java.io.tmpdir") + ".",
                    e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }
}
