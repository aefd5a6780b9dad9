package ai.cinboard.cache;

import java.time.Duration;

/**
 * The cache key patterns and TTLs of the database spec ("Redis Cache Schema"), defined once, here.
 * Every caller builds its keys through these methods.
 */
public final class CacheKeys {
    public static final Duration TRANSLATION_TTL = Duration.ofSeconds(3600);
    public static final Duration CHARACTER_TTL = Duration.ofSeconds(7200);
    public static final Duration KEYFRAME_TTL = Duration.ofSeconds(1800);
    public static final Duration VIDEO_CLIP_TTL = Duration.ofSeconds(3600);
    public static final Duration VOICEOVER_TTL = Duration.ofSeconds(1800);
    public static final Duration STATUS_TTL = Duration.ofSeconds(300);
    public static final Duration SESSION_TTL = Duration.ofSeconds(1800);
    public static final Duration USER_SESSIONS_TTL = Duration.ofSeconds(3600);

    private CacheKeys() {}

    public static String translation(String textHash, String sourceLang, String targetLang) {
        return "translation:" + textHash + ":" + sourceLang + ":" + targetLang;
    }

    public static String character(String characterHash) {
        return "character:" + characterHash;
    }

    public static String characterConsistency(String consistencyKey) {
        return "character:consistency:" + consistencyKey;
    }

    public static String keyframe(String keyframeHash) {
        return "keyframe:" + keyframeHash;
    }

    public static String keyframeScene(int sceneId) {
        return "keyframe:scene:" + sceneId;
    }

    public static String videoClip(String clipId) {
        return "video:clip:" + clipId;
    }

    public static String videoScene(int sceneId) {
        return "video:scene:" + sceneId;
    }

    public static String voiceover(String textHash, String voiceSettings) {
        return "voiceover:" + textHash + ":" + voiceSettings;
    }

    public static String voiceoverLanguage(String language) {
        return "voiceover:language:" + language;
    }

    public static String status(int inputId) {
        return "status:" + inputId;
    }

    public static String statusPhase(int inputId, String phase) {
        return "status:phase:" + inputId + ":" + phase;
    }

    public static String session(String sessionId) {
        return "session:" + sessionId;
    }

    public static String userActiveSessions(int userId) {
        return "user:" + userId + ":active_sessions";
    }
}
