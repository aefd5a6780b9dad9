package ai.cinboard.app;

import ai.cinboard.cache.CacheHealth;
import ai.cinboard.cache.RedisCache;
import ai.cinboard.cache.RedisSettings;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.settings.Setting;
import ai.cinboard.domain.settings.SettingSource;
import ai.cinboard.domain.settings.SettingsRegistry;
import ai.cinboard.generation.a1111.A1111ImageEngine;
import ai.cinboard.generation.a1111.A1111Settings;
import ai.cinboard.generation.comfyui.ComfyUiClient;
import ai.cinboard.generation.comfyui.ComfyUiSettings;
import ai.cinboard.generation.local.EspeakSpeechEngine;
import ai.cinboard.generation.openai.OpenAiClient;
import ai.cinboard.generation.openai.OpenAiSettings;
import ai.cinboard.media.S3MediaStore;
import ai.cinboard.media.S3Settings;
import ai.cinboard.service.ConnectionPart;
import ai.cinboard.service.ConnectionResult;
import ai.cinboard.service.EngineKind;
import ai.cinboard.service.SettingsService;
import ai.cinboard.service.StudioSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Settings view's form over {@code CINBOARD_HOME/cinboard.properties}, by the keys of {@link SettingsRegistry}.
 * Saving merges the form into the file: settings the form does not show are kept, values the form did not change
 * are not written, and every value is checked by its key's validator before anything is written. Secrets (API keys,
 * passwords) are never written to the file: a form that carries one puts it in the secret store (desktop keychain or
 * encrypted file, see {@link ai.cinboard.app.secrets.SecretStores}), and says so when that store cannot take it.
 */
public final class ConfigFileSettings implements SettingsService {
    private final StudioConfig config;
    private final java.util.function.Consumer<Map<String, ?>> onSaved;

    public ConfigFileSettings(StudioConfig config) {
        this(config, changed -> {});
    }

    /** {@code onSaved} hears the names of the settings a save changed (never their values): the audit log. */
    public ConfigFileSettings(StudioConfig config, java.util.function.Consumer<Map<String, ?>> onSaved) {
        this.config = config;
        this.onSaved = onSaved;
    }

    @Override
    public StudioSettings load() {
        Map<ConnectionPart, StudioSettings.Engine> engines = new EnumMap<>(ConnectionPart.class);
        for (ConnectionPart part : ConnectionPart.values()) {
            part.engineSetting().ifPresent(setting -> {
                EngineKind kind = EngineKind.ofSetting(config.value(setting));
                engines.put(
                        part,
                        new StudioSettings.Engine(
                                kind,
                                endpointFor(kind),
                                modelSetting(part, kind).map(config::value).orElse(""),
                                kind == EngineKind.OPENAI_COMPATIBLE
                                        ? storedOrEmpty(SettingsRegistry.OPENAI_API_KEY.name())
                                        : ""));
            });
        }
        return new StudioSettings(
                engines,
                new StudioSettings.Database(
                        !config.isSet(SettingsRegistry.DB_URL),
                        text(SettingsRegistry.DB_URL),
                        text(SettingsRegistry.DB_USER),
                        storedOrEmpty(SettingsRegistry.DB_PASSWORD.name())),
                new StudioSettings.CacheSettings(
                        config.isSet(SettingsRegistry.REDIS_URL), text(SettingsRegistry.REDIS_URL)),
                new StudioSettings.Media(
                        config.isSet(SettingsRegistry.S3_BUCKET),
                        config.home().resolve("media").toString(),
                        text(SettingsRegistry.S3_BUCKET),
                        text(SettingsRegistry.S3_REGION),
                        text(SettingsRegistry.S3_ENDPOINT),
                        text(SettingsRegistry.AWS_ACCESS_KEY_ID),
                        storedOrEmpty(SettingsRegistry.AWS_SECRET_ACCESS_KEY.name())),
                new StudioSettings.ExportDefaults(
                        expandHome(config.value(SettingsRegistry.EXPORT_DIR)),
                        config.value(SettingsRegistry.EXPORT_WIDTH),
                        config.value(SettingsRegistry.EXPORT_HEIGHT),
                        config.value(SettingsRegistry.EXPORT_FPS)));
    }

    /** The setting's text as the form shows it: the set value, else the default, else empty. */
    private String text(Setting<?> setting) {
        String v = config.resolve(setting).value();
        return v == null ? "" : v;
    }

