package ai.cinboard.ui;

import ai.cinboard.service.ExportService;
import ai.cinboard.service.GenerationService;
import ai.cinboard.service.MediaPreviewService;
import ai.cinboard.service.ProjectArchiveService;
import ai.cinboard.service.ProjectService;
import ai.cinboard.service.SettingsService;
import ai.cinboard.service.SystemStatusService;
import ai.cinboard.service.playback.PlaybackDevices;
import java.util.Objects;

/**
 * Everything the studio needs, handed over by the app layer (the composition root).
 *
 * @param system health and figures for the status bar and the System status view; null where there is no real
 *               studio behind the window (the in-memory demo), which then shows no health
 * @param playback the sound output and clock that timeline playback runs on
 * @param archives project archives (File ▸ Export project… / Import project…); null where there is no real studio
 *               behind the window, which then says so when they are chosen
 */
public record StudioServices(
        ProjectService projects,
        GenerationService generation,
        MediaPreviewService media,
        SettingsService settings,
        ExportService export,
        SystemStatusService system,
        ProjectArchiveService archives,
        PlaybackDevices playback) {

    public StudioServices(
            ProjectService projects,
            GenerationService generation,
            MediaPreviewService media,
            SettingsService settings,
            ExportService export,
            SystemStatusService system,
            ProjectArchiveService archives) {
        this(projects, generation, media, settings, export, system, archives, PlaybackDevices.standard());
    }

    public StudioServices(
            ProjectService projects,
            GenerationService generation,
            MediaPreviewService media,
            SettingsService settings,
            ExportService export,
            SystemStatusService system) {
        this(projects, generation, media, settings, export, system, null);
    }

    /** The same services on other playback devices (tests: a counting sound sink and a clock they move). */
    public StudioServices withPlayback(PlaybackDevices devices) {
        return new StudioServices(projects, generation, media, settings, export, system, archives, devices);
    }

    public StudioServices(
            ProjectService projects,
            GenerationService generation,
            MediaPreviewService media,
            SettingsService settings,
            ExportService export) {
        this(projects, generation, media, settings, export, null, null);
    }

    public StudioServices {
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(export, "export");
        Objects.requireNonNull(playback, "playback");
    }
}
