package ai.cinboard.generation;

/**
 * Progress of one piece of generation work, as a fraction in 0..1 and a short message.
 * Engines check {@link Thread#isInterrupted()} to honour cancellation.
 */
@FunctionalInterface
public interface Progress {
    void report(double fraction, String message);

    Progress NONE = (fraction, message) -> { };
}
