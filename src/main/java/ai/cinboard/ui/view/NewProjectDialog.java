package ai.cinboard.ui.view;

import ai.cinboard.ui.viewmodel.NewProjectViewModel;
import java.io.File;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** New project: paste or import; shows language and policy verdict before anything is generated. */
public final class NewProjectDialog {
    private final Stage stage = new Stage();

    public NewProjectDialog(NewProjectViewModel vm, Window owner, boolean dark) {
        stage.setTitle("New project");
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        TextArea text = new TextArea();
        text.setId("new-project-text");
        text.setWrapText(true);
        text.setPromptText("Paste a story or a screenplay (Fountain) in any language…");
        text.textProperty().bindBidirectional(vm.textProperty());
        VBox.setVgrow(text, Priority.ALWAYS);
        Label file = Theme.styled(new Label(), Theme.MUTED);
        file.textProperty().bind(vm.fileNameProperty().map(n -> "Imported " + n).orElse("Pasted text"));
        Button importButton = new Button("Import file…");
        importButton.setId("import-file");
        importButton.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.getExtensionFilters()
                    .add(new FileChooser.ExtensionFilter(
                            "Stories (*.fountain, *.fdx, *.txt, *.md)", "*.fountain", "*.fdx", "*.txt", "*.md"));
            File f = fc.showOpenDialog(stage);
            if (f != null) vm.importFile(f.toPath());
        });
        Button analyze = new Button("Analyse");
        analyze.setId("analyze");
        analyze.disableProperty().bind(vm.busyProperty());
        analyze.setOnAction(e -> vm.analyze());
        Label verdict = new Label();
        verdict.setId("verdict");
        verdict.setWrapText(true);
        verdict.textProperty().bind(vm.verdictProperty());
        vm.previewProperty().addListener((o, a, p) -> {
            Theme.toggle(verdict, Theme.VERDICT_OK, p != null && p.canRender());
            Theme.toggle(verdict, Theme.VERDICT_BLOCKED, p != null && !p.canRender());
        });
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(22, 22);
        busy.visibleProperty().bind(vm.busyProperty());
        Button create = new Button("Create and render");
        create.setId("create-project");
        create.setDefaultButton(true);
        create.disableProperty().bind(vm.canCreateProperty().not());
        create.setOnAction(e -> {
            vm.create();
            stage.close();
        });
        Button cancel = new Button("Cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> {
            vm.cancel();
            stage.close();
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = Theme.styled(new HBox(8, importButton, file), Theme.TOOLBAR);
        HBox bottom = Theme.styled(new HBox(8, analyze, busy, spacer, cancel, create), Theme.TOOLBAR);
        VBox center = Theme.styled(
                new VBox(8, text, Theme.styled(new Label("Before generation"), Theme.TITLE), verdict), Theme.PANEL);
        BorderPane root = new BorderPane(center, top, null, bottom, null);
        Scene scene = new Scene(root, 720, 520);
        Theme.apply(scene, dark);
        stage.setScene(scene);
    }

    public Stage stage() {
        return stage;
    }

    public void show() {
        stage.show();
    }
}
