package ai.cinboard.service;

import ai.cinboard.domain.RecordStatus;

import java.time.OffsetDateTime;

/**
 * One entry of the project library: one {@code input_records} row.
 *
 * @param id           input record id
 * @param title        a short title (first scene heading or first line of the story)
 * @param status       the record's overall status
 * @param language     detected language (ISO 639-1) or null when not yet detected
 * @param createdAt    when the record was created
 * @param thumbnailUrl media URL of a thumbnail (final video or first keyframe), or null
 */
public record ProjectSummary(int id, String title, RecordStatus status, String language,
                             OffsetDateTime createdAt, String thumbnailUrl) {
}
