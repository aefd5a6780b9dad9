package ai.cinboard.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A voiceover's {@code voice_settings}: the voice the engine used (voice, rate, pitch, ...), each scene's spoken
 * segment, and the track as mastered ahead for the final mix (null until a mastering unit made it). Stored as
 * JSONB with the voice's own keys at the top, the segments under "segments" and the mastered mix under "mastered".
 */
record VoiceTrack(Map<String, Object> voice, List<Segment> segments, Mastered mastered) {
    /** One scene's narration: its speech fingerprint, the stored WAV (null when the scene is silent), its length. */
    record Segment(int sceneId, String fingerprint, String url, double seconds) {}

    /**
     * The final mix mastered ahead of the composition ({@link MasteringPhase}): the fingerprint of what it was made
     * from (see {@link Fingerprints#mastering}), the composer's key of the mix's sound, the stored AAC track, and
     * the gain and the meter's reading of the encoded track. A reading the meter gave as -inf (silence) is -inf.
     */
    record Mastered(
            String fingerprint,
            String key,
            String url,
            double gainDb,
            double integratedLufs,
            double truePeakDbtp,
            double loudnessRange) {
        /** Its entry of {@code voice_settings}: "mastered", an object. */
        Map<String, Object> toEntry() {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("fingerprint", fingerprint);
            e.put("key", key);
            e.put("url", url);
            e.put("gain_db", finite(gainDb));
            e.put("integrated_lufs", finite(integratedLufs));
            e.put("true_peak_dbtp", finite(truePeakDbtp));
            e.put("loudness_range", finite(loudnessRange));
            return Map.of("mastered", e);
        }
    }

    VoiceTrack(Map<String, Object> voice, List<Segment> segments) {
        this(voice, segments, null);
    }

    /** The stored WAV of each scene that has one, by scene id. */
    Map<Integer, String> segmentUrls() {
        Map<Integer, String> urls = new java.util.HashMap<>();
        segments.stream().filter(s -> s.url() != null).forEach(s -> urls.put(s.sceneId(), s.url()));
        return urls;
    }

    /** A new track's {@code voice_settings}; its mastered mix is added to the row later ({@link Mastered#toEntry}). */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(voice);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Segment s : segments) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("scene_id", s.sceneId());
            e.put("fingerprint", s.fingerprint());
            e.put("url", s.url());
            e.put("seconds", s.seconds());
            list.add(e);
        }
        m.put("segments", list);
        return m;
    }

    /** JSON has no infinities. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Reads a stored track; entries it can't read are left out (the scene is then spoken again). */
    static VoiceTrack from(Map<String, Object> settings) {
        Map<String, Object> voice = new LinkedHashMap<>(settings == null ? Map.of() : settings);
        Object raw = voice.remove("segments");
        List<Segment> segments = new ArrayList<>();
        if (raw instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m
                        && m.get("scene_id") instanceof Number id
                        && m.get("seconds") instanceof Number sec) {
                    segments.add(new Segment(
                            id.intValue(),
                            m.get("fingerprint") instanceof String f ? f : null,
                            m.get("url") instanceof String u ? u : null,
                            sec.doubleValue()));
                }
            }
        }
        Mastered mastered = null;
        if (voice.remove("mastered") instanceof Map<?, ?> m
                && m.get("fingerprint") instanceof String f
                && m.get("key") instanceof String k
                && m.get("url") instanceof String u) {
            mastered = new Mastered(
                    f,
                    k,
                    u,
                    number(m.get("gain_db")),
                    number(m.get("integrated_lufs")),
                    number(m.get("true_peak_dbtp")),
                    number(m.get("loudness_range")));
        }
        return new VoiceTrack(voice, segments, mastered);
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NEGATIVE_INFINITY;
    }
}
