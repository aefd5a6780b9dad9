package ai.cinboard.service.playback;

/** Decoded sound: interleaved signed 16-bit samples. */
public record PcmAudio(short[] samples, int sampleRate, int channels) {
    public PcmAudio {
        if (sampleRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("sample rate and channels must be positive");
        }
    }

    public long frames() {
        return samples.length / channels;
    }

    public double seconds() {
        return (double) frames() / sampleRate;
    }
}
