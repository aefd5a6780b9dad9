package ai.cinboard.domain;

import java.util.Arrays;

/** The overall state of a project, stored in {@code input_records.status}. */
public enum RecordStatus {
    PENDING("pending"),
    PROCESSING("processing"),
    /** Intake and breakdown are done; no media yet. */
    ANALYZED("analyzed"),
    COMPLETED("completed"),
    /** Input refused by validation (empty, too long, bad encoding). */
    REFUSED("refused"),
    /** Input blocked by the content policy. */
    BLOCKED("blocked"),
    FAILED("failed"),
    CANCELLED("cancelled"),
    INTERRUPTED("interrupted");

    private final String dbValue;

    RecordStatus(String dbValue) {
        this.dbValue = dbValue;
    }

    public String dbValue() {
        return dbValue;
    }

    public static RecordStatus fromDb(String value) {
        return Arrays.stream(values())
                .filter(p -> p.dbValue.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown record status in database: " + value));
    }
}
