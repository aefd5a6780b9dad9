package ai.cinboard.service;

import ai.cinboard.domain.AspectRatio;
import ai.cinboard.domain.MixSettings;

/**
 * A project's own render settings as stored, which its next render uses: its frame ({@code aspect}; null when
 * none was chosen, so the render resolution's own shape, 16:9 by default) and its final mix (loudness target
 * and music bed).
 */
public record RenderOptions(AspectRatio aspect, MixSettings mix) {
    /** The frame to show: the chosen one, else 16:9. */
    public AspectRatio frame() {
        return aspect == null ? AspectRatio.WIDE : aspect;
    }
}
