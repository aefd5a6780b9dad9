package ai.cinboard.text.policy;

/** A content-policy checker. {@code language} is the detected ISO 639-1 code, or null if unknown. */
public interface ContentPolicy {
    PolicyVerdict check(String text, String language);
}
