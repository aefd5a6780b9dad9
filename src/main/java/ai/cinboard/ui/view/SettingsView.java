package ai.cinboard.ui.view;

import ai.cinboard.service.ConnectionPart;
import ai.cinboard.service.EngineKind;
import ai.cinboard.ui.viewmodel.SettingsViewModel;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.ToggleSwitch;
import org.controlsfx.control.textfield.TextFields;

/** Settings: engines per capability, database, cache, media, export defaults; "Test connection" per part. */
public final class SettingsView extends ScrollPane {
    private final SettingsViewModel vm;

    public SettingsView(SettingsViewModel vm) {
        this.vm = vm;
        setId("settings");
        setFitToWidth(true);
        Button save = new Button("Save settings");
        save.setId("save-settings");
        save.setDefaultButton(false);
        save.setOnAction(e -> vm.save());
        VBox box = new VBox(10, engines(), database(), cache(), media(), export(), save);
        box.setPadding(new Insets(12));
        setContent(box);
    }

    private TitledPane engines() {
        GridPane g = grid();
        g.addRow(
                0,
                header("Capability"),
                header("Engine"),
                header("Endpoint"),
                header("Model"),
                header("API key"),
                new Label(),
                header("Result"));
        int row = 1;
        for (ConnectionPart p : SettingsViewModel.ENGINE_PARTS) {
            SettingsViewModel.EngineForm f = vm.engine(p);
            ChoiceBox<EngineKind> kind = new ChoiceBox<>();
            kind.getItems().setAll(vm.engineChoices(p));
            kind.setConverter(new StringConverter<>() {
                @Override
                public String toString(EngineKind k) {
                    return k == null ? "" : engineName(k);
                }

                @Override
                public EngineKind fromString(String s) {
                    return null;
                }
            });
            kind.valueProperty().bindBidirectional(f.kind);
            kind.setId("engine-kind-" + id(p));
            TextField endpoint = text(f.endpoint, "http://localhost:11434/v1", 220);
            TextField model = text(f.model, "model", 130);
            TextField key = password(f.apiKey);
            key.setId("api-key-" + id(p));
            key.setPromptText("API key");
            key.setPrefWidth(150);
            var noServer = f.kind.isEqualTo(EngineKind.LOCAL).or(f.kind.isEqualTo(EngineKind.NONE));
            endpoint.disableProperty().bind(noServer);
            model.disableProperty().bind(noServer);
            key.disableProperty().bind(noServer);
            g.addRow(row++, new Label(capability(p)), kind, endpoint, model, key, testButton(p), result(p));
        }
        return titled("Engines", g);
    }

    private TitledPane database() {
        GridPane g = grid();
        ToggleSwitch embedded = toggle(vm.dbEmbedded, "Embedded PostgreSQL (off: an external server)");
        embedded.setId("db-embedded");
        g.addRow(0, new Label("Database"), embedded);
        TextField url = text(vm.dbUrl, "jdbc:postgresql://host:5432/cinboard?sslmode=require", 380);
        TextField user = text(vm.dbUser, "user", 160);
        TextField pw = password(vm.dbPassword);
        for (Node n : new Node[] {url, user, pw}) n.disableProperty().bind(vm.dbEmbedded);
        g.addRow(1, new Label("JDBC URL"), url);
        g.addRow(2, new Label("User"), user);
        g.addRow(3, new Label("Password"), pw);
        g.addRow(4, testButton(ConnectionPart.DATABASE), result(ConnectionPart.DATABASE));
        return titled("Database", g);
    }

    private TitledPane cache() {
        GridPane g = grid();
        ToggleSwitch redis = toggle(vm.cacheRedis, "Redis (off: in-process)");
        redis.setId("cache-redis");
        g.addRow(0, new Label("Cache"), redis);
        TextField url = text(vm.redisUrl, "redis://host:6379", 280);
        url.disableProperty().bind(vm.cacheRedis.not());
        g.addRow(1, new Label("Redis URL"), url);
        g.addRow(2, testButton(ConnectionPart.CACHE), result(ConnectionPart.CACHE));
        return titled("Cache", g);
    }

