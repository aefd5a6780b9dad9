package ai.cinboard.generation;

import java.nio.file.Path;

/** Text to speak in {@code language} (ISO 639-1); {@code voice} may be null to let the engine choose by language. */
public record SpeechRequest(String text, String language, String voice, int rate, int pitch, Path output) {}
