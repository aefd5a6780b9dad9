package ai.cinboard.app;

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

    private StudioConfig(Path home, Map<String, String> values) {
        this.home = home;
        this.values = Collections.unmodifiableMap(values);
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
                throw new StudioException("Could not read the settings file " + file + ": " + e.getMessage()
                        + ". Fix or delete the file (the studio runs on defaults without it).", e);
            }
            properties.stringPropertyNames().forEach(k -> merged.put(k.trim(), properties.getProperty(k).trim()));
        }
        env.forEach((k, v) -> {
            if (k.startsWith("CINBOARD_") || k.startsWith("AWS_")) {
                merged.put(k, v);
            }
        });
        merged.put("CINBOARD_HOME", home.toString());
        return new StudioConfig(home, merged);
    }

    /** Every setting by name, for components that read their own (e.g. translation settings). */
    public Map<String, String> asMap() {
        return values;
    }

    public Path home() {
        return home;
    }

    public Optional<String> get(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
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

    public boolean getBoolean(String name, boolean fallback) {
        return get(name).map(v -> v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes"))
                .orElse(fallback);
    }

    public DatabaseSettings database() {
        return new DatabaseSettings(get("CINBOARD_DB_URL").orElse(null), get("CINBOARD_DB_USER").orElse(null),
                get("CINBOARD_DB_PASSWORD").orElse(null), home, getInt("CINBOARD_DB_PORT", 0),
                getInt("CINBOARD_DB_POOL_SIZE", 0), getInt("CINBOARD_SLOW_QUERY_MS", 500));
    }
}