    private TitledPane media() {
        GridPane g = grid();
        ToggleSwitch s3 = toggle(vm.mediaS3, "S3 or S3-compatible (off: local disk)");
        s3.setId("media-s3");
        g.addRow(0, new Label("Media store"), s3);
        TextField path = text(vm.mediaPath, "~/.cinboard/media", 320);
        path.disableProperty().bind(vm.mediaS3);
        g.addRow(1, new Label("Local folder"), path);
        TextField bucket = text(vm.s3Bucket, "bucket", 200);
        TextField region = text(vm.s3Region, "eu-west-1", 120);
        TextField endpoint = text(vm.s3Endpoint, "https://s3.example.com (optional)", 280);
        TextField access = text(vm.s3AccessKey, "access key", 200);
        TextField secret = password(vm.s3SecretKey);
        for (Node n : new Node[] {bucket, region, endpoint, access, secret})
            n.disableProperty().bind(vm.mediaS3.not());
        g.addRow(2, new Label("Bucket"), bucket);
        g.addRow(3, new Label("Region"), region);
        g.addRow(4, new Label("Endpoint"), endpoint);
        g.addRow(5, new Label("Access key"), access);
        g.addRow(6, new Label("Secret key"), secret);
        g.addRow(7, testButton(ConnectionPart.MEDIA), result(ConnectionPart.MEDIA));
        return titled("Media", g);
    }

    private TitledPane export() {
        GridPane g = grid();
        g.addRow(0, new Label("Folder"), text(vm.exportDir, "~/Videos", 320));
        Spinner<Integer> w = spinner(vm.exportWidth.get(), 160, 7680);
        w.valueProperty().addListener((o, a, b) -> vm.exportWidth.set(b));
        vm.exportWidth.addListener((o, a, b) -> w.getValueFactory().setValue(b.intValue()));
        Spinner<Integer> h = spinner(vm.exportHeight.get(), 90, 4320);
        h.valueProperty().addListener((o, a, b) -> vm.exportHeight.set(b));
        vm.exportHeight.addListener((o, a, b) -> h.getValueFactory().setValue(b.intValue()));
        Spinner<Integer> fps = spinner(vm.exportFps.get(), 1, 60);
        fps.valueProperty().addListener((o, a, b) -> vm.exportFps.set(b));
        vm.exportFps.addListener((o, a, b) -> fps.getValueFactory().setValue(b.intValue()));
        g.addRow(1, new Label("Size"), new HBox(6, w, new Label("×"), h, new Label("at"), fps, new Label("fps")));
        return titled("Export defaults", g);
    }

    private Button testButton(ConnectionPart p) {
        Button b = new Button("Test connection");
        b.setId("test-" + id(p));
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.disableProperty().bind(vm.testingProperty(p));
        b.setOnAction(e -> vm.test(p));
        return b;
    }

    private Label result(ConnectionPart p) {
        Label l = new Label();
        l.setId("result-" + id(p));
        l.textProperty().bind(vm.resultProperty(p));
        l.setWrapText(true);
        l.setMaxWidth(340);
        l.textProperty().addListener((o, a, t) -> {
            Theme.toggle(l, Theme.STATUS_OK, t != null && t.startsWith("✔"));
            Theme.toggle(l, Theme.STATUS_FAILED, t != null && t.startsWith("✖"));
        });
        return l;
    }

    /** An on/off setting as a ControlsFX switch, kept in step with the view model's flag. */
    private static ToggleSwitch toggle(BooleanProperty flag, String text) {
        ToggleSwitch t = new ToggleSwitch(text);
        t.selectedProperty().bindBidirectional(flag);
        return t;
    }

    private static TextField text(StringProperty p, String prompt, double width) {
        TextField t = new TextField();
        t.textProperty().bindBidirectional(p);
        t.setPromptText(prompt);
        t.setPrefWidth(width);
        return t;
    }

    /** A masked secret (API key, password) with a button that clears it. */
    private static TextField password(StringProperty p) {
        TextField t = TextFields.createClearablePasswordField();
        t.textProperty().bindBidirectional(p);
        t.setPrefWidth(200);
        return t;
    }

    private static Spinner<Integer> spinner(int value, int min, int max) {
        Spinner<Integer> s = new Spinner<>(min, max, Math.max(min, Math.min(max, value)));
        s.setEditable(true);
        s.setPrefWidth(90);
        return s;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        return g;
    }

    private static Label header(String s) {
        Label l = Theme.styled(new Label(s), Theme.MUTED);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static TitledPane titled(String title, Node content) {
        TitledPane t = new TitledPane(title, content);
        t.setCollapsible(false);
        return t;
    }

    static String id(ConnectionPart p) {
        return p.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String capability(ConnectionPart p) {
        return switch (p) {
            case TEXT_ENGINE -> "Text";
            case IMAGE_ENGINE -> "Image";
            case VIDEO_ENGINE -> "Video";
            case SPEECH_ENGINE -> "Speech";
            default -> p.name();
        };
    }

    static String engineName(EngineKind k) {
        return switch (k) {
            case LOCAL -> "Local (offline)";
            case OPENAI_COMPATIBLE -> "OpenAI-compatible";
            case COMFYUI -> "ComfyUI";
            case A1111 -> "Automatic1111 / Forge";
            case NONE -> "None (subtitles burned in)";
        };
    }
}
