/**
 * ComfyUI engines driven by API-format workflow templates (see assets/comfyui/README.md). Wiring:
 * <pre>
 * ComfyUiSettings s = ComfyUiSettings.of(URI.create(env("CINBOARD_COMFYUI_URL")),
 *         List.of(cinboardHome.resolve("comfyui"), appDir.resolve("assets/comfyui")));
 * ComfyUiClient client = new ComfyUiClient(s);
 * WorkflowTemplates templates = new WorkflowTemplates(s.templateDirs());
 * ComfyUiImageEngine images = new ComfyUiImageEngine(client, templates);
 * ComfyUiVideoEngine video = new ComfyUiVideoEngine(client, templates);   // H.264/AAC MP4 at the scene's length
 * client.listCheckpoints();                   // "Test connection"
 * </pre>
 */
package ai.cinboard.generation.comfyui;
