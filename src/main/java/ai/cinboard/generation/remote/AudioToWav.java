package ai.cinboard.generation.remote;

import ai.cinboard.domain.StudioException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Makes any audio a speech server answers with into a PCM WAV the mixer can read. Servers are asked for WAV
 * but several (older Kokoro-FastAPI, some LocalAI backends) send MP3 anyway, so the bytes decide, not the
 * request. A WAV passes through after its header is checked; streaming WAVs whose RIFF/data sizes are the
 * "unknown" placeholder 0xFFFFFFFF are patched to the real length.
 */
public final class AudioToWav {

    /** A WAV file and what its header says. */
    public record Wav(byte[] bytes, int sampleRate, int channels, int bitsPerSample, double durationSeconds) {}

    private AudioToWav() {}

    public static boolean looksLikeWav(byte[] b) {
        return b.length >= 12
                && b[0] == 'R'
                && b[1] == 'I'
                && b[2] == 'F'
                && b[3] == 'F'
                && b[8] == 'W'
                && b[9] == 'A'
                && b[10] == 'V'
                && b[11] == 'E';
    }

    /** WAV in, checked WAV out; anything else is decoded with FFmpeg to 16-bit PCM. */
    public static Wav toWav(byte[] audio, String engine) {
        if (audio == null || audio.length == 0) {
            throw new StudioException(engine + ": the speech server answered with no audio. Check the voice and "
                    + "speech model settings.");
        }
        return looksLikeWav(audio) ? checkWav(audio, engine) : decode(audio, engine);
    }

    static Wav checkWav(byte[] wav, String engine) {
        ByteBuffer bb = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int format = 0;
        while (pos + 8 <= wav.length) {
            String id = new String(wav, pos, 4, java.nio.charset.StandardCharsets.US_ASCII);
            long size = Integer.toUnsignedLong(bb.getInt(pos + 4));
            if (id.equals("fmt ") && pos + 24 <= wav.length) {
                format = Short.toUnsignedInt(bb.getShort(pos + 8));
                channels = Short.toUnsignedInt(bb.getShort(pos + 10));
                rate = bb.getInt(pos + 12);
                bits = Short.toUnsignedInt(bb.getShort(pos + 22));
            } else if (id.equals("data")) {
                if (channels == 0 || rate <= 0 || bits == 0) {
                    break;
                }
                // PCM (1), IEEE float (3) or WAVE_FORMAT_EXTENSIBLE (0xFFFE) are all readable by the mixer.
                if (format != 1 && format != 3 && format != 0xFFFE) {
                    throw new StudioException(engine + ": the speech server sent a WAV in an unsupported encoding ("
                            + "format tag " + format + "). Ask for PCM WAV or MP3 in the server's settings.");
                }
                long available = wav.length - (pos + 8L);
                byte[] out = wav;
                if (size > available) {
                    // Streamed WAV: sizes were unknown when the header was written.
                    out = wav.clone();
                    ByteBuffer ob = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
                    ob.putInt(pos + 4, (int) available);
                    ob.putInt(4, out.length - 8);
                    size = available;
                }
                double seconds = size / (double) (rate * channels * (bits / 8));
                return new Wav(out, rate, channels, bits, seconds);
            }
            pos += 8 + (int) Math.min(size + (size & 1), Integer.MAX_VALUE - pos - 8);
        }
        throw new StudioException(engine + ": the speech server sent a damaged WAV (no usable fmt/data chunks).");
    }

    static Wav decode(byte[] audio, String engine) {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        int channels;
        int rate;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(audio), 0)) {
            grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_S16);
            grabber.start();
            channels = grabber.getAudioChannels();
            rate = grabber.getSampleRate();
            if (channels <= 0 || rate <= 0) {
                throw new StudioException(engine + ": the speech server's answer has no audio stream.");
            }
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new GenerationCancelledException(engine);
                }
                appendSamples(frame, pcm);
            }
            grabber.stop();
        } catch (StudioException e) {
            throw e;
        } catch (Exception e) {
            throw new StudioException(
                    engine + ": could not decode the audio the speech server sent (" + e.getMessage()
                            + "). Ask it for WAV (response_format) or choose another speech model.",
                    e);
        }
        byte[] data = pcm.toByteArray();
        return new Wav(
                wavHeader(data, rate, channels), rate, channels, 16, data.length / (double) (rate * channels * 2));
    }

    private static void appendSamples(Frame frame, ByteArrayOutputStream pcm) {
        Buffer[] planes = frame.samples;
        if (planes == null || planes.length == 0) {
            return;
        }
        // Packed formats come as one buffer; planar ones (one buffer per channel) are interleaved here.
        int n = planes[0].limit();
        for (int i = 0; i < n; i++) {
            for (Buffer plane : planes) {
                short s = sample(plane, i);
                pcm.write(s & 0xFF);
                pcm.write((s >> 8) & 0xFF);
            }
        }
    }

    private static short sample(Buffer b, int i) {
        if (b instanceof ShortBuffer sb) {
            return sb.get(i);
        }
        if (b instanceof FloatBuffer fb) {
            float f = Math.max(-1f, Math.min(1f, fb.get(i)));
            return (short) Math.round(f * Short.MAX_VALUE);
        }
        if (b instanceof ByteBuffer bb) {
            return bb.order(ByteOrder.LITTLE_ENDIAN).getShort(i * 2);
        }
        throw new IllegalStateException("unexpected sample buffer " + b.getClass());
    }

    /** A canonical 44-byte PCM16 header followed by the samples. */
    public static byte[] wavHeader(byte[] pcm16, int sampleRate, int channels) {
        ByteBuffer b = ByteBuffer.allocate(44 + pcm16.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(36 + pcm16.length)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) channels)
                .putInt(sampleRate)
                .putInt(sampleRate * channels * 2)
                .putShort((short) (channels * 2))
                .putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(pcm16.length)
                .put(pcm16);
        return b.array();
    }
}
