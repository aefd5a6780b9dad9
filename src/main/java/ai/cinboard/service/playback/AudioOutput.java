package ai.cinboard.service.playback;

/**
 * Where playback sends its sound: the sound card through javax.sound.sampled ({@link JavaSoundOutput}), or, in
 * tests, a sink that counts what it was given.
 */
public interface AudioOutput {
    /**
     * Opens a line for this format.
     *
     * @throws AudioUnavailableException when there is no usable audio device; playback then goes on silently
     */
    Line open(int sampleRate, int channels);

    /** An open line. {@link #write} blocks while the device's buffer is full, so the device paces the writer. */
    interface Line extends AutoCloseable {
        /** Writes {@code frames} frames of interleaved samples starting at {@code offset} (in samples). */
        void write(short[] samples, int offset, int frames);

        /** Drops what is buffered and not yet heard (pause, seek). */
        void flush();

        @Override
        void close();
    }

    /** No device, no mixer, a line that can't be opened: the reason, in one line. */
    final class AudioUnavailableException extends RuntimeException {
        public AudioUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
