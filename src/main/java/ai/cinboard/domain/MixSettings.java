package ai.cinboard.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A project's final-mix settings, stored with the project so every re-render makes the same mix: the integrated
 * loudness target in LUFS, and the music bed (a media-store URL and the name of the file it came from), or none.
 */
public record MixSettings(double loudnessTarget, String musicUrl, String musicName) {
    public static final double DEFAULT_LOUDNESS = -14;
    /** The loudness targets offered, in LUFS: streaming, podcast, EBU R128 broadcast. */
    public static final java.util.List<Double> LOUDNESS_PRESETS = java.util.List.of(-14.0, -16.0, -23.0);

    public static final MixSettings DEFAULT = new MixSettings(DEFAULT_LOUDNESS, null, null);
    /** The keys of {@link #toMap}: what these settings own of the project's stored render settings. */
    public static final java.util.List<String> KEYS = java.util.List.of("loudness_target", "music_url", "music_name");

    /** "−23 LUFS (EBU R128 broadcast)": a preset as the window offers it. */
    public static String loudnessLabel(double target) {
        String use =
                target == -14 ? "streaming" : target == -16 ? "podcast" : target == -23 ? "EBU R128 broadcast" : null;
        return String.format(java.util.Locale.ROOT, "\u2212%.0f LUFS", -target) + (use == null ? "" : " (" + use + ")");
    }

    public boolean hasMusic() {
        return musicUrl != null;
    }

    public MixSettings withLoudness(double target) {
        return new MixSettings(target, musicUrl, musicName);
    }

    public MixSettings withMusic(String url, String name) {
        return new MixSettings(loudnessTarget, url, url == null ? null : name);
    }

    /** What of these settings determines the final video, for its fingerprint (music by content address). */
    public String fingerprintPart() {
        return "loudness " + loudnessTarget + "|music " + musicUrl;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("loudness_target", loudnessTarget);
        if (musicUrl != null) {
            m.put("music_url", musicUrl);
            m.put("music_name", musicName);
        }
        return m;
    }

    /** Reads stored settings; what is missing or unreadable takes its default. */
    public static MixSettings fromMap(Map<String, Object> m) {
        if (m == null) {
            return DEFAULT;
        }
        double target = m.get("loudness_target") instanceof Number n ? n.doubleValue() : DEFAULT_LOUDNESS;
        String url = m.get("music_url") instanceof String s && !s.isBlank() ? s : null;
        String name = m.get("music_name") instanceof String s ? s : null;
        return new MixSettings(target, url, url == null ? null : name);
    }
}
