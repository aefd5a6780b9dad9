package ai.cinboard.domain;

import java.time.OffsetDateTime;
import java.util.Map;

/** A row of {@code processing_statuses}: one run of one phase for one project. */
public record ProcessingStatus(
        Integer id,
        Integer inputRecordId,
        Phase phase,
        PhaseStatus status,
        Integer progressPercentage,
        Map<String, Object> phaseData,
        String errorMessage,
        Map<String, Object> errorDetails,
        OffsetDateTime createdAt,
        OffsetDateTime startedAt,
        OffsetDateTime completedAt,
        Integer durationSeconds) {

    /** {@code phaseData} may say from the start who runs the phase, e.g. a render unit and its worker; or null. */
    public static ProcessingStatus started(int inputRecordId, Phase phase, Map<String, Object> phaseData) {
        return new ProcessingStatus(
                null, inputRecordId, phase, PhaseStatus.RUNNING, 0, phaseData, null, null, null, null, null, null);
    }
}
