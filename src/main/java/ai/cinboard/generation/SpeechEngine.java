package ai.cinboard.generation;

import java.util.Optional;

/** Speaks narration and dialogue. */
public interface SpeechEngine {
    String name();

    /**
     * Everything about this engine that changes what it makes: kind, model, steps, voice. Part of every
     * fingerprint, so switching a model makes its artefacts stale and two studios never share a cache entry.
     */
    default String identity() {
        return name();
    }

    /**
     * {@link #identity()} for speech in {@code language}: an engine that prepares some languages' text in a way of
     * its own says so here, so a change to it makes exactly those languages' voiceovers stale.
     */
    default String identity(String language) {
        return identity();
    }

    /** Empty when the engine can be used; otherwise a sentence saying why not and what to install or set. */
    Optional<String> unavailableReason();

    SpeechResult speak(SpeechRequest request, Progress progress);

    /**
     * Speech switched off ({@code CINBOARD_SPEECH_ENGINE=none}): renders go on without a voiceover, and the final
     * video carries its subtitles burned in.
     */
    static SpeechEngine none() {
        return new SpeechEngine() {
            @Override
            public String name() {
                return "none";
            }

            @Override
            public Optional<String> unavailableReason() {
                return Optional.of("Speech is switched off (CINBOARD_SPEECH_ENGINE=none).");
            }

            @Override
            public SpeechResult speak(SpeechRequest request, Progress progress) {
                throw new ai.cinboard.domain.StudioException("Speech is switched off (CINBOARD_SPEECH_ENGINE=none). "
                        + "Set it to local or openai to get a voiceover.");
            }
        };
    }
}