    private static String expandHome(String dir) {
        return dir.equals("~") || dir.startsWith("~/") ? System.getProperty("user.home") + dir.substring(1) : dir;
    }

    /**
     * A secret for the form, or empty when the store can't be opened here (an encrypted file and no passphrase in
     * the environment): the form still loads, and the engine that needs the key says what to do when it runs.
     */
    private String storedOrEmpty(String name) {
        try {
            return config.get(name, "");
        } catch (StudioException e) {
            return "";
        }
    }

    @Override
    public void save(StudioSettings s) {
        Map<Setting<?>, String> form = new LinkedHashMap<>();
        s.engines().forEach((part, e) -> {
            Setting<String> engine = part.engineSetting().orElseThrow();
            form.put(engine, e.kind().settingValue());
            switch (e.kind()) {
                case OPENAI_COMPATIBLE -> keepUnlessBlank(form, SettingsRegistry.OPENAI_BASE_URL, e.endpoint());
                case COMFYUI -> keepUnlessBlank(form, SettingsRegistry.COMFYUI_URL, e.endpoint());
                case A1111 -> keepUnlessBlank(form, SettingsRegistry.A1111_URL, e.endpoint());
                default -> {}
            }
            // A blank model goes back to the default.
            modelSetting(part, e.kind()).ifPresent(m -> form.put(m, blank(e.model()) ? null : e.model()));
        });
        if (s.database().embedded()) {
            form.put(SettingsRegistry.DB_URL, null);
        } else {
            requireNonBlank(s.database().jdbcUrl(), "the database URL");
            form.put(SettingsRegistry.DB_URL, s.database().jdbcUrl());
            form.put(
                    SettingsRegistry.DB_USER,
                    blank(s.database().user()) ? null : s.database().user());
        }
        if (s.cache().redis()) {
            requireNonBlank(s.cache().redisUrl(), "the Redis URL");
            form.put(SettingsRegistry.REDIS_URL, s.cache().redisUrl());
        } else {
            form.put(SettingsRegistry.REDIS_URL, null);
        }
        if (s.media().s3()) {
            requireNonBlank(s.media().bucket(), "the S3 bucket");
            form.put(SettingsRegistry.S3_BUCKET, s.media().bucket());
            form.put(
                    SettingsRegistry.S3_REGION,
                    blank(s.media().region()) ? null : s.media().region());
            form.put(
                    SettingsRegistry.S3_ENDPOINT,
                    blank(s.media().endpoint()) ? null : s.media().endpoint());
            keepUnlessBlank(form, SettingsRegistry.AWS_ACCESS_KEY_ID, s.media().accessKey());
        } else {
            form.put(SettingsRegistry.S3_BUCKET, null);
        }
        form.put(SettingsRegistry.EXPORT_DIR, s.export().directory());
        form.put(SettingsRegistry.EXPORT_WIDTH, Integer.toString(s.export().width()));
        form.put(SettingsRegistry.EXPORT_HEIGHT, Integer.toString(s.export().height()));
        form.put(SettingsRegistry.EXPORT_FPS, Integer.toString(s.export().fps()));

        Map<String, String> changes = new LinkedHashMap<>();
        form.forEach((setting, value) -> {
            StudioConfig.Resolved now = config.resolve(setting);
            if (value == null) {
                if (now.source() == SettingSource.FILE) {
                    changes.put(setting.name(), null);
                }
                return;
            }
            StudioConfig.check(setting, value); // one line naming the key and what it allows; nothing written yet
            if (now.value() == null
                    || !(value.strip().equals(now.value()) || value.strip().equals(expandHome(now.value())))) {
                changes.put(setting.name(), value.strip());
            }
        });
        List<String> changed = config.file().update(changes);
        if (!changed.isEmpty()) {
            onSaved.accept(Map.of("changed", List.copyOf(changed)));
        }
        java.util.List<String> unsaved = new java.util.ArrayList<>();
        s.engines().values().stream()
                .map(StudioSettings.Engine::apiKey)
                .filter(k -> !blank(k) && !k.equals(storedOrEmpty(SettingsRegistry.OPENAI_API_KEY.name())))
                .findFirst()
                .ifPresent(k -> storeSecret(SettingsRegistry.OPENAI_API_KEY.name(), k, unsaved));
        if (!s.database().embedded()
                && !blank(s.database().password())
                && !s.database().password().equals(storedOrEmpty(SettingsRegistry.DB_PASSWORD.name()))) {
            storeSecret(SettingsRegistry.DB_PASSWORD.name(), s.database().password(), unsaved);
        }
        if (s.media().s3()
                && !blank(s.media().secretKey())
                && !s.media().secretKey().equals(storedOrEmpty(SettingsRegistry.AWS_SECRET_ACCESS_KEY.name()))) {
            storeSecret(SettingsRegistry.AWS_SECRET_ACCESS_KEY.name(), s.media().secretKey(), unsaved);
        }
        if (!unsaved.isEmpty()) {
            throw new StudioException("Settings saved, except " + String.join(" and ", unsaved) + ". Secrets are never"
                    + " written in plain text: set them in the environment, or run `cinboard secrets set NAME`."
                    + " Restart the studio to apply the changes.");
        }
    }

