package ai.cinboard.app;

import ai.cinboard.app.secrets.SecretNames;
import ai.cinboard.app.secrets.SecretStore;
import ai.cinboard.app.secrets.SecretStores;
import ai.cinboard.domain.StudioException;
import ai.cinboard.persistence.DatabaseSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The studio's settings. {@code CINBOARD_HOME} (default {@code ~/.cinboard}) holds {@code cinboard.properties}
 * and all data. The file uses the same names as the environment variables (CINBOARD_DB_URL=…), and an
 * environment variable overrides the file. One name per setting, everywhere.
 */
public final class StudioConfig {
    public static final String CONFIG_FILE = "cinboard.properties";

    private final Path home;
    private final Map<String, String> values;
    private final Map<String, String> secretSettings;
    private SecretStore secrets;

    private StudioConfig(Path home, Map<String, String> values, Map<String, String> secretSettings) {
        this.home = home;
        this.values = Collections.unmodifiableMap(values);
        this.secretSettings = secretSettings;
    }

    public static StudioConfig fromEnvironment() {
        return load(System.getenv());
    }

    /** Reads CINBOARD_HOME/cinboard.properties, then lays {@code env} over it. */
    public static StudioConfig load(Map<String, String> env) {
        String homeValue = env.get("CINBOARD_HOME");
        Path home = homeValue == null || homeValue.isBlank()
                ? Paths.get(System.getProperty("user.home"), ".cinboard")
                : Paths.get(homeValue);
        home = home.toAbsolutePath().normalize();
        Map<String, String> merged = new HashMap<>();
        Path file = home.resolve(CONFIG_FILE);
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new StudioException(
                        "Could not read the settings file " + file + ": " + e.getMessage()
                                + ". Fix or delete the file (the studio runs on defaults without it).",
                        e);
            }
            properties
                    .stringPropertyNames()
                    .forEach(k -> merged.put(k.trim(), properties.getProperty(k).trim()));
        }
        env.forEach((k, v) -> {
            if (k.startsWith("CINBOARD_") || k.startsWith("AWS_")) {
                merged.put(k, v);
            }
        });
        merged.put("CINBOARD_HOME", home.toString());
        // The passphrase only ever comes from the environment: in the settings file it would sit next to the lock.
        merged.remove(SecretStores.PASSPHRASE_SETTING);
        Map<String, String> secretSettings = new HashMap<>(merged);
        if (env.get(SecretStores.PASSPHRASE_SETTING) != null) {
            secretSettings.put(SecretStores.PASSPHRASE_SETTING, env.get(SecretStores.PASSPHRASE_SETTING));
        }
        return new StudioConfig(home, merged, secretSettings);
    }

    /** Every setting by name, for components that read their own (e.g. translation settings). */
    public Map<String, String> asMap() {
        return values;
    }

    public Path home() {
        return home;
    }

    /** A setting from the environment or the settings file; an unset secret (API key, password) from the secret store. */
    public Optional<String> get(String name) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            return SecretNames.isSecret(name) ? storedSecret(name) : Optional.empty();
        }
        return Optional.of(v);
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

    public String get(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    public int getInt(String name, int fallback) {
        Optional<String> v = get(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            throw new StudioException(name + " must be a whole number, but it is \"" + v.get() + "\".");
        }
    }

    /**
     * How one remote engine talks to its server: {@code CINBOARD_<ENGINE>_MAX_CONCURRENCY} (requests or, for
     * ComfyUI, workflows at once) and {@code CINBOARD_<ENGINE>_TIMEOUT_SECONDS} (longest wait for one answer)
     * over the engine's defaults, e.g. {@code remoteHttp("OPENAI", defaults)}.
     */
    public ai.cinboard.generation.remote.HttpSettings remoteHttp(
            String engine, ai.cinboard.generation.remote.HttpSettings defaults) {
        int concurrency = getInt("CINBOARD_" + engine + "_MAX_CONCURRENCY", defaults.maxConcurrency());
        int timeout = getInt("CINBOARD_" + engine + "_TIMEOUT_SECONDS", (int)
                defaults.requestTimeout().toSeconds());
        if (concurrency < 1 || timeout < 1) {
            throw new StudioException("CINBOARD_" + engine + "_MAX_CONCURRENCY and CINBOARD_" + engine
                    + "_TIMEOUT_SECONDS must be at least 1.");
        }
        return defaults.withMaxConcurrency(concurrency).withRequestTimeout(java.time.Duration.ofSeconds(timeout));
    }

    public boolean getBoolean(String name, boolean fallback) {
        return get(name)
                .map(v -> v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes"))
                .orElse(fallback);
    }

    public DatabaseSettings database() {
        return new DatabaseSettings(
                get("CINBOARD_DB_URL").orElse(null),
                get("CINBOARD_DB_USER").orElse(null),
                get("CINBOARD_DB_PASSWORD").orElse(null),
                home,
                getInt("CINBOARD_DB_PORT", 0),
                getInt("CINBOARD_DB_POOL_SIZE", 0),
                getInt("CINBOARD_SLOW_QUERY_MS", 500));
    }
}
