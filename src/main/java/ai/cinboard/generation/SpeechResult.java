package ai.cinboard.generation;

import java.nio.file.Path;
import java.util.Map;

/** A WAV file and the voice settings actually used (voice, rate, pitch). */
public record SpeechResult(Path wav, double durationSeconds, Map<String, Object> voiceSettings) {}
