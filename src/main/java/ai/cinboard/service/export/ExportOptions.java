package ai.cinboard.service.export;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Choices the CLI and the Export dialog pass in. {@code title} may be null: the edit is then named from
 * the story's first line. {@code editorUrl} turns a stored media URL into what an editor can open (a
 * file:// URL); the app passes one that resolves its MediaStore to local files. {@code fontFiles} may be
 * empty: the PDF then looks for installed fonts in the usual places.
 */
public record ExportOptions(FrameRate frameRate, int width, int height, PanelLayout panelLayout, String title,
                            UnaryOperator<String> editorUrl, List<Path> fontFiles, Clock clock) {

    public ExportOptions {
        Objects.requireNonNull(frameRate, "frameRate");
        Objects.requireNonNull(panelLayout, "panelLayout");
        Objects.requireNonNull(editorUrl, "editorUrl");
        Objects.requireNonNull(clock, "clock");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive: " + width + "x" + height);
        }
        fontFiles = List.copyOf(fontFiles);
    }

    public static ExportOptions defaults() {
        return new ExportOptions(FrameRate.DEFAULT, 1920, 1080, PanelLayout.FOUR, null,
                ExportOptions::asFileUrl, List.of(), Clock.systemUTC());
    }

    public ExportOptions withFrameRate(FrameRate rate) {
        return new ExportOptions(rate, width, height, panelLayout, title, editorUrl, fontFiles, clock);
    }

    public ExportOptions withPanelLayout(PanelLayout layout) {
        return new ExportOptions(frameRate, width, height, layout, title, editorUrl, fontFiles, clock);
    }

    public ExportOptions withTitle(String newTitle) {
        return new ExportOptions(frameRate, width, height, panelLayout, newTitle, editorUrl, fontFiles, clock);
    }

    public ExportOptions withEditorUrl(UnaryOperator<String> mapping) {
        return new ExportOptions(frameRate, width, height, panelLayout, title, mapping, fontFiles, clock);
    }

    public ExportOptions withClock(Clock newClock) {
        return new ExportOptions(frameRate, width, height, panelLayout, title, editorUrl, fontFiles, newClock);
    }

    /**
     * Default URL mapping: URLs with a scheme pass through; a bare absolute path becomes a file URL, because
     * Final Cut and Premiere only resolve media given as file:///.
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
