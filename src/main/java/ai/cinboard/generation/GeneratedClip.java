package ai.cinboard.generation;

import java.nio.file.Path;
import java.util.Map;

/** A finished clip file (H.264 + AAC MP4) and the parameters that made it. */
public record GeneratedClip(Path file, double durationSeconds, Map<String, Object> generationParams) {}
