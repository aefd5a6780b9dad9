package ai.cinboard.generation.remote;

import java.time.Duration;
import java.util.Objects;

/**
 * Network behaviour shared by every remote engine. Generation calls are slow (an SDXL image can take a
 * minute on a laptop GPU), so the request timeout is long by default; tests pass a few hundred ms.
 *
 * @param connectTimeout  time to open the TCP connection
 * @param requestTimeout  time to wait for one whole answer
 * @param maxRetries      extra attempts after a 429, a 5xx or a dropped connection (0 = no retry)
 * @param initialBackoff  wait before the first retry; doubles each time, with jitter
 * @param maxBackoff      upper bound for one wait, also caps a server's Retry-After
 * @param maxConcurrency  requests this engine may have in flight at once
 */
public record HttpSettings(
        Duration connectTimeout,
        Duration requestTimeout,
        int maxRetries,
        Duration initialBackoff,
        Duration maxBackoff,
        int maxConcurrency) {

    public HttpSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0");
        }
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be >= 1");
        }
    }

    /** Defaults for a local GPU server or a hosted API. */
    public static HttpSettings defaults() {
        return new HttpSettings(
                Duration.ofSeconds(10), Duration.ofMinutes(5), 3, Duration.ofSeconds(1), Duration.ofSeconds(30), 2);
    }

    public HttpSettings withMaxConcurrency(int n) {
        return new HttpSettings(connectTimeout, requestTimeout, maxRetries, initialBackoff, maxBackoff, n);
    }

    public HttpSettings withRequestTimeout(Duration timeout) {
        return new HttpSettings(connectTimeout, timeout, maxRetries, initialBackoff, maxBackoff, maxConcurrency);
    }
}
