package ai.cinboard.pipeline;

/**
 * A story as it arrives: the file's bytes (or pasted text as UTF-8) and where it came from.
 * {@code fileName} decides the accepted formats; pasted text uses "pasted.txt".
 */
public record StoryInput(
        byte[] bytes, String fileName, int userId, String sessionId, String ipAddress, String userAgent) {

    public static StoryInput pasted(String text, int userId) {
        return new StoryInput(
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8), "pasted.txt", userId, null, null, null);
    }
}
