/**
 * Automatic1111 / Forge image engine ({@code --api} must be on). Wiring:
 * <pre>
 * A1111ImageEngine images = new A1111ImageEngine(A1111Settings.of(URI.create(env("CINBOARD_A1111_URL"))));
 * images.listModels();   // "Test connection"
 * </pre>
 */
package ai.cinboard.generation.a1111;
