package ai.cinboard.generation;

import java.util.Map;

/** An encoded image (PNG unless {@code contentType} says otherwise) and the parameters that made it. */
public record GeneratedImage(byte[] bytes, String contentType, Map<String, Object> generationParams) {}
