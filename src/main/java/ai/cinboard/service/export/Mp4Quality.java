package ai.cinboard.service.export;

import java.util.Locale;

/** The MP4 export's quality choice; each {@link Mp4Preset} maps it to a target video bitrate. */
public enum Mp4Quality {
    LOW,
    MEDIUM,
    HIGH;

    public static Mp4Quality parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (Mp4Quality q : values()) {
            if (q.name().equals(t)) {
                return q;
            }
        }
        throw new IllegalArgumentException("Unknown quality \"" + text + "\". Use low, medium or high.");
    }
}
