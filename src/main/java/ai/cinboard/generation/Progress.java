package ai.cinboard.generation;

/**
 * Progress of one piece of generation work, as a fraction in 0..1 and a short message.
 * Engines check {@link Thread#isInterrupted()} to honour cancellation.
 */
@FunctionalInterface
public interface Progress {
    void report(double fraction, String message);

    /**
     * A live preview of the picture being made (JPEG or PNG bytes), from engines whose servers send them (ComfyUI's
     * WebSocket, Automatic1111's progress). Called off the caller's thread, possibly many times a second.
     */
    default void preview(byte[] image) {}

    Progress NONE = (fraction, message) -> {};
}
