package ai.cinboard.service.playback;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/**
 * The sound card, through the JDK's javax.sound.sampled (ALSA on Linux; PulseAudio and PipeWire through their
 * ALSA plug-ins). Needs no library beyond the JDK: it works from the jar and the .deb alike.
 */
public final class JavaSoundOutput implements AudioOutput {
    @Override
    public Line open(int sampleRate, int channels) {
        AudioFormat format = new AudioFormat(sampleRate, 16, channels, true, false);
        SourceDataLine line;
        try {
            line = AudioSystem.getSourceDataLine(format);
            line.open(format, sampleRate * channels * 2 / 5); // 200 ms of buffer: small latency, no underruns
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new AudioUnavailableException(
                    "No audio device (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                            + ")",
                    e);
        }
        line.start();
        return new Line() {
            private byte[] bytes = new byte[0];

            @Override
            public void write(short[] samples, int offset, int frames) {
                int n = frames * channels;
                if (bytes.length < n * 2) bytes = new byte[n * 2];
                for (int i = 0; i < n; i++) {
                    short s = samples[offset + i];
                    bytes[2 * i] = (byte) s;
                    bytes[2 * i + 1] = (byte) (s >> 8);
                }
                line.write(bytes, 0, n * 2);
            }

            @Override
            public void flush() {
                line.flush();
            }

            @Override
            public void close() {
                line.stop();
                line.flush();
                line.close();
            }
        };
    }
}
