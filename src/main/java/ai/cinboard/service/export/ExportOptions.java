package ai.cinboard.service.export;

import ai.cinboard.domain.AspectRatio;
import ai.cinboard.domain.SubtitleStyle;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Choices the CLI and the Export dialog pass in. {@code title} may be null: the edit is then named from
 * the story's first line. {@code fontFiles} may be
 * empty: the PDF then looks for installed fonts in the usual places. The MP4 export uses {@code mp4Preset},
 * {@code aspectRatio}, {@code mp4Quality} and {@code reframe} (default 1080p, 16:9, medium, centre crop).
 * {@code subtitles} is the project's subtitle style, null for none chosen: the editor formats' captions take its
 * look, and an edit not rendered yet pages its cues as the render would.
 */
public record ExportOptions(
        FrameRate frameRate,
        int width,
        int height,
        PanelLayout panelLayout,
        String title,
        List<Path> fontFiles,
        Clock clock,
        Mp4Preset mp4Preset,
        AspectRatio aspectRatio,
        Mp4Quality mp4Quality,
        Reframe reframe,
        SubtitleStyle subtitles) {

    public ExportOptions {
        Objects.requireNonNull(frameRate, "frameRate");
        Objects.requireNonNull(panelLayout, "panelLayout");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(mp4Preset, "mp4Preset");
        Objects.requireNonNull(aspectRatio, "aspectRatio");
        Objects.requireNonNull(mp4Quality, "mp4Quality");
        Objects.requireNonNull(reframe, "reframe");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive: " + width + "x" + height);
        }
        fontFiles = List.copyOf(fontFiles);
    }

    public static ExportOptions defaults() {
        return new ExportOptions(
                FrameRate.DEFAULT,
                1920,
                1080,
                PanelLayout.FOUR,
                null,
                List.of(),
                Clock.systemUTC(),
                Mp4Preset.P1080,
                AspectRatio.WIDE,
                Mp4Quality.MEDIUM,
                Reframe.CROP,
                null);
    }

    public ExportOptions withFrameRate(FrameRate rate) {
        return new ExportOptions(
                rate,
                width,
                height,
                panelLayout,
                title,
                fontFiles,
                clock,
                mp4Preset,
                aspectRatio,
                mp4Quality,
                reframe,
                subtitles);
    }

    public ExportOptions withPanelLayout(PanelLayout layout) {
        return new ExportOptions(
                frameRate,
                width,
                height,
                layout,
                title,
                fontFiles,
                clock,
                mp4Preset,
                aspectRatio,
                mp4Quality,
                reframe,
                subtitles);
    }

    public ExportOptions withTitle(String newTitle) {
        return new ExportOptions(
                frameRate,
                width,
                height,
                panelLayout,
                newTitle,
                fontFiles,
                clock,
                mp4Preset,
                aspectRatio,
                mp4Quality,
                reframe,
                subtitles);
    }

    public ExportOptions withClock(Clock newClock) {
        return new ExportOptions(
                frameRate,
                width,
                height,
                panelLayout,
                title,
                fontFiles,
                newClock,
                mp4Preset,
                aspectRatio,
                mp4Quality,
                reframe,
                subtitles);
    }

    /** The MP4 size, shape and quality in one call, e.g. {@code withMp4(P720, VERTICAL, HIGH)}. */
    public ExportOptions withMp4(Mp4Preset preset, AspectRatio aspect, Mp4Quality quality) {
        return new ExportOptions(
                frameRate,
                width,
                height,
                panelLayout,
                title,
                fontFiles,
                clock,
                preset,
                aspect,
                quality,
                reframe,
                subtitles);
    }

    public ExportOptions withReframe(Reframe mode) {
        return new ExportOptions(
                frameRate,
                width,
                height,
                panelLayout,
                title,
                fontFiles,
                clock,
                mp4Preset,
                aspectRatio,
                mp4Quality,
                mode,
                subtitles);
    }

    public ExportOptions withSubtitles(SubtitleStyle style) {
        return new ExportOptions(
                frameRate,
                width,
                height,
                panelLayout,
                title,
                fontFiles,
                clock,
                mp4Preset,
                aspectRatio,
                mp4Quality,
                reframe,
                style);
    }

    /** The style the captions take: the project's, or the classic one a project without one is shown in. */
    public SubtitleStyle subtitleLook() {
        return subtitles == null ? SubtitleStyle.CLASSIC : subtitles;
    }

    /**
     * A media file as an editor timeline names it: URLs with a scheme pass through; a bare path becomes a file URL,
     * because Final Cut and Premiere only resolve media given as file:///.
     */
    public static String asFileUrl(String url) {
        if (url == null || url.isBlank()) {
            return url;
        }
        if (url.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return url;
        }
        return Path.of(url).toAbsolutePath().normalize().toUri().toString();
    }
}
