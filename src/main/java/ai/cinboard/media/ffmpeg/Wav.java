package ai.cinboard.media.ffmpeg;

import ai.cinboard.domain.StudioException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * 16-bit PCM audio held in memory: {@code samples} are interleaved when {@code channels} is 2.
 * Voiceovers are short (minutes at most), so keeping them in a short[] is simpler and safer than streaming,
 * and a short[] is exactly what {@code ShortBuffer.wrap} needs for the recorder (a ByteBuffer view crashed the JVM).
 */
public record Wav(short[] samples, int sampleRate, int channels) {

    public Wav {
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("only mono or stereo PCM16 is supported, got " + channels + " channels");
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive");
        }
    }

    public int frameCount() {
        return samples.length / channels;
    }

    public double durationSeconds() {
        return frameCount() / (double) sampleRate;
    }

    public static Wav silence(double seconds, int sampleRate, int channels) {
        int frames = (int) Math.round(Math.max(0, seconds) * sampleRate);
        return new Wav(new short[frames * channels], sampleRate, channels);
    }

    /** Reads a RIFF/WAVE PCM16 file, skipping chunks it does not need (LIST, fact …) as espeak-ng may write them. */
    public static Wav read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StudioException(
                    "Cannot read the audio file " + file + ": " + e.getMessage()
                            + ". Check that it exists and is readable.",
                    e);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || buf.getInt(0) != 0x46464952 || buf.getInt(8) != 0x45564157) {
            throw new StudioException("The audio file " + file + " is not a WAV file. Export it as 16-bit PCM WAV.");
        }
        int pos = 12;
        int format = -1, channels = 0, rate = 0, bits = 0;
        while (pos + 8 <= bytes.length) {
            int id = buf.getInt(pos);
            int size = buf.getInt(pos + 4);
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                format = buf.getShort(body) & 0xffff;
                channels = buf.getShort(body + 2);
                rate = buf.getInt(body + 4);
                bits = buf.getShort(body + 14);
            } else if (id == 0x61746164) { // "data"
                if (format != 1 || bits != 16) {
                    throw new StudioException("The audio file " + file + " is not 16-bit PCM (format " + format + ", "
                            + bits + " bits). Convert it to 16-bit PCM WAV.");
                }
                // espeak-ng streams to stdout with size 0x7fffffff when it cannot seek; clamp to what is there
                int len = (size < 0 || body + size > bytes.length) ? bytes.length - body : size;
                short[] samples = new short[len / 2];
                buf.position(body);
                buf.asShortBuffer().get(samples, 0, samples.length);
                int usable = samples.length - samples.length % Math.max(1, channels);
                return new Wav(usable == samples.length ? samples : Arrays.copyOf(samples, usable), rate, channels);
            }
            pos = body + size + (size & 1);
        }
        throw new StudioException("The audio file " + file + " has no audio data. Re-create the voiceover.");
    }

    public void write(Path file) {
        int dataBytes = samples.length * 2;
        ByteBuffer buf = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(0x46464952).putInt(36 + dataBytes).putInt(0x45564157);
        buf.putInt(0x20746d66)
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) channels)
                .putInt(sampleRate)
                .putInt(sampleRate * channels * 2)
                .putShort((short) (channels * 2))
                .putShort((short) 16);
        buf.putInt(0x61746164).putInt(dataBytes);
        buf.asShortBuffer().put(samples);
        try {
            Files.write(file, buf.array());
        } catch (IOException e) {
            throw new StudioException(
                    "Cannot write the audio file " + file + ": " + e.getMessage()
                            + ". Check free disk space and permissions.",
                    e);
        }
    }

    /** Same audio as mono (averaging channels) or stereo (duplicating). */
    public Wav withChannels(int target) {
        if (target == channels) {
            return this;
        }
        int frames = frameCount();
        short[] out = new short[frames * target];
        for (int i = 0; i < frames; i++) {
            if (target == 1) {
                out[i] = (short) ((samples[2 * i] + samples[2 * i + 1]) / 2);
            } else {
                out[2 * i] = samples[i];
                out[2 * i + 1] = samples[i];
            }
        }
        return new Wav(out, sampleRate, target);
    }

    /**
     * Resamples by linear interpolation. espeak-ng speaks at 22.05 kHz and the video wants 44.1/48 kHz; speech
     * has little energy near those Nyquist limits, so interpolation is audibly fine and needs no filter design.
     */
    public Wav resample(int targetRate) {
        if (targetRate == sampleRate) {
            return this;
        }
        int frames = frameCount();
        int outFrames = (int) Math.round(frames * (double) targetRate / sampleRate);
        short[] out = new short[outFrames * channels];
        double step = (double) sampleRate / targetRate;
        for (int i = 0; i < outFrames; i++) {
            double src = i * step;
            int i0 = Math.min((int) src, frames - 1);
            int i1 = Math.min(i0 + 1, frames - 1);
            double frac = src - i0;
            for (int c = 0; c < channels; c++) {
                double v = samples[i0 * channels + c] * (1 - frac) + samples[i1 * channels + c] * frac;
                out[i * channels + c] = (short) Math.round(v);
            }
        }
        return new Wav(out, targetRate, channels);
    }

    /** Converts to the given rate and channel count in one go. */
    public Wav conform(int targetRate, int targetChannels) {
        return withChannels(targetChannels).resample(targetRate);
    }

    /** Pads with silence or cuts to exactly {@code seconds}. */
    public Wav fitTo(double seconds) {
        int frames = (int) Math.round(seconds * sampleRate);
        return new Wav(Arrays.copyOf(samples, frames * channels), sampleRate, channels);
    }

    /** Joins parts (conformed to the first part's format) with {@code gapSeconds} of silence between them. */
    public static Wav concat(List<Wav> parts, double gapSeconds) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to concatenate");
        }
        int rate = parts.get(0).sampleRate();
        int ch = parts.get(0).channels();
        int gap = (int) Math.round(gapSeconds * rate) * ch;
        int total = 0;
        Wav[] conformed = new Wav[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            conformed[i] = parts.get(i).conform(rate, ch);
            total += conformed[i].samples().length + (i > 0 ? gap : 0);
        }
        short[] out = new short[total];
        int pos = 0;
        for (int i = 0; i < conformed.length; i++) {
            if (i > 0) {
                pos += gap;
            }
            short[] s = conformed[i].samples();
            System.arraycopy(s, 0, out, pos, s.length);
            pos += s.length;
        }
        return new Wav(out, rate, ch);
    }

    /** Adds {@code other} (conformed to this format) into this audio starting at {@code atSeconds}, with hard limiting. */
    public Wav mix(Wav other, double atSeconds) {
        Wav o = other.conform(sampleRate, channels);
        int start = (int) Math.round(atSeconds * sampleRate) * channels;
        short[] out = samples.clone();
        for (int i = 0; i < o.samples().length && start + i < out.length; i++) {
            if (start + i >= 0) {
                int v = out[start + i] + o.samples()[i];
                out[start + i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
            }
        }
        return new Wav(out, sampleRate, channels);
    }

    /** RMS level in dBFS (0 = full-scale square wave); -120 for digital silence. */
    public double rmsDbfs() {
        if (samples.length == 0) {
            return -120;
        }
        double sum = 0;
        for (short s : samples) {
            double v = s / 32768.0;
            sum += v * v;
        }
        double rms = Math.sqrt(sum / samples.length);
        return rms <= 1e-6 ? -120 : 20 * Math.log10(rms);
    }

    /**
     * The pauses of speech, in seconds: stretches of at least {@code minSeconds} where every 10 ms frame is 35 dB
     * or more below the loudest frame (a speech engine's pauses between clauses and sentences, not the dips between
     * syllables). Leading and trailing silence count too.
     */
    public List<double[]> pauses(double minSeconds) {
        double[] levels = levels();
        double loudest = java.util.Arrays.stream(levels).max().orElse(0);
        double quiet = loudest * Math.pow(10, -35 / 20.0);
        List<double[]> out = new java.util.ArrayList<>();
        int start = -1;
        for (int f = 0; f <= levels.length; f++) {
            boolean silent = f < levels.length && levels[f] <= quiet;
            if (silent && start < 0) {
                start = f;
            } else if (!silent && start >= 0) {
                if ((f - start) * LEVEL_FRAME_SECONDS >= minSeconds) {
                    out.add(new double[] {start * LEVEL_FRAME_SECONDS, f * LEVEL_FRAME_SECONDS});
                }
                start = -1;
            }
        }
        return out;
    }

    /** The length of one frame of {@link #levels()}. */
    public static final double LEVEL_FRAME_SECONDS = 0.01;

    /** The RMS level (in sample units) of each whole 10 ms frame of the sound, its channels mixed to one. */
    public double[] levels() {
        Wav mono = withChannels(1);
        int hop = Math.max(1, (int) Math.round(LEVEL_FRAME_SECONDS * sampleRate));
        double[] rms = new double[mono.samples.length / hop];
        for (int f = 0; f < rms.length; f++) {
            double sq = 0;
            for (int i = f * hop; i < (f + 1) * hop; i++) {
                sq += (double) mono.samples[i] * mono.samples[i];
            }
            rms[f] = Math.sqrt(sq / hop);
        }
        return rms;
    }

    /** Fraction of samples at (or within one step of) full scale: a sign of clipped audio. */
    public double clippingRatio() {
        if (samples.length == 0) {
            return 0;
        }
        int clipped = 0;
        for (short s : samples) {
            if (s >= Short.MAX_VALUE - 1 || s <= Short.MIN_VALUE + 1) {
                clipped++;
            }
        }
        return clipped / (double) samples.length;
    }
}
