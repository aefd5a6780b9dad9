package ai.cinboard.ui.view;

import ai.cinboard.domain.AspectRatio;
import ai.cinboard.service.ExportService.Format;
import ai.cinboard.service.export.Mp4Preset;
import ai.cinboard.service.export.Mp4Quality;
import ai.cinboard.service.export.PanelLayout;
import ai.cinboard.service.export.Reframe;
import ai.cinboard.ui.viewmodel.ExportViewModel;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

/** Export: choose a format and its options, pick where, then watch progress (cancel stops it). */
public final class ExportDialog {
    private final Stage stage = new Stage();
    private final ExportViewModel vm;
    private final Function<String, Path> target;
    /** Runs the start of an export that waits for changes, perhaps after offering to render them first. */
    private java.util.function.Consumer<Runnable> beforeExport = Runnable::run;

    /** {@code target} picks the output from the suggested name; null asks with the native file or folder dialog. */
    public ExportDialog(ExportViewModel vm, Window owner, boolean dark, Function<String, Path> target) {
        this.vm = vm;
        this.target = target;
        stage.setTitle("Export");
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        VBox form = new VBox(8);
        ChoiceBox<Format> format = choice("export-format", vm.formats(), vm.formatProperty(), Format::label);
        row(form, "Format", format, null);
        row(
                form,
                "Size",
                choice("export-preset", List.of(Mp4Preset.values()), vm.presetProperty(), Mp4Preset::label),
                vm.mp4ChosenProperty());
        row(
                form,
                "Aspect",
                choice("export-aspect", List.of(AspectRatio.values()), vm.aspectProperty(), AspectRatio::label),
                vm.mp4ChosenProperty());
        row(
                form,
                "Quality",
                choice(
                        "export-quality",
                        List.of(Mp4Quality.values()),
                        vm.qualityProperty(),
                        q -> q.name().charAt(0) + q.name().substring(1).toLowerCase(Locale.ROOT)),
                vm.mp4ChosenProperty());
        row(
                form,
                "Reframe",
                choice(
                        "export-reframe",
                        List.of(Reframe.values()),
                        vm.reframeProperty(),
                        r -> r == Reframe.CROP ? "Crop to fill" : "Fit with black bars"),
                vm.mp4ChosenProperty());
        row(
                form,
                "Panels",
                choice(
                        "export-layout",
                        List.of(PanelLayout.values()),
                        vm.layoutProperty(),
                        l -> l.perPage() + " per page (" + l.columns() + "×" + l.rows() + ")"),
                vm.pdfChosenProperty());
        row(
                form,
                "Frame rate",
                choice(
                        "export-fps",
                        List.of(ai.cinboard.service.export.FrameRate.values()),
                        vm.frameRateProperty(),
                        r -> r + " fps"),
                vm.timedChosenProperty());

        ProgressBar progress = new ProgressBar();
        progress.setId("export-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(vm.progressProperty());
        Label status = Theme.styled(new Label(), Theme.MUTED);
        status.setId("export-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        VBox progressBox = new VBox(6, progress, status);
        // Shown once an export has started, and kept afterwards for its outcome.
        progressBox
                .visibleProperty()
                .bind(vm.runningProperty().or(vm.statusProperty().isNotEmpty()));

        Button start = new Button("Export…");
        start.setId("export-start");
        start.setDefaultButton(true);
        start.disableProperty().bind(vm.runningProperty().or(vm.formatProperty().isNull()));
        start.setOnAction(e -> choosePlaceAndStart());
        Button cancel = new Button("Cancel");
        cancel.setId("export-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> {
            if (vm.runningProperty().get()) {
                vm.cancel();
            } else {
                stage.close();
            }
        });
        stage.setOnCloseRequest(e -> vm.cancel());
        form.disableProperty().bind(vm.runningProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = Theme.styled(new HBox(8, spacer, cancel, start), Theme.TOOLBAR);
        Label heading = Theme.styled(new Label("Export “" + vm.title() + "”"), Theme.TITLE);
        heading.setWrapText(true);
        VBox center = Theme.styled(new VBox(14, heading, form, progressBox), Theme.PANEL);
        Scene scene = new Scene(new BorderPane(center, null, null, buttons, null), 480, 420);
        Theme.apply(scene, dark);
        stage.setScene(scene);
    }

    /**
     * {@code gate} is handed the start of each export that waits for the project's changes (every format once the
     * project was rendered, the MP4 always) and runs it (or not): the window's stale-project offer.
     */
    public void setBeforeExport(java.util.function.Consumer<Runnable> gate) {
        this.beforeExport = gate;
    }

    private void start(Path out) {
        if (vm.waitsForChangesProperty().get()) beforeExport.accept(() -> vm.start(out, stage::close));
        else vm.start(out, stage::close);
    }

    private void choosePlaceAndStart() {
        if (target != null) {
            Path out = target.apply(vm.suggestedName());
            if (out != null) {
                start(out);
            }
            return;
        }
        File chosen;
        if (vm.writesFolder()) {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Folder for the image sequence");
            chosen = dc.showDialog(stage);
            if (chosen != null) {
                chosen = new File(chosen, vm.suggestedName());
            }
        } else {
            FileChooser fc = new FileChooser();
            fc.setTitle("Export " + vm.formatProperty().get().label());
            fc.setInitialFileName(vm.suggestedName());
            String ext = vm.formatProperty().get().extension();
            fc.getExtensionFilters()
                    .add(new FileChooser.ExtensionFilter(
                            vm.formatProperty().get().label(), "*." + ext));
            chosen = fc.showSaveDialog(stage);
        }
        if (chosen != null) {
            start(chosen.toPath());
        }
    }

    private static <T> ChoiceBox<T> choice(
            String id, List<T> items, ObjectProperty<T> value, Function<T, String> label) {
        ChoiceBox<T> box = new ChoiceBox<>();
        box.setId(id);
        box.getItems().setAll(items);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : label.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        box.valueProperty().bindBidirectional(value);
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    /** One labelled option, shown only while {@code visibleWhen} holds (null: always). */
    private static void row(VBox form, String label, Node control, BooleanBinding visibleWhen) {
        Label name = new Label(label);
        name.setMinWidth(90);
        HBox row = new HBox(10, name, control);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(control, Priority.ALWAYS);
        if (visibleWhen != null) {
            row.visibleProperty().bind(visibleWhen);
            row.managedProperty().bind(visibleWhen);
        }
        form.getChildren().add(row);
    }

    public Stage stage() {
        return stage;
    }

    public void show() {
        stage.show();
    }
}
