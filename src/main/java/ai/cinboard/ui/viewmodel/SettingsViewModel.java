package ai.cinboard.ui.viewmodel;

import ai.cinboard.service.ConnectionPart;
import ai.cinboard.service.ConnectionResult;
import ai.cinboard.service.EngineKind;
import ai.cinboard.service.SettingsService;
import ai.cinboard.service.StudioSettings;
import ai.cinboard.ui.task.TaskExecutor;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Settings form: one set of properties per part, Save, and a background "Test connection" per part. */
public final class SettingsViewModel {
    public static final ConnectionPart[] ENGINE_PARTS = {
        ConnectionPart.TEXT_ENGINE,
        ConnectionPart.IMAGE_ENGINE,
        ConnectionPart.VIDEO_ENGINE,
        ConnectionPart.SPEECH_ENGINE
    };

    /** Editable engine settings for one capability. */
    public static final class EngineForm {
        public final ObjectProperty<EngineKind> kind = new SimpleObjectProperty<>(EngineKind.LOCAL);
        public final StringProperty endpoint = new SimpleStringProperty("");
        public final StringProperty model = new SimpleStringProperty("");
        public final StringProperty apiKey = new SimpleStringProperty("");
    }

    private final SettingsService service;
    private final TaskExecutor executor;
    private final Notifier notifier;
    private final Map<ConnectionPart, EngineForm> engines = new EnumMap<>(ConnectionPart.class);
    private final Map<ConnectionPart, StringProperty> results = new EnumMap<>(ConnectionPart.class);
    private final Map<ConnectionPart, BooleanProperty> testing = new EnumMap<>(ConnectionPart.class);

    public final BooleanProperty dbEmbedded = new SimpleBooleanProperty(true);
    public final StringProperty dbUrl = new SimpleStringProperty("");
    public final StringProperty dbUser = new SimpleStringProperty("");
    public final StringProperty dbPassword = new SimpleStringProperty("");
    public final BooleanProperty cacheRedis = new SimpleBooleanProperty(false);
    public final StringProperty redisUrl = new SimpleStringProperty("");
    public final BooleanProperty mediaS3 = new SimpleBooleanProperty(false);
    public final StringProperty mediaPath = new SimpleStringProperty("");
    public final StringProperty s3Bucket = new SimpleStringProperty("");
    public final StringProperty s3Region = new SimpleStringProperty("");
    public final StringProperty s3Endpoint = new SimpleStringProperty("");
    public final StringProperty s3AccessKey = new SimpleStringProperty("");
    public final StringProperty s3SecretKey = new SimpleStringProperty("");
    public final StringProperty exportDir = new SimpleStringProperty("");
    public final IntegerProperty exportWidth = new SimpleIntegerProperty(1280);
    public final IntegerProperty exportHeight = new SimpleIntegerProperty(720);
    public final IntegerProperty exportFps = new SimpleIntegerProperty(24);

    public SettingsViewModel(SettingsService service, TaskExecutor executor, Notifier notifier) {
        this.service = service;
        this.executor = executor;
        this.notifier = notifier;
        for (ConnectionPart p : ConnectionPart.values()) {
            results.put(p, new SimpleStringProperty(""));
            testing.put(p, new SimpleBooleanProperty(false));
        }
        for (ConnectionPart p : ENGINE_PARTS) engines.put(p, new EngineForm());
    }

    /** The engines a capability allows, from the settings registry (speech also offers none). */
    public List<EngineKind> engineChoices(ConnectionPart part) {
        return part.engineChoices();
    }

    public EngineForm engine(ConnectionPart part) {
        return engines.get(part);
    }

    public StringProperty resultProperty(ConnectionPart part) {
        return results.get(part);
    }

    public BooleanProperty testingProperty(ConnectionPart part) {
        return testing.get(part);
    }

    public void load() {
        executor.submit(service::load, this::apply, e -> notifier.error("Loading settings", e));
    }

    void apply(StudioSettings s) {
        for (ConnectionPart p : ENGINE_PARTS) {
            StudioSettings.Engine e = s.engines().get(p);
            EngineForm f = engines.get(p);
            if (e == null) continue;
            f.kind.set(e.kind());
            f.endpoint.set(nz(e.endpoint()));
            f.model.set(nz(e.model()));
            f.apiKey.set(nz(e.apiKey()));
        }
        dbEmbedded.set(s.database().embedded());
        dbUrl.set(nz(s.database().jdbcUrl()));
        dbUser.set(nz(s.database().user()));
        dbPassword.set(nz(s.database().password()));
        cacheRedis.set(s.cache().redis());
        redisUrl.set(nz(s.cache().redisUrl()));
        StudioSettings.Media m = s.media();
        mediaS3.set(m.s3());
        mediaPath.set(nz(m.localPath()));
        s3Bucket.set(nz(m.bucket()));
        s3Region.set(nz(m.region()));
        s3Endpoint.set(nz(m.endpoint()));
        s3AccessKey.set(nz(m.accessKey()));
        s3SecretKey.set(nz(m.secretKey()));
        exportDir.set(nz(s.export().directory()));
        exportWidth.set(s.export().width());
        exportHeight.set(s.export().height());
        exportFps.set(s.export().fps());
    }

    /** The form as a settings value. */
    public StudioSettings snapshot() {
        Map<ConnectionPart, StudioSettings.Engine> e = new EnumMap<>(ConnectionPart.class);
        for (ConnectionPart p : ENGINE_PARTS) {
            EngineForm f = engines.get(p);
            e.put(p, new StudioSettings.Engine(f.kind.get(), f.endpoint.get(), f.model.get(), f.apiKey.get()));
        }
        return new StudioSettings(
                e,
                new StudioSettings.Database(dbEmbedded.get(), dbUrl.get(), dbUser.get(), dbPassword.get()),
                new StudioSettings.CacheSettings(cacheRedis.get(), redisUrl.get()),
                new StudioSettings.Media(
                        mediaS3.get(),
                        mediaPath.get(),
                        s3Bucket.get(),
                        s3Region.get(),
                        s3Endpoint.get(),
                        s3AccessKey.get(),
                        s3SecretKey.get()),
                new StudioSettings.ExportDefaults(
                        exportDir.get(), exportWidth.get(), exportHeight.get(), exportFps.get()));
    }

    public void save() {
        StudioSettings s = snapshot();
        executor.run(
                () -> service.save(s),
                () -> notifier.info("Settings saved. Database, cache and media changes apply after a restart."),
                e -> notifier.error("Saving settings", e));
    }

    public void test(ConnectionPart part) {
        StudioSettings s = snapshot();
        testing.get(part).set(true);
        results.get(part).set("Testing…");
        executor.submit(
                () -> service.testConnection(part, s),
                (ConnectionResult r) -> {
                    testing.get(part).set(false);
                    results.get(part).set((r.ok() ? "✔ " : "✖ ") + r.message());
                },
                e -> {
                    testing.get(part).set(false);
                    results.get(part).set("✖ " + Notifier.describe("Test", e));
                });
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
