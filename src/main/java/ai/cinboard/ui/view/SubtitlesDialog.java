package ai.cinboard.ui.view;

import ai.cinboard.domain.SubtitleStyle;
import ai.cinboard.ui.viewmodel.SubtitlesViewModel;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * Project ▸ Subtitles…: the preset and its settings (font, size, colour, outline, box, position, word by word),
 * bound to a {@link SubtitlesViewModel}; the settings are disabled while the preset is automatic.
 */
public final class SubtitlesDialog {
    private final Stage stage = new Stage();
    /** The spinners' views of the number properties, held here: a bidirectional binding holds them only weakly. */
    private final javafx.beans.property.ObjectProperty<Double> sizeValue;

    private final javafx.beans.property.ObjectProperty<Double> outlineValue;

    public SubtitlesDialog(SubtitlesViewModel vm, Window owner, boolean dark) {
        stage.setTitle("Subtitles");
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        ComboBox<String> preset = new ComboBox<>(FXCollections.observableArrayList(SubtitlesViewModel.CHOICES));
        preset.setId("subtitles-preset");
        preset.valueProperty().bindBidirectional(vm.presetProperty());
        ComboBox<SubtitleStyle.Face> font =
                new ComboBox<>(FXCollections.observableArrayList(SubtitleStyle.Face.values()));
        font.setId("subtitles-font");
        font.setConverter(labels(SubtitleStyle.Face::label));
        font.valueProperty().bindBidirectional(vm.fontProperty());
        Spinner<Double> size = spinner("subtitles-size", SubtitleStyle.MIN_SIZE, SubtitleStyle.MAX_SIZE, 0.5);
        sizeValue = vm.sizeProperty().asObject();
        size.getValueFactory().valueProperty().bindBidirectional(sizeValue);
        TextField color = new TextField();
        color.setId("subtitles-color");
        color.setPromptText("#RRGGBB or white, yellow…");
        color.textProperty().bindBidirectional(vm.colorProperty());
        Spinner<Double> outline = spinner("subtitles-outline", 0, SubtitleStyle.MAX_OUTLINE, 1);
        outlineValue = vm.outlineProperty().asObject();
        outline.getValueFactory().valueProperty().bindBidirectional(outlineValue);
        CheckBox box = new CheckBox("Dark box behind the text");
        box.setId("subtitles-box");
        box.selectedProperty().bindBidirectional(vm.boxProperty());
        ComboBox<SubtitleStyle.Position> position =
                new ComboBox<>(FXCollections.observableArrayList(SubtitleStyle.Position.values()));
        position.setId("subtitles-position");
        position.setConverter(labels(SubtitleStyle.Position::label));
        position.valueProperty().bindBidirectional(vm.positionProperty());
        CheckBox words = new CheckBox("Highlight each word as it is said");
        words.setId("subtitles-word-highlight");
        words.selectedProperty().bindBidirectional(vm.wordHighlightProperty());
        for (javafx.scene.Node n : new javafx.scene.Node[] {font, size, color, outline, box, position, words}) {
            n.disableProperty().bind(vm.automaticProperty());
        }

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setStyle("-fx-padding: 14;");
        grid.addRow(0, new Label("Preset"), preset);
        grid.addRow(1, new Label("Font"), font);
        grid.addRow(2, new Label("Size (% of height)"), size);
        grid.addRow(3, new Label("Colour"), color);
        grid.addRow(4, new Label("Outline (% of size)"), outline);
        grid.addRow(5, new Label("Position"), position);
        grid.add(box, 1, 6);
        grid.add(words, 1, 7);
        Label hint = new Label("auto: classic subtitles, burned in only when there is no voiceover. A preset burns"
                + " them in always.");
        hint.setWrapText(true);
        hint.setMaxWidth(400);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        grid.add(hint, 0, 8, 2, 1);

        Label error = Theme.styled(new Label(), Theme.ERROR_TEXT);
        error.setId("subtitles-error");
        error.setWrapText(true);
        error.setMaxWidth(400);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.textProperty().bind(vm.errorProperty());
        Button apply = new Button("Apply");
        apply.setId("subtitles-apply");
        apply.setDefaultButton(true);
        apply.setOnAction(e -> {
            if (vm.apply()) stage.close();
        });
        Button cancel = new Button("Cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // the refusal above the buttons, so a long one never squeezes them
        javafx.scene.layout.VBox bottom =
                new javafx.scene.layout.VBox(6, error, Theme.styled(new HBox(8, spacer, cancel, apply), Theme.TOOLBAR));
        bottom.setStyle("-fx-padding: 0 14 10 14;");
        Scene scene = new Scene(new BorderPane(grid, null, null, bottom, null));
        Theme.apply(scene, dark);
        stage.setScene(scene);
    }

    private static Spinner<Double> spinner(String id, double min, double max, double step) {
        Spinner<Double> s = new Spinner<>(new SpinnerValueFactory.DoubleSpinnerValueFactory(min, max, min, step));
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(100);
        return s;
    }

    private static <T> StringConverter<T> labels(java.util.function.Function<T, String> label) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : label.apply(value);
            }

            @Override
            public T fromString(String text) {
                return null; // the lists are not editable: values are chosen, never typed
            }
        };
    }

    public Stage stage() {
        return stage;
    }
}
