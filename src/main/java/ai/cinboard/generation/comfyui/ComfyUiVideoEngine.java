package ai.cinboard.generation.comfyui;

import ai.cinboard.domain.FileNames;
import ai.cinboard.domain.Sha256;
import ai.cinboard.domain.StudioException;
import ai.cinboard.generation.ClipRequest;
import ai.cinboard.generation.GeneratedClip;
import ai.cinboard.generation.Progress;
import ai.cinboard.generation.VideoEngine;
import ai.cinboard.generation.remote.AtomicFiles;
import ai.cinboard.generation.remote.Consistency;
import ai.cinboard.media.ffmpeg.MediaInfo;
import ai.cinboard.media.ffmpeg.MotionClipEncoder;
import ai.cinboard.media.ffmpeg.Wav;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scene's clip from its first keyframe through {@code img2vid} (Stable Video Diffusion by default), made into
 * the port's H.264 + AAC MP4 at the scene's length by {@link MotionClipEncoder}.
 * <p>
 * The server's output may be a video or animated image (APNG, GIF, MP4, WebM …) or a run of still frames (a
 * template ending in SaveImage); either is downloaded next to {@code request.output()}, encoded, and removed. The
 * MP4 appears at {@code request.output()} only when it is complete, so a cancelled run registers nothing.
 */
public final class ComfyUiVideoEngine implements VideoEngine {
    private static final Set<String> MOTION = Set.of("webp", "gif", "apng", "mp4", "webm", "mov", "mkv");

    private final ComfyUiClient client;
    private final WorkflowTemplates templates;

    public ComfyUiVideoEngine(ComfyUiClient client, WorkflowTemplates templates) {
        this.client = client;
        this.templates = templates;
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
            throw new StudioException(
                    "Cannot read the keyframe " + request.keyframes().get(0) + ": " + e.getMessage(), e);
        }
        int fps = Math.max(1, request.fps());
        int frames = (int) Math.max(1, Math.min(s.maxFrames(), Math.round(request.durationSeconds() * fps)));
        long seed = seedOf(first);
        Map<String, Object> values =
                ComfyUiImageEngine.baseValues(s, "", seed, request.width(), request.height(), "clip");
        values.put("frames", frames);
        values.put("fps", fps);
        progress.report(0.0, "Uploading the first keyframe");
        values.put("reference_image", client.uploadImage(first, "kf-" + Long.toHexString(seed) + ".png"));
        // Live preview frames go to the caller's progress, which knows whose job they belong to.
        ComfyUiClient.Result result =
                client.run(templates.fill(WorkflowTemplates.IMG2VID, values), progress, progress::preview);

        Map<String, Object> params = new LinkedHashMap<>();
        params.put("engine", name());
        params.put("template", WorkflowTemplates.IMG2VID);
        params.put("seed", seed);
        params.put("frames_requested", frames);
        params.put("fps", fps);
        params.put("prompt_id", result.promptId());

        var motion = result.outputs().stream()
                .filter(o -> o.animated() || MOTION.contains(o.extension()))
                .findFirst();
        Path source;
        if (motion.isPresent()) {
            // SaveAnimatedPNG names its APNG ".png"; FFmpeg would read that as a still.
            String ext = motion.get().extension().equals("png")
                    ? "apng"
                    : motion.get().extension();
            source = sibling(request.output(), "comfyui." + ext);
            AtomicFiles.write(source, client.view(motion.get()));
            params.put("source", ext);
        } else {
            List<ComfyUiClient.Output> stills = result.outputs().stream()
                    .filter(o -> o.kind().equals("images"))
                    .toList();
            if (stills.isEmpty()) {
                throw new StudioException(
                        "ComfyUI finished the video workflow but returned neither a video nor frames.");
            }
            source = downloadFrames(stills, sibling(request.output(), "frames"));
            params.put("source", "frames");
            params.put("source_frames", stills.size());
        }
        progress.report(0.95, "Encoding the clip");
        try {
            Wav audio = request.audio() == null ? null : Wav.read(request.audio());
            MediaInfo info = MotionClipEncoder.encode(
                    source, request.output(), request.width(), request.height(), fps, request.durationSeconds(), audio);
            progress.report(1.0, "Clip ready");
            return new GeneratedClip(request.output(), info.durationSeconds(), params);
        } finally {
            try {
                deleteTree(source);
            } catch (IOException ignored) {
                // a leftover download in the work folder is harmless
            }
        }
    }

    private Path downloadFrames(List<ComfyUiClient.Output> stills, Path dir) {
        try {
            deleteTree(dir);
            Files.createDirectories(dir);
            for (int i = 0; i < stills.size(); i++) {
                ComfyUiClient.Output o = stills.get(i);
                Files.write(dir.resolve(String.format("frame_%04d.%s", i, o.extension())), client.view(o));
            }
            return dir;
        } catch (IOException e) {
            throw new StudioException("Could not write the clip's frames to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path sibling(Path output, String suffix) {
        return FileNames.withExtension(output, suffix);
    }

    /** Same keyframe, same motion: the seed follows the image, in the range the other engines use. */
    private static long seedOf(byte[] image) {
        return java.nio.ByteBuffer.wrap(Sha256.of(image)).getLong() & Consistency.SEED_MASK;
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