    private static void keepUnlessBlank(Map<Setting<?>, String> form, Setting<?> setting, String value) {
        if (!blank(value)) {
            form.put(setting, value);
        }
    }

    /** The model setting of an OpenAI-compatible engine for this capability. */
    private static java.util.Optional<Setting<String>> modelSetting(ConnectionPart part, EngineKind kind) {
        if (kind != EngineKind.OPENAI_COMPATIBLE) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(
                switch (part) {
                    case TEXT_ENGINE -> SettingsRegistry.OPENAI_CHAT_MODEL;
                    case IMAGE_ENGINE -> SettingsRegistry.OPENAI_IMAGE_MODEL;
                    case SPEECH_ENGINE -> SettingsRegistry.OPENAI_SPEECH_MODEL;
                    default -> null;
                });
    }

    private void storeSecret(String name, String value, java.util.List<String> unsaved) {
        try {
            config.secrets().put(name, value);
        } catch (StudioException e) {
            unsaved.add(name + " (" + e.getMessage() + ")");
        }
    }

    @Override
    public ConnectionResult testConnection(ConnectionPart part, StudioSettings s) {
        try {
            return switch (part) {
                case TEXT_ENGINE, IMAGE_ENGINE, VIDEO_ENGINE, SPEECH_ENGINE ->
                    testEngine(part, s.engines().get(part));
                case DATABASE -> testDatabase(s.database());
                case CACHE -> testCache(s.cache());
                case MEDIA -> testMedia(s.media());
            };
        } catch (RuntimeException e) {
            return new ConnectionResult(
                    false, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private ConnectionResult testEngine(ConnectionPart part, StudioSettings.Engine e) {
        String missing = capabilityMissing(part, e.kind());
        if (missing != null) {
            return new ConnectionResult(false, missing);
        }
        return switch (e.kind()) {
            case NONE -> new ConnectionResult(true, "No voiceover: subtitles are burned into the picture instead.");
            case LOCAL ->
                part == ConnectionPart.SPEECH_ENGINE
                        ? new EspeakSpeechEngine()
                                .unavailableReason()
                                .map(r -> new ConnectionResult(false, r))
                                .orElse(new ConnectionResult(true, "espeak-ng is installed"))
                        : part == ConnectionPart.TEXT_ENGINE
                                ? new ConnectionResult(
                                        false, "There is no local language model; choose an OpenAI-compatible server.")
                                : new ConnectionResult(true, "The offline engine is built in.");
            case OPENAI_COMPATIBLE -> testOpenAi(part, e);
            case COMFYUI -> {
                ComfyUiClient client = new ComfyUiClient(ComfyUiSettings.of(
                        URI.create(e.endpoint()), List.of(config.home().resolve("comfyui"))));
                yield part == ConnectionPart.VIDEO_ENGINE
                        ? new ConnectionResult(
                                true, list("video checkpoint", client.listCheckpoints("ImageOnlyCheckpointLoader")))
                        : new ConnectionResult(true, list("checkpoint", client.listCheckpoints()));
            }
            case A1111 ->
                new ConnectionResult(
                        true,
                        list("model", new A1111ImageEngine(A1111Settings.of(URI.create(e.endpoint()))).listModels()));
        };
    }

    /** Lists the server's models (and voices, for speech) and says so when the chosen model is not among them. */
    private ConnectionResult testOpenAi(ConnectionPart part, StudioSettings.Engine e) {
        OpenAiClient client = new OpenAiClient(OpenAiSettings.of(
                URI.create(e.endpoint()),
                blank(e.apiKey()) ? config.get(SettingsRegistry.OPENAI_API_KEY.name(), "") : e.apiKey()));
        List<String> models = client.listModels();
        String message = list("model", models);
        if (part == ConnectionPart.SPEECH_ENGINE) {
            List<String> voices = client.listVoices();
            message += voices.isEmpty() ? "; the server lists no voices" : "; " + list("voice", voices);
        }
        if (!blank(e.model()) && !models.isEmpty() && !models.contains(e.model())) {
            return new ConnectionResult(
                    false, "The server does not offer the model '" + e.model() + "'. It has " + message + ".");
        }
        return new ConnectionResult(true, message);
    }

    /** Null when the engine offers what the part needs; otherwise what to choose instead. */
    private static String capabilityMissing(ConnectionPart part, EngineKind kind) {
        boolean offered = switch (part) {
            case TEXT_ENGINE -> kind == EngineKind.LOCAL || kind == EngineKind.OPENAI_COMPATIBLE;
            case VIDEO_ENGINE -> kind == EngineKind.LOCAL || kind == EngineKind.COMFYUI;
            case SPEECH_ENGINE ->
                kind == EngineKind.LOCAL || kind == EngineKind.OPENAI_COMPATIBLE || kind == EngineKind.NONE;
            default -> kind != EngineKind.NONE;
        };
        return offered
                ? null
                : kind.settingValue() + " does not make "
                        + switch (part) {
                            case TEXT_ENGINE -> "text; choose an OpenAI-compatible server.";
                            case VIDEO_ENGINE -> "video; choose local or ComfyUI.";
                            default -> "speech; choose local (espeak-ng) or an OpenAI-compatible server.";
                        };
    }

    private static String list(String what, List<String> names) {
        return names.size() + " " + what + (names.size() == 1 ? "" : "s") + ": "
                + String.join(", ", names.subList(0, Math.min(8, names.size()))) + (names.size() > 8 ? ", …" : "");
    }

    private static ConnectionResult testDatabase(StudioSettings.Database d) {
        if (d.embedded()) {
            return new ConnectionResult(true, "Embedded PostgreSQL in CINBOARD_HOME (running).");
        }
        DriverManager.setLoginTimeout(5);
        try (Connection c = DriverManager.getConnection(d.jdbcUrl(), d.user(), d.password())) {
            return new ConnectionResult(
                    true,
                    "Connected: " + c.getMetaData().getDatabaseProductName() + " "
                            + c.getMetaData().getDatabaseProductVersion());
        } catch (java.sql.SQLException e) {
            return new ConnectionResult(false, "Can't connect: " + e.getMessage());
        }
    }

    private static ConnectionResult testCache(StudioSettings.CacheSettings c) {
        if (!c.redis()) {
            return new ConnectionResult(true, "In-process cache (no server needed).");
        }
        try (RedisCache redis = new RedisCache(new RedisSettings(c.redisUrl()))) {
            CacheHealth h = redis.health();
            return new ConnectionResult(h.reachable(), h.detail());
        }
    }

    private ConnectionResult testMedia(StudioSettings.Media m) {
        if (!m.s3()) {
            Path dir = Path.of(m.localPath());
            return Files.isWritable(dir) || Files.notExists(dir)
                    ? new ConnectionResult(true, "Local media in " + dir)
                    : new ConnectionResult(false, dir + " is not writable.");
        }
        try (S3MediaStore store = new S3MediaStore(S3Settings.of(
                m.bucket(),
                config.value(SettingsRegistry.S3_PREFIX),
                m.region(),
                blank(m.endpoint()) ? null : URI.create(m.endpoint()),
                config.value(SettingsRegistry.S3_PATH_STYLE),
                m.accessKey(),
                m.secretKey()))) {
            store.checkBucket();
            return new ConnectionResult(true, "Bucket " + m.bucket() + " is reachable.");
        }
    }

    private String endpointFor(EngineKind kind) {
        return switch (kind) {
            case OPENAI_COMPATIBLE -> text(SettingsRegistry.OPENAI_BASE_URL);
            case COMFYUI -> text(SettingsRegistry.COMFYUI_URL);
            case A1111 -> text(SettingsRegistry.A1111_URL);
            case LOCAL, NONE -> "";
        };
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void requireNonBlank(String value, String what) {
        if (blank(value)) {
            throw new StudioException("Fill in " + what + " or switch the setting back.");
        }
    }
}
