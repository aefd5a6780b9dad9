package ai.cinboard.service.export;

import ai.cinboard.domain.AspectRatio;
import ai.cinboard.domain.StudioException;
import java.util.Objects;

/**
 * What the user chose in the Export dialog or on the command line. Options that do not apply to the format
 * are ignored (the layout only matters for the PDF, the MP4 choices only for MP4).
 */
public record ExportRequest(
        String format,
        FrameRate frameRate,
        PanelLayout layout,
        Mp4Preset preset,
        AspectRatio aspect,
        Mp4Quality quality,
        Reframe reframe) {

    public ExportRequest {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(frameRate, "frameRate");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(aspect, "aspect");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(reframe, "reframe");
    }

    /** The format with every option at its default (24 fps, 4 panels, 1080p 16:9 medium, crop to fill). */
    public static ExportRequest of(String format) {
        ExportOptions d = ExportOptions.defaults();
        return new ExportRequest(
                format, d.frameRate(), d.panelLayout(), d.mp4Preset(), d.aspectRatio(), d.mp4Quality(), d.reframe());
    }

    /**
     * Builds a request from typed-in text, as the CLI gets it; a null keeps the default. A value that
     * doesn't parse is a {@link StudioException} naming the accepted ones.
     */
    public static ExportRequest parse(
            String format, String fps, String layout, String preset, String aspect, String quality, boolean pad) {
        ExportRequest r = of(format);
        try {
            return new ExportRequest(
                    format,
                    fps == null ? r.frameRate : FrameRate.parse(fps),
                    layout == null ? r.layout : PanelLayout.parse(layout),
                    preset == null ? r.preset : Mp4Preset.parse(preset),
                    aspect == null ? r.aspect : AspectRatio.parse(aspect),
                    quality == null ? r.quality : Mp4Quality.parse(quality),
                    pad ? Reframe.PAD : r.reframe);
        } catch (IllegalArgumentException e) {
            throw new StudioException(e.getMessage());
        }
    }

    /** The same request in another frame (an MP4 of a vertical project is vertical unless --aspect says else). */
    public ExportRequest withAspect(AspectRatio other) {
        return new ExportRequest(format, frameRate, layout, preset, other, quality, reframe);
    }

    /** These choices applied over {@code base}, which carries what the user doesn't pick (clock, fonts...). */
    public ExportOptions applyTo(ExportOptions base) {
        return base.withFrameRate(frameRate)
                .withPanelLayout(layout)
                .withMp4(preset, aspect, quality)
                .withReframe(reframe);
    }
}
