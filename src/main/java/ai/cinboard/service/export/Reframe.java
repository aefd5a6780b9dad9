package ai.cinboard.service.export;

/**
 * How an MP4 export fits the picture into another aspect ratio: {@link #CROP} (default) scales to cover the
 * frame and cuts the overflow evenly, keeping the centre; {@link #PAD} scales to fit and adds black bars.
 */
public enum Reframe {
    CROP,
    PAD
}
