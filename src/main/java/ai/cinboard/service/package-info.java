/**
 * The use-case API the studio UI is written against. Contract for implementations:
 * <ul>
 *   <li>Plain, blocking Java; no JavaFX types. The UI calls every method from a background thread, never the FX thread;
 *       implementations must be thread-safe.</li>
 *   <li>Each editing method is its own unit of work and is committed before it returns (the UI saves every edit at once).</li>
 *   <li>Failures the user can act on are thrown as {@link ai.cinboard.domain.StudioException} with a message fit to show
 *       as is; anything else is shown as a generic "failed unexpectedly" line and should be logged by the implementation.</li>
 *   <li>{@link ai.cinboard.service.GenerationService#subscribe} listeners are called on any thread; the UI marshals.</li>
 *   <li>Media URLs are those stored in the rows (local or S3); {@link ai.cinboard.service.MediaPreviewService} resolves them.</li>
 * </ul>
 */
package ai.cinboard.service;
