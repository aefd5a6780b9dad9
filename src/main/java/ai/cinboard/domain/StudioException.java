package ai.cinboard.domain;

/**
 * A failure the user can act on. The message names the problem and what to do about it;
 * it is shown as-is in the CLI and the UI, never as a stack trace.
 */
public class StudioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StudioException(String message) {
        super(message);
    }

    public StudioException(String message, Throwable cause) {
        super(message, cause);
    }
}
