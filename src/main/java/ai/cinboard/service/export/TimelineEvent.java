package ai.cinboard.service.export;

/**
 * One video event on the timeline: a scene's clip, or one keyframe held as a still where the scene has no
 * clip. All times are frames at the edit's rate. Source in/out are inside the media file; record in/out are
 * on the timeline, counted from the timeline's start (exporters add their own start timecode).
 * Out points are exclusive, as in CMX3600 and xmeml: length = out - in.
 */
public record TimelineEvent(
        int number,
        Kind kind,
        String name,
        String sourceUrl,
        long sourceFrames,
        long sourceIn,
        long sourceOut,
        long recordIn,
        long recordOut,
        int sceneIndex,
        int shotNumber) {

    public enum Kind {
        CLIP,
        STILL
    }

    public TimelineEvent {
        if (sourceOut - sourceIn != recordOut - recordIn
                || recordOut <= recordIn
                || sourceIn < 0
                || sourceOut > sourceFrames) {
            throw new IllegalArgumentException("inconsistent event " + number + ": src " + sourceIn + "-" + sourceOut
                    + " of " + sourceFrames + ", rec " + recordIn + "-" + recordOut);
        }
    }

    public long length() {
        return recordOut - recordIn;
    }
}
