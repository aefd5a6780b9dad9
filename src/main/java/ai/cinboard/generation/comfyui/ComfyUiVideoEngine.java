package ai.cinboard.generation.comfyui;

import ai.cinboard.domain.StudioException;
import ai.cinboard.generation.ClipRequest;
import ai.cinboard.generation.GeneratedClip;
import ai.cinboard.generation.Progress;
import ai.cinboard.generation.VideoEngine;
import ai.cinboard.generation.remote.AtomicFiles;
import ai.cinboard.generation.remote.Consistency;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A scene's clip from its first keyframe through {@code img2vid} (Stable Video Diffusion by default).
 * <p>
 * <b>The result is not yet the port's H.264/AAC MP4.</b> MP4 encoding belongs to the media layer's FFmpeg
 * code, so this engine returns what the server made and flags it in {@code generationParams}:
 * <ul>
 *   <li>a video or animated image (webp, gif, mp4, webm …) is written next to {@code request.output()} with
 *       the server's extension, {@code container} set to that extension and {@code needs_transcode} true;</li>
 *   <li>still frames (a template ending in SaveImage) are written as {@code frame_0000.png …} into a directory
 *       next to the output, returned as the clip's file, with {@code frames_directory} true and {@code fps}.</li>
 * </ul>
 * The pipeline transcodes either into the clip MP4 (muxing {@code request.audio()}) before registering it.
 */
public final class ComfyUiVideoEngine implements VideoEngine {
    private static final Set<String> MOTION = Set.of("webp", "gif", "mp4", "webm", "mov", "mkv");

    private final ComfyUiClient client;
    private final WorkflowTemplates templates;
    private volatile Consumer<byte[]> previews = b -> { };

    public ComfyUiVideoEngine(ComfyUiClient client, WorkflowTemplates templates) {
        this.client = client;
        this.templates = templates;
    }

    public void setPreviewListener(Consumer<byte[]> listener) {
        this.previews = listener == null ? b -> { } : listener;
    }

    @Override
    public String name() {
        return "comfyui";
    }

    @Override
    public GeneratedClip clip(ClipRequest request, Progress progress) {
        if (request.keyframes() == null || request.keyframes().isEmpty()) {
            throw new StudioException("This scene has no keyframes to animate; render its keyframes first.");
        }
        ComfyUiSettings s = client.settings();
        byte[] first;
        try {
            first = Files.readAllBytes(request.keyframes().get(0));
        } catch (IOException e) {
            throw new StudioException("Cannot read the keyframe " + request.keyframes().get(0) + ": " + e.getMessage(), e);
        }
        int fps = Math.max(1, request.fps());
        int frames = (int) Math.max(1, Math.min(s.maxFrames(), Math.round(request.durationSeconds() * fps)));
        long seed = seedOf(first);
        Map<String, Object> values = ComfyUiImageEngine.baseValues(s, "", seed, request.width(), request.height(), "clip");
        values.put("frames", frames);
        values.put("fps", fps);
        progress.report(0.0, "Uploading the first keyframe");
        values.put("reference_image", client.uploadImage(first, "kf-" + Long.toHexString(seed) + ".png"));
        ComfyUiClient.Result result = client.run(templates.fill(WorkflowTemplates.IMG2VID, values), progress, previews);

        Map<String, Object> params = new LinkedHashMap<>();
        params.put("engine", name());
        params.put("template", WorkflowTemplates.IMG2VID);
        params.put("seed", seed);
        params.put("frames_requested", frames);
        params.put("fps", fps);
        params.put("prompt_id", result.promptId());
        params.put("needs_transcode", true);

        var motion = result.outputs().stream()
                .filter(o -> o.animated() || MOTION.contains(o.extension()))
                .findFirst();
        if (motion.isPresent()) {
            String ext = motion.get().extension();
            Path file = sibling(request.output(), "comfyui." + ext);
            AtomicFiles.write(file, client.view(motion.get()));
            params.put("container", ext);
            progress.report(1.0, "Clip ready");
            return new GeneratedClip(file, frames / (double) fps, params);
        }
        List<ComfyUiClient.Output> stills = new ArrayList<>(result.outputs().stream()
                .filter(o -> o.kind().equals("images")).toList());
        if (stills.isEmpty()) {
            throw new StudioException("ComfyUI finished the video workflow but returned neither a video nor frames.");
        }
        Path dir = sibling(request.output(), "frames");
        Path tmp = sibling(request.output(), "frames.part");
        try {
            deleteTree(tmp);
            Files.createDirectories(tmp);
            for (int i = 0; i < stills.size(); i++) {
                Files.write(tmp.resolve(String.format("frame_%04d.%s", i, stills.get(i).extension())), client.view(stills.get(i)));
            }
            deleteTree(dir);
            // Renamed only when every frame is down, so a cancelled run leaves no half-filled directory.
            Files.move(tmp, dir);
        } catch (IOException e) {
            throw new StudioException("Could not write the clip's frames to " + dir + ": " + e.getMessage(), e);
        } finally {
            try {
                deleteTree(tmp);
            } catch (IOException ignored) {
                // best effort
            }
        }
        params.put("frames_directory", true);
        params.put("frame_count", stills.size());
        progress.report(1.0, "Frames ready");
        return new GeneratedClip(dir, stills.size() / (double) fps, params);
    }

    private static Path sibling(Path output, String suffix) {
        String name = output.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return output.resolveSibling(stem + "." + suffix);
    }

    /** Same keyframe, same motion: the seed follows the image, in the range the other engines use. */
    private static long seedOf(byte[] image) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(image);
            return java.nio.ByteBuffer.wrap(d).getLong() & Consistency.SEED_MASK;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
