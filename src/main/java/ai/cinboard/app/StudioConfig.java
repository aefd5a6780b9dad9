package ai.cinboard.app;

import ai.cinboard.app.secrets.SecretNames;
import ai.cinboard.app.secrets.SecretStore;
import ai.cinboard.app.secrets.SecretStores;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.settings.InvalidSettingException;
import ai.cinboard.domain.settings.Setting;
import ai.cinboard.domain.settings.SettingSource;
import ai.cinboard.domain.settings.SettingsRegistry;
import ai.cinboard.generation.remote.HttpSettings;
import ai.cinboard.persistence.DatabaseSettings;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The studio's settings, as {@link SettingsRegistry} defines them. {@code CINBOARD_HOME} (default
 * {@code ~/.cinboard}) holds {@code cinboard.properties} and all data. The file uses the same names as the
 * environment variables (CINBOARD_DB_URL=…), and an environment variable overrides the file, which overrides the
 * registry's default. An unset secret is looked up in the secret store.
 */
public final class StudioConfig {
    public static final String CONFIG_FILE = SettingsFile.NAME;

    /** A setting's text as this studio sees it and where it came from; {@code value} is null when unset. */
    public record Resolved(Setting<?> setting, String value, SettingSource source) {}

    private final Path home;
    private final Map<String, String> file;
    private final Map<String, String> environment;
    private final Map<String, String> values;
    private final Map<String, String> secretSettings;
    private SecretStore secrets;
    /** Set once {@link #requireValid()} found nothing wrong: the file and environment were read once, at load. */
    private volatile boolean valid;

    private StudioConfig(Path home, Map<String, String> file, Map<String, String> environment, String passphrase) {
        this.home = home;
        this.file = Collections.unmodifiableMap(file);
        this.environment = Collections.unmodifiableMap(environment);
        Map<String, String> merged = new HashMap<>(file);
        merged.putAll(environment);
        merged.put(SettingsRegistry.HOME.name(), home.toString());
        // The passphrase only ever comes from the environment: in the settings file it would sit next to the lock.
        merged.remove(SettingsRegistry.SECRETS_PASSPHRASE.name());
        this.values = Collections.unmodifiableMap(merged);
        Map<String, String> forSecrets = new HashMap<>(merged);
        if (passphrase != null) {
            forSecrets.put(SettingsRegistry.SECRETS_PASSPHRASE.name(), passphrase);
        }
        this.secretSettings = forSecrets;
    }

    public static StudioConfig fromEnvironment() {
        return load(System.getenv());
    }

    /**
     * Checks {@code value} for {@code setting} as the studio will read it: one line of text (a line break would
     * end up inside a bucket prefix or a model name), the setting's own parser, and for the database URL the TLS
     * rule every connection applies. One line naming the key and what it allows otherwise. What the file is
     * written with ({@code config set}, the Settings view) and what doctor reads go through here.
     */
    public static void check(Setting<?> setting, String value) {
        if (value != null && value.codePoints().anyMatch(java.lang.Character::isISOControl)) {
            throw new StudioException(setting.name()
                    + " can't hold a line break, a tab or another control character; give its value on one line.");
        }
        setting.parse(value);
        if (setting == SettingsRegistry.DB_URL) {
            ai.cinboard.persistence.Database.requireVerifiedTls(value.strip());
        }
    }

    /** Reads CINBOARD_HOME/cinboard.properties, then lays {@code env} over it. */
    public static StudioConfig load(Map<String, String> env) {
        String homeValue = env.get(SettingsRegistry.HOME.name());
        Path home = homeValue == null || homeValue.isBlank()
                ? Paths.get(System.getProperty("user.home"), ".cinboard")
                : Paths.get(homeValue);
        home = home.toAbsolutePath().normalize();
        Map<String, String> fromFile = new HashMap<>(new SettingsFile(home).read());
        SettingsRegistry.all().stream().filter(s -> !s.fileAllowed()).forEach(s -> fromFile.remove(s.name()));
        Map<String, String> fromEnv = new HashMap<>();
        env.forEach((k, v) -> {
            if ((k.startsWith("CINBOARD_") || k.startsWith("AWS_")) && v != null) {
                fromEnv.put(k, v);
            }
        });
        return new StudioConfig(home, fromFile, fromEnv, env.get(SettingsRegistry.SECRETS_PASSPHRASE.name()));
    }

    /** Every setting by name, for components that read their own (e.g. translation settings). */
    public Map<String, String> asMap() {
        return values;
    }

    public Path home() {
        return home;
    }

    /** CINBOARD_HOME/cinboard.properties, read and merged into atomically. */
    public SettingsFile file() {
        return new SettingsFile(home);
    }

