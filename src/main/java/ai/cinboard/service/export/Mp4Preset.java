package ai.cinboard.service.export;

import ai.cinboard.domain.AspectRatio;
import java.util.Locale;

/**
 * MP4 export size, named by the short side of the frame (1080p, 720p, 480p) as video sites name them, with
 * the video bitrates (kbps, at 16:9) its {@link Mp4Quality} levels map to.
 */
public enum Mp4Preset {
    P1080(1080, 4_000, 8_000, 12_000),
    P720(720, 2_000, 4_500, 7_500),
    P480(480, 800, 1_800, 3_000);

    private final int shortSide;
    private final int lowKbps;
    private final int mediumKbps;
    private final int highKbps;

    Mp4Preset(int shortSide, int lowKbps, int mediumKbps, int highKbps) {
        this.shortSide = shortSide;
        this.lowKbps = lowKbps;
        this.mediumKbps = mediumKbps;
        this.highKbps = highKbps;
    }

    public int shortSide() {
        return shortSide;
    }

    /** "1080p", "720p", "480p": what the CLI and the dialog show. */
    public String label() {
        return shortSide + "p";
    }

    /**
     * Frame size for an aspect ratio, both sides even: 16:9 at 1080p is 1920x1080, 9:16 1080x1920, 1:1
     * 1080x1080; 480p 16:9 is 854x480.
     */
    public int[] frameSize(AspectRatio aspect) {
        return aspect.frameSize(shortSide);
    }

    /**
     * Target video bitrate in bit/s: the preset's 16:9 rate for the quality, scaled by frame area, so a 1:1
     * frame (56% of the pixels) gets 56% of the bits and 9:16 the same as 16:9.
     */
    public int videoBitrate(AspectRatio aspect, Mp4Quality quality) {
        int kbps = switch (quality) {
            case LOW -> lowKbps;
            case MEDIUM -> mediumKbps;
            case HIGH -> highKbps;
        };
        int[] wide = frameSize(AspectRatio.WIDE);
        int[] size = frameSize(aspect);
        return (int) Math.round(kbps * 1000.0 * size[0] * size[1] / (wide[0] * (double) wide[1]));
    }

    /** Parses "1080p", "1080", "720p", ... */
    public static Mp4Preset parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Mp4Preset p : values()) {
            if (t.equals(p.label()) || t.equals(String.valueOf(p.shortSide))) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown MP4 preset \"" + text + "\". Use 1080p, 720p or 480p.");
    }
}
