package ai.cinboard.ui.viewmodel;

import ai.cinboard.service.ProjectArchiveService;
import ai.cinboard.ui.task.TaskExecutor;
import ai.cinboard.ui.task.TaskHandle;
import java.nio.file.Path;
import java.util.function.IntConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * File ▸ Export project… and Import project…: one archive at a time, in the background, with progress and cancel.
 * The same {@link ProjectArchiveService} as {@code project export} and {@code project import}.
 */
public final class ProjectArchiveViewModel {
    private final ProjectArchiveService archives;
    private final TaskExecutor executor;
    private final Notifier notifier;
    private final ProjectModel model;
    private final IntConsumer opener;
    private final Runnable libraryRefresh;
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private TaskHandle pending = TaskHandle.DONE;

    /**
     * @param archives null where no studio stands behind the window (the in-memory demo): both actions then say so
     * @param opener opens an imported project
     * @param libraryRefresh reloads the project list after an import
     */
    public ProjectArchiveViewModel(
            ProjectArchiveService archives,
            TaskExecutor executor,
            Notifier notifier,
            ProjectModel model,
            IntConsumer opener,
            Runnable libraryRefresh) {
        this.archives = archives;
        this.executor = executor;
        this.notifier = notifier;
        this.model = model;
        this.opener = opener;
        this.libraryRefresh = libraryRefresh;
    }

    /** True when a project is open and nothing else is being exported or imported. */
    public boolean canExport() {
        return archives != null && model.projectId() != null && !running.get();
    }

    /** "The Ferry.cinboard", from the open project's title. */
    public String suggestedName() {
        String title = model.titleProperty().get();
        String base =
                title == null ? "" : title.replaceAll("[^\\p{L}\\p{N} _-]", "").strip();
        if (base.isEmpty()) {
            base = "project-" + model.projectId();
        }
        return base + "." + ProjectArchiveService.EXTENSION;
    }

    /** Exports the open project with its media to {@code file} in the background. */
    public void exportTo(Path file) {
        if (!available("Exporting a project") || running.get()) {
            return;
        }
        Integer id = model.projectId();
        if (id == null) {
            notifier.info("Open a project to export it.");
            return;
        }
        start(
                "Exporting the project",
                () -> archives.exportProject(id, file, this::report),
                s -> notifier.info(
                        "Exported the project with " + s.mediaFiles() + " media files to " + s.file() + "."));
    }

    /** Imports {@code file} as a new project in the background, then opens it. */
    public void importFrom(Path file) {
        if (!available("Importing a project") || running.get()) {
            return;
        }
        start("Importing " + file.getFileName(), () -> archives.importProject(file, this::report), s -> {
            notifier.info("Imported " + file.getFileName() + " as project " + s.projectId() + ".");
            libraryRefresh.run();
            opener.accept(s.projectId());
        });
    }

    public void cancel() {
        if (!running.get()) {
            return;
        }
        pending.cancel();
        running.set(false);
        status.set("Cancelled.");
        notifier.info("Cancelled; an export leaves no file, an import stores no project.");
    }

    private boolean available(String action) {
        if (archives == null) {
            notifier.info(action + " is not available in this window (no studio database behind it).");
            return false;
        }
        return true;
    }

    private void start(
            String action,
            java.util.concurrent.Callable<ProjectArchiveService.Summary> work,
            java.util.function.Consumer<ProjectArchiveService.Summary> done) {
        running.set(true);
        progress.set(0);
        status.set(action + "…");
        pending = executor.submit(
                work,
                s -> {
                    running.set(false);
                    progress.set(1);
                    status.set("Done.");
                    done.accept(s);
                },
                e -> {
                    running.set(false);
                    notifier.error(action, e);
                    status.set(Notifier.describe(action, e));
                });
    }

    private void report(double fraction, String message) {
        executor.runOnUi(() -> {
            progress.set(fraction);
            status.set(message == null ? "" : message);
        });
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
}
