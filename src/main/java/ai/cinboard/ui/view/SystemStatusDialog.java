package ai.cinboard.ui.view;

import ai.cinboard.ui.viewmodel.SystemStatusViewModel;
import ai.cinboard.ui.viewmodel.SystemStatusViewModel.Row;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.stage.Window;

/** System status: health, pool usage, cache hit rate, slow statements and row counts; refreshed on demand. */
public final class SystemStatusDialog {
    private final Stage stage = new Stage();

    public SystemStatusDialog(SystemStatusViewModel vm, Window owner, boolean dark) {
        stage.setTitle("System status");
        if (owner != null) stage.initOwner(owner);
        TableView<Row> table = new TableView<>(vm.rows());
        table.setId("system-status-table");
        table.getColumns().add(column("Section", 150, Row::section));
        table.getColumns().add(column("Item", 220, Row::name));
        table.getColumns().add(column("Value", 520, Row::value));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label error = Theme.styled(new Label(), Theme.ERROR_TEXT);
        error.textProperty().bind(vm.errorProperty());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(22, 22);
        busy.visibleProperty().bind(vm.loadingProperty());
        Button refresh = new Button("Refresh");
        refresh.setId("system-status-refresh");
        refresh.disableProperty().bind(vm.loadingProperty());
        refresh.setOnAction(e -> vm.refresh());
        Button close = new Button("Close");
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bottom = Theme.styled(new HBox(8, refresh, busy, error, spacer, close), Theme.TOOLBAR);
        Scene scene = new Scene(new BorderPane(table, null, null, bottom, null), 900, 560);
        Theme.apply(scene, dark);
        stage.setScene(scene);
    }

    private static TableColumn<Row, String> column(String title, double width, Function<Row, String> value) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        return c;
    }

    public Stage stage() {
        return stage;
    }

    /** Shows the dialog and loads fresh figures in the background. */
    public void show(SystemStatusViewModel vm) {
        stage.show();
        vm.refresh();
    }
}
