package ai.cinboard.media.ffmpeg;

import ai.cinboard.domain.StudioException;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes the sound of any file FFmpeg reads (the voiceover's WAV, an MP3 from a speech server, a video's AAC
 * track) to interleaved PCM16 at 48 kHz stereo, the format playback sends to the sound card.
 */
public final class AudioDecoder {
    public static final int RATE = 48_000;
    public static final int CHANNELS = 2;

    static {
        MediaProbe.quietFfmpeg();
    }

    private AudioDecoder() {}

    /** A sound file's own sample rate and channel count, from its header. */
    public record Format(int sampleRate, int channels) {}

    /** The file's sound format as it is stored; empty when it has no sound. */
    public static java.util.Optional<Format> format(Path file) {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            return g.getAudioStream() >= 0 && g.getSampleRate() > 0 && g.getAudioChannels() > 0
                    ? java.util.Optional.of(new Format(g.getSampleRate(), g.getAudioChannels()))
                    : java.util.Optional.empty();
        } catch (FrameGrabber.Exception e) {
            throw new StudioException("Cannot read the sound of " + file + " (" + e.getMessage() + ").", e);
        }
    }

    /** The whole sound track; an empty one when the file has no audio stream. */
    public static Wav decode(Path file) {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.setSampleMode(FrameGrabber.SampleMode.SHORT);
            g.setSampleRate(RATE);
            g.setAudioChannels(CHANNELS);
            g.start();
            short[] out = new short[RATE * CHANNELS * 10];
            int pos = 0;
            if (g.getAudioStream() >= 0) {
                Frame f;
                while ((f = g.grabSamples()) != null) {
                    if (f.samples == null) {
                        continue;
                    }
                    ShortBuffer sb = (ShortBuffer) f.samples[0];
                    int n = sb.remaining();
                    if (pos + n > out.length) {
                        out = Arrays.copyOf(out, Math.max(out.length * 2, pos + n));
                    }
                    sb.get(out, pos, n);
                    pos += n;
                }
            }
            return new Wav(Arrays.copyOf(out, pos - pos % CHANNELS), RATE, CHANNELS);
        } catch (FrameGrabber.Exception e) {
            throw new StudioException("Cannot decode the sound of " + file + " (" + e.getMessage() + ").", e);
        }
    }
}
