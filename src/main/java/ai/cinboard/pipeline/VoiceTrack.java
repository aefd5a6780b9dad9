package ai.cinboard.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A voiceover's {@code voice_settings}: the voice the engine used (voice, rate, pitch, ...) and each scene's
 * spoken segment. Stored as JSONB with the voice's own keys at the top and the segments under "segments".
 */
record VoiceTrack(Map<String, Object> voice, List<Segment> segments) {
    /** One scene's narration: its speech fingerprint, the stored WAV (null when the scene is silent), its length. */
    record Segment(int sceneId, String fingerprint, String url, double seconds) {}

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
        return new VoiceTrack(voice, segments);
    }
}