    /** A setting from the environment or the settings file; an unset secret (API key, password) from the secret store. */
    public Optional<String> get(String name) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            return SecretNames.isSecret(name) ? storedSecret(name) : Optional.empty();
        }
        return Optional.of(v.strip());
    }

    public String get(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    /** The setting's parsed value from the environment, the file or the secret store; empty when none sets it. */
    public <T> Optional<T> find(Setting<T> setting) {
        Optional<String> raw = get(setting.name());
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(setting.parse(raw.get()));
        } catch (InvalidSettingException e) {
            throw new StudioException(e.getMessage() + " It is set " + where(setting) + ".", e);
        }
    }

    /** The setting's parsed value, or its default. Only for settings that have a default. */
    public <T> T value(Setting<T> setting) {
        return find(setting)
                .or(setting::defaultParsed)
                .orElseThrow(() -> new IllegalStateException(setting.name() + " has no default"));
    }

    /** Whether the environment or the file sets this setting (a default does not count). */
    public boolean isSet(Setting<?> setting) {
        return get(setting.name()).isPresent();
    }

    /**
     * The setting's text and source, without opening the secret store for its value: a stored secret comes back
     * as {@link SettingSource#SECRET_STORE} with a null value, so listing settings never asks for a passphrase.
     */
    public Resolved resolve(Setting<?> setting) {
        String name = setting.name();
        if (setting == SettingsRegistry.HOME) {
            return new Resolved(
                    setting,
                    home.toString(),
                    environment.containsKey(name) ? SettingSource.ENVIRONMENT : SettingSource.DEFAULT);
        }
        if (setting == SettingsRegistry.SECRETS_PASSPHRASE) {
            String v = secretSettings.get(name);
            return v == null
                    ? new Resolved(setting, null, SettingSource.DEFAULT)
                    : new Resolved(setting, v, SettingSource.ENVIRONMENT);
        }
        String env = environment.get(name);
        if (env != null && !env.isBlank()) {
            return new Resolved(setting, env.strip(), SettingSource.ENVIRONMENT);
        }
        String inFile = file.get(name);
        if (inFile != null && !inFile.isBlank()) {
            return new Resolved(setting, inFile.strip(), SettingSource.FILE);
        }
        if (setting.secret() && secretStoreNames().contains(name)) {
            return new Resolved(setting, null, SettingSource.SECRET_STORE);
        }
        return new Resolved(setting, setting.defaultValue(), SettingSource.DEFAULT);
    }

    private java.util.Collection<String> secretStoreNames() {
        try {
            return secrets().names();
        } catch (StudioException e) {
            return java.util.List.of();
        }
    }

    private String where(Setting<?> setting) {
        String env = environment.get(setting.name());
        if (env != null && !env.isBlank()) {
            return "in the environment; unset the environment variable " + setting.name()
                    + " or give it an allowed value";
        }
        if (file.containsKey(setting.name())) {
            return "in " + home.resolve(CONFIG_FILE) + "; fix it with `cinboard config set " + setting.name()
                    + " VALUE`";
        }
        return "in the secret store";
    }

    /**
     * Every setting the environment or the file gives that the studio would refuse when it reads it, as one line
     * each: the key, the value (a secret's masked), what it allows and where it came from with the fix. Settings are
     * read lazily, by the command that needs them, so without this a bad one would go unnoticed until then.
     */
    public java.util.List<String> problems() {
        java.util.List<String> problems = new java.util.ArrayList<>();
        for (Setting<?> setting : SettingsRegistry.all()) {
            // not resolve(): that would open the secret store, and only what the user typed can be wrong here
            String env = environment.get(setting.name());
            String value = env != null && !env.isBlank() ? env : file.get(setting.name());
            if (value == null || value.isBlank() || setting == SettingsRegistry.HOME) {
                continue;
            }
            if (setting == SettingsRegistry.SECRETS_PASSPHRASE) {
                continue; // any text, and never quoted
            }
            try {
                check(setting, value.strip());
            } catch (InvalidSettingException e) {
                String shown = setting.secret() ? "(hidden)" : ai.cinboard.persistence.Database.redact(value.strip());
                problems.add(setting.name() + " is \"" + shown + "\"; allowed: "
                        + setting.type().allowed() + ". It is set " + where(setting) + ".");
            } catch (StudioException e) {
                problems.add(e.getMessage() + " It is set " + where(setting) + ".");
            }
        }
        return problems;
    }

    /** Refuses, in one line, the first setting of {@link #problems()}: what every command checks before it starts. */
    public void requireValid() {
        if (valid) {
            return; // the command checked, then opened the studio, which checks again: the values can't have changed
        }
        java.util.List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new StudioException(problems.get(0));
        }
        valid = true;
    }

    /** Where secrets are kept: the desktop keychain or CINBOARD_HOME's encrypted file (see {@link SecretStores}). */
    public synchronized SecretStore secrets() {
        if (secrets == null) {
            secrets = SecretStores.open(home, secretSettings);
        }
        return secrets;
    }

    private Optional<String> storedSecret(String name) {
        SecretStore store = secrets();
        // Names are readable without the passphrase, so a secret that was never stored never asks for it.
        return store.names().contains(name) ? store.get(name).filter(s -> !s.isBlank()) : Optional.empty();
    }

    /**
     * How one remote engine talks to its server: {@code CINBOARD_<ENGINE>_MAX_CONCURRENCY} (requests or, for
     * ComfyUI, workflows at once) and {@code CINBOARD_<ENGINE>_TIMEOUT_SECONDS} (longest wait for one answer)
     * from the registry, over the engine's other defaults, e.g. {@code remoteHttp("OPENAI", defaults)}.
     */
    public HttpSettings remoteHttp(String engine, HttpSettings defaults) {
        int concurrency = value(integerSetting("CINBOARD_" + engine + "_MAX_CONCURRENCY"));
        int timeout = value(integerSetting("CINBOARD_" + engine + "_TIMEOUT_SECONDS"));
        return defaults.withMaxConcurrency(concurrency).withRequestTimeout(Duration.ofSeconds(timeout));
    }

    @SuppressWarnings("unchecked")
    private static Setting<Integer> integerSetting(String name) {
        return (Setting<Integer>) SettingsRegistry.require(name);
    }

    public DatabaseSettings database() {
        return new DatabaseSettings(
                find(SettingsRegistry.DB_URL).orElse(null),
                find(SettingsRegistry.DB_USER).orElse(null),
                find(SettingsRegistry.DB_PASSWORD).orElse(null),
                home,
                value(SettingsRegistry.DB_PORT),
                value(SettingsRegistry.DB_POOL_SIZE),
                value(SettingsRegistry.SLOW_QUERY_MS));
    }
}
