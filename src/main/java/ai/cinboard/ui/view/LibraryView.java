package ai.cinboard.ui.view;

import ai.cinboard.service.ProjectSummary;
import ai.cinboard.ui.viewmodel.LibraryViewModel;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** Project library: one entry per input record (thumbnail, title, status, language, date). */
public final class LibraryView extends BorderPane {
    public static final int THUMB_W = 128, THUMB_H = 72;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);
    private final ListView<ProjectSummary> list = new ListView<>();

    public LibraryView(LibraryViewModel vm, Thumbnails thumbnails, Runnable newProject) {
        setId("library");
        list.setId("project-list");
        list.setItems(vm.items());
        list.setFixedCellSize(THUMB_H + 20);
        list.setPlaceholder(new Label("No projects yet. Create one with New project (Ctrl+N)."));
        vm.selectedProperty().bind(list.getSelectionModel().selectedItemProperty());
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) vm.openSelected();
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) vm.openSelected();
        });
        list.setCellFactory(l -> new ListCell<>() {
            private final ImageView thumb = new ImageView();
            private final Label title = Theme.styled(new Label(), Theme.TITLE);
            private final Label meta = Theme.styled(new Label(), Theme.MUTED);
            private final HBox root;

            {
                thumb.setFitWidth(THUMB_W);
                thumb.setFitHeight(THUMB_H);
                thumb.setPreserveRatio(true);
                StackPane frame = Theme.styled(new StackPane(thumb), Theme.THUMB);
                frame.setPrefSize(THUMB_W + 4, THUMB_H + 4);
                frame.setMaxSize(THUMB_W + 4, THUMB_H + 4);
                root = new HBox(12, frame, new VBox(4, title, meta));
                root.setStyle("-fx-alignment: center-left;");
            }

            @Override
            protected void updateItem(ProjectSummary p, boolean empty) {
                super.updateItem(p, empty);
                if (empty || p == null) {
                    setGraphic(null);
                    return;
                }
                Theme.setText(title, p.title());
                meta.setText(JobsView.pretty(p.status().dbValue()) + " · "
                        + (p.language() == null
                                ? "language unknown"
                                : new Locale(p.language()).getDisplayLanguage(Locale.ENGLISH))
                        + " · " + (p.createdAt() == null ? "" : DATE.format(p.createdAt())));
                thumbnails.load(thumb, p.thumbnailUrl(), THUMB_W, THUMB_H);
                setGraphic(root);
            }
        });
        Button create = new Button("New project…");
        create.setId("new-project");
        create.setOnAction(e -> newProject.run());
        Button open = new Button("Open");
        open.setId("open-project");
        open.disableProperty().bind(vm.selectedProperty().isNull());
        open.setOnAction(e -> vm.openSelected());
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> vm.refresh());
        setTop(Theme.styled(new HBox(8, create, open, refresh), Theme.TOOLBAR));
        setCenter(list);
    }

    public ListView<ProjectSummary> list() {
        return list;
    }
}
