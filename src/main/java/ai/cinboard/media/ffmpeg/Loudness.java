package ai.cinboard.media.ffmpeg;

import ai.cinboard.domain.MixSettings;
import ai.cinboard.domain.StudioException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * again and the gain corrected, until it is within {@link #TOLERANCE_LU}. FFmpeg's {@code loudnorm} was tried first: its linear
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

    /** How close to the target a mix must come: half a LU (streaming platforms accept one either way). */
    static final double TOLERANCE_LU = 0.5;

    private static final int MAX_PASSES = 5;

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
        return summary(log, file);
    }

    /** The meter's closing summary in an FFmpeg log. */
    private static Measurement summary(String log, Path file) {
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
     * Brings {@code mix} to {@code targetLufs} integrated with true peaks at or under {@link #LIMITER_CEILING}, as
     * 16-bit PCM. Silence is returned as it is: there is no loudness to set.
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
            Search found =
                    search(in, before, targetLufs, LIMITER_CEILING, mix, List.of("-c:a", "pcm_s16le", out.toString()));
            return new Normalized(Wav.read(out), before, found.after(), found.gainDb(), found.passes());
        } finally {
            delete(in);
            delete(out);
        }
    }

    /**
     * The final mix as delivered: {@code mix} brought to {@code targetLufs} and encoded to AAC in an MP4
     * ({@code aac}), with the loudness and true peak measured on the encoded track itself. The encoder adds a few
     * tenths of a dB of true peak; when that crosses {@link #TRUE_PEAK_CEILING} the limiter is lowered by the
     * excess and the track made again.
     */
    public static Mastered master(Wav mix, double targetLufs, Path aac) {
        Path in = tempWav();
        try {
            mix.write(in);
            Measurement before = measure(in);
            if (before.silent()) {
                encodeAac(in, null, mix, aac);
                return new Mastered(before, measure(aac), 0, 1);
            }
            double limiter = LIMITER_CEILING;
            int passes = 0;
            for (int attempt = 0; ; attempt++) {
                Search found = search(in, before, targetLufs, limiter, mix, List.of("-f", "null", "-"));
                encodeAac(in, chain(found.gainDb(), limiter, mix.sampleRate()), mix, aac);
                Measurement delivered = measure(aac);
                passes += found.passes() + 1;
                double excess = delivered.truePeakDbtp() - TRUE_PEAK_CEILING;
                if (excess <= 0 || attempt == 2) {
                    return new Mastered(before, delivered, found.gainDb(), passes);
                }
                limiter -= excess + 0.2;
            }
        } finally {
            delete(in);
        }
    }

    /** What {@link #master} delivered: the meter's readings of the input and of the encoded track, and the gain. */
    public record Mastered(Measurement before, Measurement delivered, double gainDb, int passes) {}

    /** The gain that met the target, the meter's reading of the result, and how many limiter passes it took. */
    private record Search(double gainDb, Measurement after, int passes) {}

    /**
     * Finds the gain that brings the limited audio to the target. Each pass applies a gain and the limiter and
     * measures the result in the same FFmpeg run ({@code ebur128} passes the audio on to {@code output}). The
     * limiter takes loudness off the peaks, more the harder it is driven: for espeak-ng's voice near -14 LUFS,
     * 1 dB of gain gave 0.4 LU (measured). So the first correction assumes half a LU per dB when the gain drives
     * peaks into the limiter (a full one when it doesn't), later ones follow the slope of the last two readings,
     * and once readings lie on both sides of the target the gain is interpolated between them: two or three
     * passes where stepping by the error took five.
     */
    private static Search search(
            Path in, Measurement before, double target, double limiterDb, Wav format, List<String> output) {
        double gain = target - before.integratedLufs();
        double slope = before.truePeakDbtp() + gain <= limiterDb ? 1 : 0.5;
        double[] last = null;
        double[] below = null;
        double[] above = null;
        double applied = gain;
        Measurement after = before;
        int passes = 0;
        while (passes < MAX_PASSES) {
            applied = gain;
            List<String> args = new ArrayList<>(List.of(
                    "-y",
                    "-i",
                    in.toString(),
                    "-af",
                    chain(gain, limiterDb, format.sampleRate()) + ",ebur128=peak=true:framelog=verbose",
                    "-ac",
                    String.valueOf(format.channels())));
            args.addAll(output);
            after = summary(FfmpegTool.run(args), in);
            passes++;
            double lufs = after.integratedLufs();
            if (Math.abs(target - lufs) <= TOLERANCE_LU) {
                break;
            }
            double[] reading = {gain, lufs};
            if (lufs < target) {
                below = reading;
            } else {
                above = reading;
            }
            if (below != null && above != null && above[1] > below[1]) {
                gain = below[0] + (target - below[1]) * (above[0] - below[0]) / (above[1] - below[1]);
            } else {
                if (last != null && gain != last[0]) {
                    slope = Math.max(0.2, Math.min(1, (lufs - last[1]) / (gain - last[0])));
                }
                gain += (target - lufs) / slope;
            }
            last = reading;
        }
        return new Search(applied, after, passes);
    }

    /** Gain, then a true-peak limiter at 192 kHz (so inter-sample peaks are seen), back at the mix's own rate. */
    private static String chain(double gainDb, double limiterDb, int rate) {
        return String.format(
                Locale.ROOT,
                "volume=%.3fdB,aresample=192000,alimiter=limit=%.5f:attack=1:release=50:level=false,aresample=%d",
                gainDb,
                Math.pow(10, limiterDb / 20),
                rate);
    }

    /**
     * AAC at 128 kb/s in an MP4, by the command-line encoder with its fast coder: a third of the time of the
     * default two-loop search (0.6 s against 1.7 s for 40 s of speech, measured) and, for speech at this rate, no
     * audible difference.
     */
    private static void encodeAac(Path in, String filter, Wav format, Path aac) {
        List<String> args = new ArrayList<>(List.of("-y", "-i", in.toString()));
        if (filter != null) {
            args.addAll(List.of("-af", filter));
        }
        args.addAll(List.of(
                "-ac",
                String.valueOf(format.channels()),
                "-ar",
                String.valueOf(format.sampleRate()),
                "-c:a",
                "aac",
                "-aac_coder",
                "fast",
                "-b:a",
                "128k",
                "-f",
                "mp4",
                aac.toString()));
        FfmpegTool.run(args);
    }

    /** The target a user typed: one of the presets, given as -14, -16 or -23 (a leading minus is optional). */
    public static double parseTarget(String text) {
        try {
            double v = -Math.abs(Double.parseDouble(text.strip()));
            for (double p : MixSettings.LOUDNESS_PRESETS) {
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
