package ai.cinboard.pipeline;

import java.nio.file.Path;

/**
 * How media is rendered. {@code workDir} holds files while they are made, before they are moved into the
 * media store; it is safe to delete between runs.
 */
public record RenderSettings(int width, int height, int fps, int keyframesPerScene, Path workDir, int encoderThreads) {
    public RenderSettings {
        if (width < 64 || height < 64 || width > 8192 || height > 8192 || width % 2 != 0 || height % 2 != 0) {
            throw new ai.cinboard.domain.StudioException("The resolution " + width + "x" + height
                    + " can't be encoded: use even sizes of 64 to 8192, for example 1280x720.");
        }
        if (fps < 1 || fps > 60) {
            throw new ai.cinboard.domain.StudioException("The frame rate " + fps + " is out of range: use 1 to 60.");
        }
    }

    /**
     * These settings in a project's frame: the frame of that shape whose short side is this resolution's short
     * side (1920x1080 in 9:16 is 1080x1920, 1280x720 in 1:1 is 720x720). Null keeps the resolution as it is.
     */
    public RenderSettings framed(ai.cinboard.domain.AspectRatio aspect) {
        if (aspect == null) {
            return this;
        }
        int[] size = aspect.frameSize(Math.min(width, height));
        return new RenderSettings(size[0], size[1], fps, keyframesPerScene, workDir, encoderThreads);
    }

    public static RenderSettings defaults(Path workDir) {
        return new RenderSettings(
                1280, 720, 24, 3, workDir, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }
}
