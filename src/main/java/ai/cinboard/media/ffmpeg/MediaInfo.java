package ai.cinboard.media.ffmpeg;

/**
 * What {@link MediaProbe} found in a file. {@code decodedFrames} is -1 when only the header was read;
 * otherwise the number of video frames that decoded without error, and {@code decodeErrors} how many failed.
 */
public record MediaInfo(
        String videoCodec,
        String audioCodec,
        double durationSeconds,
        int width,
        int height,
        double fps,
        int decodedFrames,
        int decodeErrors,
        boolean hasAudio) {

    /** True when every video frame decoded and there was at least one. */
    public boolean decodesCleanly() {
        return decodedFrames > 0 && decodeErrors == 0;
    }
}
