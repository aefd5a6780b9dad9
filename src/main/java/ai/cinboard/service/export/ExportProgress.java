package ai.cinboard.service.export;

/**
 * Progress of one export, reported from the exporting thread. The CLI prints it, the Export dialog's view
 * model marshals it to the FX thread; exporters never know which.
 */
@FunctionalInterface
public interface ExportProgress {
    ExportProgress NONE = (fraction, message) -> {};

    /** @param fraction 0..1 of the work done; {@code message} says what is being written now. */
    void update(double fraction, String message);
}
