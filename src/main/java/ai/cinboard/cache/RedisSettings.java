package ai.cinboard.cache;

import ai.cinboard.domain.settings.SettingsRegistry;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Redis. Built by the app layer from CINBOARD_REDIS_URL, e.g. {@code redis://host:6379},
 * {@code redis://:password@host:6379/2} or {@code rediss://user:password@host:6380} for TLS.
 *
 * @param timeout     how long one command may take before Redis counts as down; kept short so a dead
 *                    Redis costs a caller at most this once, then nothing while the circuit is open
 * @param retryEvery  how often a background probe checks whether Redis is back
 */
public record RedisSettings(String url, Duration timeout, Duration retryEvery) {
    public static final String ENV = SettingsRegistry.REDIS_URL.name();

    public RedisSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retryEvery, "retryEvery");
    }

    public RedisSettings(String url) {
        this(url, Duration.ofMillis(500), Duration.ofSeconds(3));
    }
}
