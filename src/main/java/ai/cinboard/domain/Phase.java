package ai.cinboard.domain;

import java.util.Arrays;

/** A pipeline phase, stored in {@code processing_statuses.phase} and {@code input_records.current_phase}. */
public enum Phase {
    VALIDATION("validation"),
    LANGUAGE_DETECTION("language_detection"),
    TRANSLATION("translation"),
    CONTENT_POLICY("content_policy"),
    SCENE_BREAKDOWN("scene_breakdown"),
    CHARACTERS("characters"),
    KEYFRAMES("keyframes"),
    VOICEOVER("voiceover"),
    CLIPS("clips"),
    COMPOSITION("composition");

    private final String dbValue;

    Phase(String dbValue) {
        this.dbValue = dbValue;
    }

    public String dbValue() {
        return dbValue;
    }

    public boolean isIntake() {
        return ordinal() <= SCENE_BREAKDOWN.ordinal();
    }

    public static Phase fromDb(String value) {
        return Arrays.stream(values())
                .filter(p -> p.dbValue.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown phase in database: " + value));
    }
}
