package ai.cinboard.ui.viewmodel;

import ai.cinboard.domain.AspectRatio;
import ai.cinboard.service.ExportService;
import ai.cinboard.service.ExportService.Format;
import ai.cinboard.service.export.ExportRequest;
import ai.cinboard.service.export.FrameRate;
import ai.cinboard.service.export.Mp4Preset;
import ai.cinboard.service.export.Mp4Quality;
import ai.cinboard.service.export.PanelLayout;
import ai.cinboard.service.export.Reframe;
import ai.cinboard.ui.task.TaskExecutor;
import ai.cinboard.ui.task.TaskHandle;
import java.nio.file.Path;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Export dialog: one format with its options, then one export running in the background with progress
 * and cancel. The same {@link ExportService} path as the {@code export} command.
 */
public final class ExportViewModel {
    private static final Set<String> TIMED_FORMATS = Set.of("fcpxml", "xmeml", "edl", "srt", "csv", "png");

    private final ExportService export;
    private final TaskExecutor executor;
    private final Notifier notifier;
    private final int projectId;
    private final String title;
    private final ObservableList<Format> formats = FXCollections.observableArrayList();
    private final ObjectProperty<Format> format = new SimpleObjectProperty<>(this, "format");
    private final ObjectProperty<FrameRate> frameRate =
            new SimpleObjectProperty<>(this, "frameRate", FrameRate.DEFAULT);
    private final ObjectProperty<PanelLayout> layout = new SimpleObjectProperty<>(this, "layout", PanelLayout.FOUR);
    private final ObjectProperty<Mp4Preset> preset = new SimpleObjectProperty<>(this, "preset", Mp4Preset.P1080);
    private final ObjectProperty<AspectRatio> aspect = new SimpleObjectProperty<>(this, "aspect", AspectRatio.WIDE);
    private final ObjectProperty<Mp4Quality> quality = new SimpleObjectProperty<>(this, "quality", Mp4Quality.MEDIUM);
    private final ObjectProperty<Reframe> reframe = new SimpleObjectProperty<>(this, "reframe", Reframe.CROP);
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final BooleanBinding mp4Chosen = formatIs(Set.of("mp4"));
    private final BooleanBinding pdfChosen = formatIs(Set.of("pdf"));
    private final BooleanBinding timedChosen = formatIs(TIMED_FORMATS);
    /** The project has a render (a final video) that its edits since can be ahead of. */
    private final BooleanProperty rendered = new SimpleBooleanProperty(this, "rendered");

    private final BooleanBinding waitsForChanges = Bindings.createBooleanBinding(
            () -> format.get() != null
                    && ExportService.waitsForChanges(format.get().id(), rendered.get()),
            format,
            rendered);
    private TaskHandle pending = TaskHandle.DONE;

    public ExportViewModel(
            ExportService export, TaskExecutor executor, Notifier notifier, int projectId, String title) {
        this.export = export;
        this.executor = executor;
        this.notifier = notifier;
        this.projectId = projectId;
        this.title = title;
        formats.setAll(export.formats());
        if (!formats.isEmpty()) {
            format.set(formats.get(0));
        }
    }

    /** A file name (or folder name for image sequences) from the project title, e.g. "The Ferry.pdf". */
    public String suggestedName() {
        String base =
                title == null ? "" : title.replaceAll("[^\\p{L}\\p{N} _-]", "").strip();
        if (base.isEmpty()) {
            base = "project-" + projectId;
        }
        Format f = format.get();
        return f == null || f.extension().isEmpty() ? base : base + "." + f.extension();
    }

    /** The project's title, for the dialog's heading. */
    public String title() {
        return title == null || title.isBlank() ? "project " + projectId : title;
    }

    /** True when the chosen format writes a folder of files rather than one file. */
    public boolean writesFolder() {
        return format.get() != null && format.get().extension().isEmpty();
    }

    public ExportRequest request() {
        return new ExportRequest(
                format.get().id(),
                frameRate.get(),
                layout.get(),
                preset.get(),
                aspect.get(),
                quality.get(),
                reframe.get());
    }

    /** Starts the export to {@code out} in the background; {@code onDone} runs on the UI thread after success. */
    public void start(Path out, Runnable onDone) {
        if (format.get() == null || running.get()) {
            return;
        }
        ExportRequest request = request();
        String label = format.get().label();
        running.set(true);
        progress.set(0);
        status.set("Starting…");
        pending = executor.submit(
                () -> {
                    export.export(
                            projectId,
                            request,
                            out,
                            (fraction, message) -> executor.runOnUi(() -> {
                                progress.set(fraction);
                                status.set(message == null ? "" : message);
                            }));
                    return out;
                },
                written -> {
                    running.set(false);
                    progress.set(1);
                    status.set("Done.");
                    notifier.info("Exported " + label + " to " + written + ".");
                    onDone.run();
                },
                e -> {
                    running.set(false);
                    String action = "Exporting " + label;
                    notifier.error(action, e);
                    status.set(Notifier.describe(action, e));
                });
    }

    public void cancel() {
        if (!running.get()) {
            return;
        }
        pending.cancel();
        running.set(false);
        status.set("Cancelled.");
        notifier.info("Export cancelled; nothing was written.");
    }

    private BooleanBinding formatIs(Set<String> ids) {
        return Bindings.createBooleanBinding(
                () -> format.get() != null && ids.contains(format.get().id()), format);
    }

    public ObservableList<Format> formats() {
        return formats;
    }

    public ObjectProperty<Format> formatProperty() {
        return format;
    }

    public ObjectProperty<FrameRate> frameRateProperty() {
        return frameRate;
    }

    public ObjectProperty<PanelLayout> layoutProperty() {
        return layout;
    }

    public ObjectProperty<Mp4Preset> presetProperty() {
        return preset;
    }

    public ObjectProperty<AspectRatio> aspectProperty() {
        return aspect;
    }

    public ObjectProperty<Mp4Quality> qualityProperty() {
        return quality;
    }

    public ObjectProperty<Reframe> reframeProperty() {
        return reframe;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** Whether the project has been rendered (see {@link ExportService#waitsForChanges}). */
    public BooleanProperty renderedProperty() {
        return rendered;
    }

    /**
     * The chosen export would go out behind edits not rendered yet, so the window offers to render them first;
     * the same rule as the {@code export} command's refusal.
     */
    public BooleanBinding waitsForChangesProperty() {
        return waitsForChanges;
    }

    public BooleanBinding mp4ChosenProperty() {
        return mp4Chosen;
    }

    public BooleanBinding pdfChosenProperty() {
        return pdfChosen;
    }

    public BooleanBinding timedChosenProperty() {
        return timedChosen;
    }
}
