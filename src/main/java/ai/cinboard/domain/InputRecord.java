package ai.cinboard.domain;

import java.time.OffsetDateTime;
import java.util.Map;

/** A row of {@code input_records}: one story and its intake results. In the UI it is a "project". */
public record InputRecord(
        Integer id,
        Integer userId,
        String rawInput,
        Integer inputLength,
        String detectedLanguage,
        String languageConfidence,
        Map<String, Object> translationResult,
        RecordStatus status,
        Phase currentPhase,
        Map<String, Object> validationResult,
        Map<String, Object> contentPolicyCheck,
        String sessionId,
        String ipAddress,
        String userAgent,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime processedAt) {

    public static InputRecord newRecord(
            int userId, String rawInput, String sessionId, String ipAddress, String userAgent) {
        return new InputRecord(
                null,
                userId,
                rawInput,
                rawInput.codePointCount(0, rawInput.length()),
                null,
                null,
                null,
                RecordStatus.PENDING,
                null,
                null,
                null,
                sessionId,
                ipAddress,
                userAgent,
                null,
                null,
                null);
    }
}
