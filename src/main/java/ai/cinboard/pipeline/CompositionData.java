package ai.cinboard.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.List;
import java.util.Map;

/**
 * A final video's {@code composition_data}: how it was encoded, its edit list (which part of which clip sits
 * where on the timeline) and its subtitle cues, the same cues the SRT and the burned-in subtitles show.
 * Stored as JSONB with snake_case keys.
 */
public record CompositionData(
        int width,
        int height,
        int fps,
        String videoCodec,
        String audioCodec,
        String srtUrl,
        boolean burnedSubtitles,
        int copiedScenes,
        List<EditRow> editList,
        List<CueRow> cues,
        long encodeMillis,
        long joinMillis,
        List<String> warnings,
        LoudnessRow loudness,
        MusicRow music) {

    /**
     * The final mix's loudness as FFmpeg's ebur128 meter read it from the encoded video: the target, the
     * integrated loudness and true peak reached, the gain the normaliser applied, and whether the mix was mastered
     * ahead, by the render's mastering unit, rather than by the composition.
     */
    public record LoudnessRow(
            double targetLufs, Double integratedLufs, Double truePeakDbtp, double gainDb, boolean masteredAhead) {
        /** JSON has no infinities: a silent mix's -inf true peak (and anything else not finite) is stored as null. */
        public static LoudnessRow of(
                double target, double integrated, double truePeak, double gain, boolean masteredAhead) {
            return new LoudnessRow(target, finite(integrated), finite(truePeak), gain, masteredAhead);
        }

        private static Double finite(double v) {
            return Double.isFinite(v) ? v : null;
        }
    }

    /**
     * The music bed: its media-store URL and file name, the length of the music file, the timeline it spans (0 to {@code seconds}), where
     * someone speaks over it (seconds, [start, end] pairs), and the measured speech-over-music margin while
     * someone speaks and where nobody does (null when there was no speech to measure).
     */
    public record MusicRow(
            String url,
            String name,
            double sourceSeconds,
            double seconds,
            Double speechOverMusicLu,
            Double musicOnlyBelowSpeechLu,
            List<List<Double>> speechSpans) {}

    public record EditRow(
            int index,
            int sceneId,
            int clipId,
            String clipUrl,
            double inSeconds,
            double outSeconds,
            long inFrame,
            long outFrame,
            double timelineStart,
            double timelineEnd,
            double heldSeconds,
            double voiceoverSeconds) {}

    /** A subtitle on the final timeline, in seconds. */
    public record CueRow(double start, double end, String text) {}

    private static final ObjectMapper SNAKE =
            new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    @SuppressWarnings("unchecked")
    public Map<String, Object> toMap() {
        return SNAKE.convertValue(this, Map.class);
    }
}
