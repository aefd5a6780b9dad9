package ai.cinboard.domain;

import java.util.Arrays;

/** The state of one phase run, stored in {@code processing_statuses.status}. */
public enum PhaseStatus {
    PENDING("pending"),
    RUNNING("running"),
    COMPLETED("completed"),
    SKIPPED("skipped"),
    FAILED("failed"),
    BLOCKED("blocked"),
    CANCELLED("cancelled"),
    /** Left "running" by a process that died; set at start-up so the phase can be resumed. */
    INTERRUPTED("interrupted");

    private final String dbValue;

    PhaseStatus(String dbValue) {
        this.dbValue = dbValue;
    }

    public String dbValue() {
        return dbValue;
    }

    public boolean isFinished() {
        return this != PENDING && this != RUNNING;
    }

    public static PhaseStatus fromDb(String value) {
        return Arrays.stream(values())
                .filter(p -> p.dbValue.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown phase status in database: " + value));
    }
}
