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
public record ProjectSummary(
        int id, String title, RecordStatus status, String language, OffsetDateTime createdAt, String thumbnailUrl) {

    /** A story's title: a Fountain title page's Title, else its first non-blank line, shortened to 60 characters. */
    public static String titleOf(String story) {
        if (story == null || story.isBlank()) {
            return "Untitled";
        }
        for (String line : story.split("\\R")) {
            String l = line.strip();
            if (l.regionMatches(true, 0, "Title:", 0, 6) && l.length() > 6) {
                return shorten(l.substring(6).strip());
            }
        }
        return story.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .findFirst()
                .map(l -> MARKDOWN_MARKS.matcher(l).replaceAll(""))
                .map(ProjectSummary::shorten)
                .orElse("Untitled");
    }

    /** A Markdown heading's hashes and the emphasis around a line ("# The Red Kite", "**Chapter One**"). */
    private static final java.util.regex.Pattern MARKDOWN_MARKS =
            java.util.regex.Pattern.compile("^#{1,6}\\s+|^[*_]{1,3}(?=\\S)|(?<=\\S)[*_]{1,3}$|\\s+#+$");

    /** At most 60 characters, and none a terminal or a list cell would act on (the stored story is as it came). */
    private static String shorten(String line) {
        String s = line.replaceAll("\\p{Cc}", "").strip();
        return s.codePointCount(0, s.length()) <= 60 ? s : s.substring(0, s.offsetByCodePoints(0, 59)) + "…";
    }
}
