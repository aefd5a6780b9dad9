package ai.cinboard.generation;

/** Framing of a keyframe; the three keyframes of a scene vary it. */
public enum ShotType {
    WIDE,
    MEDIUM,
    CLOSE_UP;

    public static ShotType forSequence(int sequence) {
        return values()[Math.floorMod(sequence, values().length)];
    }
}
