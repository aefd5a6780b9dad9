/**
 * Plumbing shared by the remote engines (OpenAI-compatible, ComfyUI, Automatic1111).
 * <ul>
 *   <li>{@link ai.cinboard.generation.remote.RemoteHttp}: per-engine limiter, timeouts, retries with backoff and
 *       jitter on 429/5xx (Retry-After honoured), user-facing errors, cancel by thread interrupt.</li>
 *   <li>{@link ai.cinboard.generation.remote.HttpSettings}: the knobs the settings UI exposes for each engine.</li>
 *   <li>{@link ai.cinboard.generation.remote.Consistency}: seed and prompt block from a consistency key, identical
 *       on every remote engine.</li>
 *   <li>{@link ai.cinboard.generation.remote.JsonSchemaValidator}, {@link ai.cinboard.generation.remote.AudioToWav},
 *       {@link ai.cinboard.generation.remote.ImageBytes}, {@link ai.cinboard.generation.remote.AtomicFiles}.</li>
 * </ul>
 * Cancellation contract: interrupt the worker thread. The engine aborts the HTTP exchange, tells the server
 * to stop, re-sets the interrupt flag and throws {@link ai.cinboard.generation.remote.GenerationCancelledException}
 * (a StudioException); nothing partial is returned or written.
 */
package ai.cinboard.generation.remote;
