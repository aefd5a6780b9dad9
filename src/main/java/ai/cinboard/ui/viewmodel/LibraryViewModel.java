package ai.cinboard.ui.viewmodel;

import ai.cinboard.service.ProjectService;
import ai.cinboard.service.ProjectSummary;
import ai.cinboard.ui.task.TaskExecutor;
import java.util.function.IntConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Project library: one entry per input record. */
public final class LibraryViewModel {
    private final ProjectService projects;
    private final TaskExecutor executor;
    private final Notifier notifier;
    private final ObservableList<ProjectSummary> items = FXCollections.observableArrayList();
    private final ObjectProperty<ProjectSummary> selected = new SimpleObjectProperty<>(this, "selected");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final IntConsumer opener;

    /** @param opener opens a project by id (the studio view model) */
    public LibraryViewModel(ProjectService projects, TaskExecutor executor, Notifier notifier, IntConsumer opener) {
        this.projects = projects;
        this.executor = executor;
        this.notifier = notifier;
        this.opener = opener;
    }

    public void refresh() {
        loading.set(true);
        executor.submit(
                projects::listProjects,
                list -> {
                    loading.set(false);
                    items.setAll(list);
                },
                e -> {
                    loading.set(false);
                    notifier.error("Listing projects", e);
                });
    }

    public void openSelected() {
        ProjectSummary s = selected.get();
        if (s != null) opener.accept(s.id());
    }

    public ObservableList<ProjectSummary> items() {
        return items;
    }

    public ObjectProperty<ProjectSummary> selectedProperty() {
        return selected;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }
}
