package ai.cinboard.generation;

import java.util.Optional;

/** Speaks narration and dialogue. */
public interface SpeechEngine {
    String name();

    /** Empty when the engine can be used; otherwise a sentence saying why not and what to install or set. */
    Optional<String> unavailableReason();

    SpeechResult speak(SpeechRequest request, Progress progress);
}
