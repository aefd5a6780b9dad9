package ai.cinboard.ui.view;

import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.service.JobInfo;
import ai.cinboard.service.JobPhase;
import ai.cinboard.ui.viewmodel.JobsViewModel;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Jobs: every job with its phases (progress, elapsed, error); Retry and Cancel. */
public final class JobsView extends BorderPane {
    /** A row: a job (phase null) or one of its phases. */
    public record Row(JobInfo job, JobPhase phase) {
        String name() {
            if (phase == null) return job.title();
            // A team render's phase names the worker running it.
            return pretty(phase.phase().dbValue()) + (phase.worker() == null ? "" : " · on " + phase.worker());
        }

        PhaseStatus status() {
            return phase == null ? job.status() : phase.status();
        }

        double progress() {
            return (phase == null ? job.progress() : phase.progress()) / 100.0;
        }

        String elapsed() {
            Duration d = phase == null
                    ? job.phases().stream().map(JobPhase::elapsed).reduce(Duration.ZERO, Duration::plus)
                    : phase.elapsed();
            return d == null || d.isZero() ? "" : String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
        }

        String error() {
            if (phase != null) return phase.error() == null ? "" : phase.error();
            return job.phases().stream()
                    .map(JobPhase::error)
                    .filter(e -> e != null && !e.isBlank())
                    .findFirst()
                    .orElse("");
        }
    }

    private static final double PREVIEW_WIDTH = 256;
    private final JobsViewModel vm;
    private final TreeTableView<Row> table = new TreeTableView<>();

    public JobsView(JobsViewModel vm) {
        this.vm = vm;
        setId("jobs");
        table.setId("jobs-table");
        table.setShowRoot(false);
        table.setRoot(new TreeItem<>());
        table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TreeTableColumn<Row, String> name = new TreeTableColumn<>("Job / phase");
        name.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(c.getValue().getValue().name()));
        name.setPrefWidth(300);
        name.setCellFactory(c -> new javafx.scene.control.TreeTableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                Theme.setText(this, empty ? null : s);
            }
        });
        TreeTableColumn<Row, PhaseStatus> status = new TreeTableColumn<>("Status");
        status.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue().status()));
        status.setCellFactory(c -> new TreeTableCell<>() {
            @Override
            protected void updateItem(PhaseStatus s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeAll(Theme.STATUS_OK, Theme.STATUS_FAILED, Theme.STATUS_RUNNING);
                setText(empty || s == null ? null : pretty(s.dbValue()));
                if (!empty && s != null) {
                    getStyleClass()
                            .add(
                                    switch (s) {
                                        case COMPLETED, SKIPPED -> Theme.STATUS_OK;
                                        case FAILED, BLOCKED, CANCELLED, INTERRUPTED -> Theme.STATUS_FAILED;
                                        default -> Theme.STATUS_RUNNING;
                                    });
                }
            }
        });
        status.setPrefWidth(110);
        TreeTableColumn<Row, Double> progress = new TreeTableColumn<>("Progress");
        progress.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue().progress()));
        progress.setCellFactory(c -> new TreeTableCell<>() {
            private final ProgressBar bar = new ProgressBar();

            {
                bar.setMaxWidth(Double.MAX_VALUE);
            }

            @Override
            protected void updateItem(Double p, boolean empty) {
                super.updateItem(p, empty);
                if (empty || p == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                bar.setProgress(p);
                setGraphic(bar);
            }
        });
        progress.setPrefWidth(170);
        TreeTableColumn<Row, String> elapsed = new TreeTableColumn<>("Elapsed");
        elapsed.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(c.getValue().getValue().elapsed()));
        elapsed.setPrefWidth(80);
        TreeTableColumn<Row, String> error = new TreeTableColumn<>("Error");
        error.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(c.getValue().getValue().error()));
        error.setCellFactory(c -> new TreeTableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
                Theme.toggle(this, Theme.ERROR_TEXT, true);
                setTooltip(empty || s == null || s.isEmpty() ? null : new javafx.scene.control.Tooltip(s));
            }
        });
        error.setPrefWidth(320);
        table.getColumns().setAll(java.util.List.of(name, status, progress, elapsed, error));
        table.setPlaceholder(new javafx.scene.control.Label("No jobs yet"));
        vm.jobs().addListener((ListChangeListener<JobInfo>) c -> rebuild());
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, a, item) -> vm.selectedProperty()
                        .set(
                                item == null || item.getValue() == null
                                        ? null
                                        : item.getValue().job()));

        Button retry = new Button("Retry");
        retry.setId("retry-job");
        retry.setOnAction(e -> vm.retry(vm.selectedProperty().get()));
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-job");
        cancel.setOnAction(e -> vm.cancel(vm.selectedProperty().get()));
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> vm.refresh());
        vm.selectedProperty().addListener((o, a, j) -> {
            retry.setDisable(!JobsViewModel.canRetry(j));
            cancel.setDisable(!JobsViewModel.canCancel(j));
        });
        retry.setDisable(true);
        cancel.setDisable(true);
        setTop(Theme.styled(new HBox(8, retry, cancel, refresh), Theme.TOOLBAR));
        setCenter(table);
        setRight(previewPane());
        rebuild();
    }

    public TreeTableView<Row> table() {
        return table;
    }

    /** The selected running job's latest engine preview: small frames, and only the newest one reaches this thread. */
    private VBox previewPane() {
        ImageView view = new ImageView();
        view.setId("job-preview");
        view.setPreserveRatio(true);
        view.setFitWidth(PREVIEW_WIDTH);
        Label caption = new Label("Live preview");
        VBox pane = new VBox(6, caption, view);
        pane.setPadding(new javafx.geometry.Insets(8));
        pane.setPrefWidth(PREVIEW_WIDTH + 16);
        pane.managedProperty().bind(pane.visibleProperty());
        pane.setVisible(false);
        vm.previewProperty().addListener((o, was, bytes) -> {
            if (bytes == null) {
                view.setImage(null);
                pane.setVisible(false);
                return;
            }
            Image image = new Image(new ByteArrayInputStream(bytes), PREVIEW_WIDTH, 0, true, true);
            if (!image.isError()) {
                view.setImage(image);
                pane.setVisible(true);
            }
        });
        return pane;
    }

    private void rebuild() {
        Set<String> collapsed = new HashSet<>();
        String selectedId = vm.selectedProperty().get() == null
                ? null
                : vm.selectedProperty().get().jobId();
        for (TreeItem<Row> t : table.getRoot().getChildren())
            if (!t.isExpanded()) collapsed.add(t.getValue().job().jobId());
        table.getRoot().getChildren().clear();
        TreeItem<Row> toSelect = null;
        for (JobInfo j : vm.jobs()) {
            TreeItem<Row> item = new TreeItem<>(new Row(j, null));
            for (JobPhase p : j.phases()) item.getChildren().add(new TreeItem<>(new Row(j, p)));
            item.setExpanded(
                    !collapsed.contains(j.jobId()) && (!j.status().isFinished() || j.status() == PhaseStatus.FAILED));
            table.getRoot().getChildren().add(item);
            if (j.jobId().equals(selectedId)) toSelect = item;
        }
        if (toSelect != null) table.getSelectionModel().select(toSelect);
    }

    static String pretty(String db) {
        String s = db.replace('_', ' ');
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
