package ai.cinboard.service;

import ai.cinboard.domain.AspectRatio;
import ai.cinboard.domain.MixSettings;
import ai.cinboard.domain.SubtitleStyle;

/**
 * A project's own render settings as stored, which its next render uses: its frame ({@code aspect}; null when
 * none was chosen, so the render resolution's own shape, 16:9 by default), its final mix (loudness target
 * and music bed) and its subtitle style ({@code subtitles}; null when none was chosen: classic, burned in only
 * without a voiceover).
 */
public record RenderOptions(AspectRatio aspect, MixSettings mix, SubtitleStyle subtitles) {
    /** The frame to show: the chosen one, else 16:9. */
    public AspectRatio frame() {
        return aspect == null ? AspectRatio.WIDE : aspect;
    }
}
