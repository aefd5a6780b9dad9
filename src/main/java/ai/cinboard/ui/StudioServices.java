package ai.cinboard.ui;

import ai.cinboard.service.ExportService;
import ai.cinboard.service.GenerationService;
import ai.cinboard.service.MediaPreviewService;
import ai.cinboard.service.ProjectService;
import ai.cinboard.service.SettingsService;

import java.util.Objects;

/** Everything the studio needs, handed over by the app layer (the composition root). */
public record StudioServices(ProjectService projects, GenerationService generation, MediaPreviewService media,
                             SettingsService settings, ExportService export) {
    public StudioServices {
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(export, "export");
    }
}
