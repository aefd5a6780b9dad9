package ai.cinboard.service.export;

/** The voiceover on the timeline's audio track, in frames like the video events (out exclusive). */
public record AudioEvent(
        String name,
        String sourceUrl,
        long sourceFrames,
        long sourceIn,
        long sourceOut,
        long recordIn,
        long recordOut) {

    public long length() {
        return recordOut - recordIn;
    }
}
