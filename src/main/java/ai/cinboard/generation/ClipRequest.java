package ai.cinboard.generation;

import java.nio.file.Path;
import java.util.List;

/**
 * One scene's clip made from its keyframes. {@code keyframeTimes} are the seconds (within the clip) at
 * which each keyframe is fully shown. {@code audio} is an optional WAV to mux; without it the clip gets
 * a silent AAC track so every clip has the same stream layout.
 */
public record ClipRequest(
        List<Path> keyframes,
        List<Double> keyframeTimes,
        double durationSeconds,
        int width,
        int height,
        int fps,
        Path audio,
        Path output) {}
