package ai.cinboard.service.export;

/**
 * A sound on the timeline's audio tracks (the voiceover, a repetition of the music), in frames like the video
 * events (out exclusive), with its file's sample rate and channel count as the editor is told them.
 */
public record AudioEvent(
        String name,
        String sourceUrl,
        long sourceFrames,
        long sourceIn,
        long sourceOut,
        long recordIn,
        long recordOut,
        int sampleRate,
        int channels) {

    /** What the editor is told of the voiceover until its file is read ({@link EditorMedia} reads it): mono. */
    static final int VOICE_RATE = 48_000;

    static final int VOICE_CHANNELS = 1;

    /** What the editor is told of the music until its file is read: stereo, as the final mix takes it. */
    static final int MUSIC_RATE = 48_000;

    static final int MUSIC_CHANNELS = 2;

    public long length() {
        return recordOut - recordIn;
    }

    /** This event with the file's own sound format. */
    AudioEvent withFormat(int rate, int channelCount) {
        return new AudioEvent(
                name, sourceUrl, sourceFrames, sourceIn, sourceOut, recordIn, recordOut, rate, channelCount);
    }
}
