package ai.cinboard.generation.comfyui;

import ai.cinboard.domain.Sha256;
import ai.cinboard.generation.CharacterLook;
import ai.cinboard.generation.CharacterSheetRequest;
import ai.cinboard.generation.GeneratedImage;
import ai.cinboard.generation.ImageEngine;
import ai.cinboard.generation.KeyframeRequest;
import ai.cinboard.generation.Progress;
import ai.cinboard.generation.remote.Consistency;
import ai.cinboard.generation.remote.ImageBytes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Character sheets from {@code txt2img}; keyframes from {@code img2img_reference} when a character in the
 * frame has a reference image (uploaded, then used as the init latent with {@code denoise}), otherwise
 * {@code txt2img}. Prompts and seeds come from {@link Consistency}, so they match the other remote engines.
 */
public final class ComfyUiImageEngine implements ImageEngine {
    private final ComfyUiClient client;
    private final WorkflowTemplates templates;

    public ComfyUiImageEngine(ComfyUiClient client, WorkflowTemplates templates) {
        this.client = client;
        this.templates = templates;
    }

    @Override
    public String name() {
        return "comfyui";
    }

    @Override
    public GeneratedImage characterSheet(CharacterSheetRequest request, Progress progress) {
        CharacterLook look = request.character();
        String prompt = Consistency.characterSheetPrompt(look, request.variation());
        long seed = Consistency.characterSheetSeed(look, request.variation());
        // Variations of an existing sheet start from the front view so they stay the same person.
        Optional<CharacterLook> anchor =
                request.variation() > 0 && look.referencePng() != null ? Optional.of(look) : Optional.empty();
        return render(prompt, seed, request.width(), request.height(), anchor, "sheet", progress);
    }

    @Override
    public GeneratedImage keyframe(KeyframeRequest request, Progress progress) {
        return render(
                Consistency.keyframePrompt(request),
                Consistency.keyframeSeed(request),
                request.width(),
                request.height(),
                Consistency.anchor(request),
                "keyframe",
                progress);
    }

    private GeneratedImage render(
            String prompt,
            long seed,
            int width,
            int height,
            Optional<CharacterLook> anchor,
            String kind,
            Progress progress) {
        ComfyUiSettings s = client.settings();
        Map<String, Object> values = baseValues(s, prompt, seed, width, height, kind);
        String template = WorkflowTemplates.TXT2IMG;
        if (anchor.isPresent()) {
            progress.report(0.0, "Uploading " + anchor.get().name() + "'s reference");
            values.put("reference_image", client.uploadImage(anchor.get().referencePng(), referenceName(anchor.get())));
            template = WorkflowTemplates.IMG2IMG_REFERENCE;
        }
        ComfyUiClient.Result result = client.run(templates.fill(template, values), progress, progress::preview);
        ComfyUiClient.Output out = result.outputs().stream()
                .filter(o -> o.kind().equals("images"))
                .findFirst()
                .orElse(result.outputs().get(0));
        byte[] bytes = client.view(out);
        String type = ImageBytes.requireImage(bytes, ComfyUiClient.ENGINE, "the output " + out.filename());
        progress.report(1.0, "Image ready");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("engine", name());
        params.put("template", template);
        params.put("prompt", prompt);
        params.put("seed", seed);
        params.put("checkpoint", s.checkpoint());
        params.put("prompt_id", result.promptId());
        anchor.ifPresent(a -> params.put("reference_character", a.consistencyKey()));
        return new GeneratedImage(bytes, type, params);
    }

    static Map<String, Object> baseValues(
            ComfyUiSettings s, String prompt, long seed, int width, int height, String kind) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("prompt", prompt);
        v.put("negative_prompt", s.negativePrompt() == null ? "" : s.negativePrompt());
        v.put("seed", seed);
        v.put("width", width);
        v.put("height", height);
        v.put("steps", s.steps());
        v.put("cfg", s.cfg());
        v.put("denoise", s.referenceDenoise());
        v.put("checkpoint", s.checkpoint());
        v.put("video_checkpoint", s.videoCheckpoint());
        v.put("filename_prefix", "cinboard/" + kind);
        return v;
    }

    /** Content-addressed, so re-uploading the same reference overwrites one file instead of piling up copies. */
    static String referenceName(CharacterLook look) {
        return "ref-" + Sha256.hexOf(look.referencePng()).substring(0, 16) + ".png";
    }
}
