package ai.cinboard.app;

import ai.cinboard.cache.CacheHealth;
import ai.cinboard.cache.RedisCache;
import ai.cinboard.cache.RedisSettings;
import ai.cinboard.domain.StudioException;
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
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Settings in CINBOARD_HOME/cinboard.properties, under the same names as the environment variables.
 * Secrets (API keys, passwords) are never written to the file: a form that carries one puts it in the secret
 * store (desktop keychain or encrypted file, see {@link ai.cinboard.app.secrets.SecretStores}), and says so
 * when that store cannot take it (no keychain and no passphrase).
 */
public final class ConfigFileSettings implements SettingsService {
    static final Map<ConnectionPart, String> ENGINE_VARS = Map.of(
            ConnectionPart.TEXT_ENGINE,
            "CINBOARD_TEXT_ENGINE",
            ConnectionPart.IMAGE_ENGINE,
            "CINBOARD_IMAGE_ENGINE",
            ConnectionPart.VIDEO_ENGINE,
            "CINBOARD_VIDEO_ENGINE",
            ConnectionPart.SPEECH_ENGINE,
            "CINBOARD_SPEECH_ENGINE");

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
        ENGINE_VARS.forEach((part, var) -> {
            EngineKind kind = kindOf(config.get(var, "local"));
            engines.put(
                    part,
                    new StudioSettings.Engine(
                            kind,
                            endpointFor(kind),
                            modelFor(part, kind),
                            kind == EngineKind.OPENAI_COMPATIBLE ? storedOrEmpty("CINBOARD_OPENAI_API_KEY") : ""));
        });
        return new StudioSettings(
                engines,
                new StudioSettings.Database(
                        config.get("CINBOARD_DB_URL").isEmpty(),
                        config.get("CINBOARD_DB_URL", ""),
                        config.get("CINBOARD_DB_USER", ""),
                        storedOrEmpty("CINBOARD_DB_PASSWORD")),
                new StudioSettings.CacheSettings(
                        config.get("CINBOARD_REDIS_URL").isPresent(), config.get("CINBOARD_REDIS_URL", "")),
                new StudioSettings.Media(
                        config.get(S3Settings.BUCKET_ENV).isPresent(),
                        config.home().resolve("media").toString(),
                        config.get(S3Settings.BUCKET_ENV, ""),
                        config.get(S3Settings.REGION_ENV, ""),
                        config.get(S3Settings.ENDPOINT_ENV, ""),
                        config.get("AWS_ACCESS_KEY_ID", ""),
                        storedOrEmpty("AWS_SECRET_ACCESS_KEY")),
                new StudioSettings.ExportDefaults(
                        config.get(
                                "CINBOARD_EXPORT_DIR",
                                Path.of(System.getProperty("user.home"), "Videos")
                                        .toString()),
                        config.getInt("CINBOARD_EXPORT_WIDTH", 1920),
                        config.getInt("CINBOARD_EXPORT_HEIGHT", 1080),
                        config.getInt("CINBOARD_EXPORT_FPS", 24)));
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
        Properties p = new Properties();
        s.engines().forEach((part, e) -> {
            p.setProperty(ENGINE_VARS.get(part), kindName(e.kind()));
            if (e.kind() == EngineKind.OPENAI_COMPATIBLE && !blank(e.endpoint())) {
                p.setProperty("CINBOARD_OPENAI_BASE_URL", e.endpoint());
            } else if (e.kind() == EngineKind.COMFYUI && !blank(e.endpoint())) {
                p.setProperty("CINBOARD_COMFYUI_URL", e.endpoint());
            } else if (e.kind() == EngineKind.A1111 && !blank(e.endpoint())) {
                p.setProperty("CINBOARD_A1111_URL", e.endpoint());
            }
        });
        if (!s.database().embedded()) {
            requireNonBlank(s.database().jdbcUrl(), "the database URL");
            p.setProperty("CINBOARD_DB_URL", s.database().jdbcUrl());
            p.setProperty("CINBOARD_DB_USER", s.database().user());
        }
        if (s.cache().redis()) {
            requireNonBlank(s.cache().redisUrl(), "the Redis URL");
            p.setProperty("CINBOARD_REDIS_URL", s.cache().redisUrl());
        }
        if (s.media().s3()) {
            requireNonBlank(s.media().bucket(), "the S3 bucket");
            p.setProperty(S3Settings.BUCKET_ENV, s.media().bucket());
            p.setProperty(S3Settings.REGION_ENV, s.media().region());
            p.setProperty(S3Settings.ENDPOINT_ENV, s.media().endpoint());
        }
        p.setProperty("CINBOARD_EXPORT_DIR", s.export().directory());
        p.setProperty("CINBOARD_EXPORT_WIDTH", Integer.toString(s.export().width()));
        p.setProperty("CINBOARD_EXPORT_HEIGHT", Integer.toString(s.export().height()));
        p.setProperty("CINBOARD_EXPORT_FPS", Integer.toString(s.export().fps()));
        Path file = config.home().resolve(StudioConfig.CONFIG_FILE);
        Properties before = new Properties();
        try {
            if (Files.isRegularFile(file)) {
                try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    before.load(r);
                }
            }
            Path tmp = Files.createTempFile(config.home(), ".settings", ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(
                        w,
                        "CinBoard Studio settings. Secrets are not stored here: they are in the environment or"
                                + " the secret store (cinboard secrets list).");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StudioException("Could not save the settings to " + file + ": " + e.getMessage(), e);
        }
        java.util.SortedSet<String> changed = new java.util.TreeSet<>();
        before.stringPropertyNames().stream()
                .filter(k -> !before.getProperty(k).equals(p.getProperty(k)))
                .forEach(changed::add);
        p.stringPropertyNames().stream()
                .filter(k -> !p.getProperty(k).equals(before.getProperty(k)))
                .forEach(changed::add);
        if (!changed.isEmpty()) {
            onSaved.accept(Map.of("changed", List.copyOf(changed)));
        }
        java.util.List<String> unsaved = new java.util.ArrayList<>();
        s.engines().values().stream()
                .map(StudioSettings.Engine::apiKey)
                .filter(k -> !blank(k) && !k.equals(storedOrEmpty("CINBOARD_OPENAI_API_KEY")))
                .findFirst()
                .ifPresent(k -> storeSecret("CINBOARD_OPENAI_API_KEY", k, unsaved));
        if (!s.database().embedded()
                && !blank(s.database().password())
                && !s.database().password().equals(storedOrEmpty("CINBOARD_DB_PASSWORD"))) {
            storeSecret("CINBOARD_DB_PASSWORD", s.database().password(), unsaved);
        }
        if (!unsaved.isEmpty()) {
            throw new StudioException("Settings saved, except " + String.join(" and ", unsaved) + ". Secrets are never"
                    + " written in plain text: set them in the environment, or run `cinboard secrets set NAME`."
                    + " Restart the studio to apply the changes.");
        }
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
                URI.create(e.endpoint()), blank(e.apiKey()) ? config.get("CINBOARD_OPENAI_API_KEY", "") : e.apiKey()));
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
            case SPEECH_ENGINE -> kind == EngineKind.LOCAL || kind == EngineKind.OPENAI_COMPATIBLE;
            default -> true;
        };
        return offered
                ? null
                : kindName(kind) + " does not make "
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
        try (S3MediaStore store = new S3MediaStore(new S3Settings(
                m.bucket(),
                "",
                m.region(),
                blank(m.endpoint()) ? null : URI.create(m.endpoint()),
                !blank(m.endpoint()),
                blank(m.accessKey()) ? null : m.accessKey(),
                blank(m.secretKey()) ? null : m.secretKey()))) {
            store.checkBucket();
            return new ConnectionResult(true, "Bucket " + m.bucket() + " is reachable.");
        }
    }

    private String endpointFor(EngineKind kind) {
        return switch (kind) {
            case OPENAI_COMPATIBLE -> config.get("CINBOARD_OPENAI_BASE_URL", "");
            case COMFYUI -> config.get("CINBOARD_COMFYUI_URL", "");
            case A1111 -> config.get("CINBOARD_A1111_URL", "");
            case LOCAL -> "";
        };
    }

    private String modelFor(ConnectionPart part, EngineKind kind) {
        if (kind != EngineKind.OPENAI_COMPATIBLE) {
            return "";
        }
        return switch (part) {
            case TEXT_ENGINE -> config.get("CINBOARD_OPENAI_CHAT_MODEL", "");
            case IMAGE_ENGINE -> config.get("CINBOARD_OPENAI_IMAGE_MODEL", "");
            case SPEECH_ENGINE -> config.get("CINBOARD_OPENAI_SPEECH_MODEL", "");
            default -> "";
        };
    }

    static EngineKind kindOf(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "openai" -> EngineKind.OPENAI_COMPATIBLE;
            case "comfyui" -> EngineKind.COMFYUI;
            case "a1111" -> EngineKind.A1111;
            case "local" -> EngineKind.LOCAL;
            default ->
                throw new StudioException("\"" + value + "\" is not an engine: use local, openai, comfyui or a1111.");
        };
    }

    static String kindName(EngineKind kind) {
        return switch (kind) {
            case OPENAI_COMPATIBLE -> "openai";
            case COMFYUI -> "comfyui";
            case A1111 -> "a1111";
            case LOCAL -> "local";
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
