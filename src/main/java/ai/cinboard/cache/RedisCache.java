package ai.cinboard.cache;

import ai.cinboard.domain.StudioException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The team cache: one Redisson {@code RBucket<String>} per key, holding JSON with a server-side TTL
 * ({@code SET … PX}). The codec is {@link StringCodec}; JSON is mapped by {@link CacheJson} to the class
 * the caller names, so nothing read from Redis is ever deserialized as an arbitrary Java object.
 *
 * <p>Redis is an optimisation, never a dependency: if it is down at start or lost mid-run, a get is a
 * miss and a put is dropped, and no caller sees an exception. A circuit breaker keeps a dead Redis from
 * costing every call a timeout: the first failing command opens the circuit, calls then skip Redis
 * entirely, and a background probe checks every {@link RedisSettings#retryEvery()} whether it is back.
 * The outage is logged once (and its end once).
 */
public final class RedisCache implements Cache, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisCache.class);
    private static final String PROBE_KEY = "cinboard:probe";

    private final RedisSettings settings;
    private final String displayAddress;
    private final RedissonClient client;
    private final ScheduledExecutorService prober;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final AtomicBoolean down = new AtomicBoolean(false);
    private final List<Runnable> onReconnect = new CopyOnWriteArrayList<>();
    private volatile String lastError = "";

    public RedisCache(RedisSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Target target = parse(settings.url());
        this.displayAddress = target.address();
        Config config = new Config();
        config.setCodec(StringCodec.INSTANCE);
        // Lazy: creating the client must not fail or block when Redis is down at start; we probe below.
        config.setLazyInitialization(true);
        int timeoutMs = (int) Math.max(50, settings.timeout().toMillis());
        SingleServerConfig server = config.useSingleServer()
                .setAddress(target.address())
                .setConnectTimeout(timeoutMs)
                .setTimeout(timeoutMs)
                // No client-side retries: a failed command should fail fast and open our circuit.
                .setRetryAttempts(0)
                .setConnectionMinimumIdleSize(1)
                .setConnectionPoolSize(16)
                .setSubscriptionConnectionMinimumIdleSize(1)
                .setSubscriptionConnectionPoolSize(4)
                .setDatabase(target.database())
                .setPingConnectionInterval(1000);
        if (target.username() != null) {
            server.setUsername(target.username());
        }
        if (target.password() != null) {
            server.setPassword(target.password());
        }
        this.client = Redisson.create(config);
        this.prober = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "redis-cache-probe");
            t.setDaemon(true);
            return t;
        });
        // With lazy initialisation the first command also opens the connection, which on a busy machine can
        // outlast the command timeout; one more try keeps that from being reported as an outage.
        if (!probe() && !probe()) {
            markDown(lastError);
        }
        long every = Math.max(100, settings.retryEvery().toMillis());
        prober.scheduleWithFixedDelay(this::probeIfDown, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public <T> Optional<T> get(String key, Class<T> type) {
        String json =
                call(() -> client.<String>getBucket(key, StringCodec.INSTANCE).get(), null);
        Optional<T> value = json == null ? Optional.empty() : CacheJson.read(json, type);
        (value.isPresent() ? hits : misses).increment();
        return value;
    }

    @Override
    public <T> void put(String key, T value, Duration ttl) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("A cache TTL must be positive: " + ttl);
        }
        String json = CacheJson.write(value);
        call(
                () -> {
                    client.<String>getBucket(key, StringCodec.INSTANCE).set(json, ttl);
                    return null;
                },
                null);
    }

    @Override
    public void delete(String key) {
        call(() -> client.getBucket(key, StringCodec.INSTANCE).delete(), false);
    }

    @Override
    public CacheStats stats() {
        return new CacheStats(hits.sum(), misses.sum());
    }

    @Override
    public String name() {
        return "redis";
    }

    /**
     * A round trip now, through the circuit breaker: false while the circuit is open, and a failure opens it (the
     * breaker's probe closes it again when Redis is back).
     */
    boolean answers() {
        return call(
                () -> {
                    client.getBucket(PROBE_KEY, StringCodec.INSTANCE).isExists();
                    return true;
                },
                false);
    }

    /** True while Redis answers; false while the circuit is open. */
    public boolean available() {
        return !down.get();
    }

    /** For doctor: a real round trip now, bounded by the command timeout, whatever the circuit says. */
    public CacheHealth health() {
        long t0 = System.nanoTime();
        boolean ok = probe();
        Duration rtt = Duration.ofNanos(System.nanoTime() - t0);
        return new CacheHealth(
                name(),
                ok,
                rtt,
                stats(),
                ok
                        ? "Redis at " + displayAddress
                        : "Redis at " + displayAddress + " is unreachable (" + lastError + "). Start Redis or fix "
                                + RedisSettings.ENV + "; the studio works uncached meanwhile.");
    }

    @Override
    public void close() {
        prober.shutdownNow();
        client.shutdown(0, 2, TimeUnit.SECONDS);
    }

    // --- package-private, for the status board ---

    RedissonClient client() {
        return client;
    }

    /**
     * Runs a Redis command behind the circuit breaker; the fallback stands in on any failure. An interrupted thread
     * (a cancelled render recording that its phase ended, or caching what it made) still gets its answer: Redisson
     * refuses to wait on an interrupted thread, which would count as Redis down for the whole process and keep the
     * end of a cancelled render from the other studios. The flag is set again afterwards.
     */
    <R> R call(Supplier<R> command, R fallback) {
        if (down.get()) {
            return fallback;
        }
        boolean interrupted = Thread.interrupted();
        try {
            return command.get();
        } catch (RuntimeException e) {
            markDown(describe(e));
            return fallback;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Called (on the probe thread) each time Redis comes back, and once at start if it is up. */
    void onReconnect(Runnable r) {
        onReconnect.add(r);
    }

    // --- internals ---

    private boolean probe() {
        try {
            client.getBucket(PROBE_KEY, StringCodec.INSTANCE).isExists();
            return true;
        } catch (RuntimeException e) {
            lastError = describe(e);
            return false;
        }
    }

    private void probeIfDown() {
        if (down.get() && probe()) {
            down.set(false);
            log.info("Redis at {} is reachable again; the shared cache is back in use.", displayAddress);
            for (Runnable r : onReconnect) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    log.debug("Reconnect hook failed", e);
                }
            }
        }
    }

    private void markDown(String reason) {
        lastError = reason;
        if (down.compareAndSet(false, true)) {
            // Once per outage, not once per call: a dead Redis must not flood the log.
            log.warn(
                    "Redis at {} is unreachable ({}). The studio continues without the shared cache and "
                            + "checks again every {} ms. Start Redis or fix {}.",
                    displayAddress,
                    reason,
                    settings.retryEvery().toMillis(),
                    RedisSettings.ENV);
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return root.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }

    record Target(String address, String username, String password, int database) {}

    /** Splits credentials and the database number out of the URL; Redisson takes them separately. */
    static Target parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw badUrl(url, "it is not a URL");
        }
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw badUrl(url, "it must start with redis:// or rediss://");
        }
        if (uri.getHost() == null) {
            throw badUrl(url, "it names no host");
        }
        int port = uri.getPort() == -1 ? 6379 : uri.getPort();
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getUserInfo();
            int colon = info.indexOf(':');
            if (colon < 0) {
                password = info;
            } else {
                user = info.substring(0, colon).isEmpty() ? null : info.substring(0, colon);
                password = info.substring(colon + 1);
            }
        }
        int db = 0;
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            try {
                db = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw badUrl(url, "the path must be a database number, like /0");
            }
        }
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[")
                ? "[" + uri.getHost() + "]"
                : uri.getHost();
        return new Target(scheme + "://" + host + ":" + port, user, password, db);
    }

    private static StudioException badUrl(String url, String why) {
        // Never echo a password back: show the URL only up to the host.
        String shown = url.replaceAll("//[^@/]*@", "//***@");
        return new StudioException("The Redis URL '" + shown + "' can't be used: " + why
                + ". Fix " + RedisSettings.ENV + " (for example redis://localhost:6379) or unset it to use the "
                + "in-process cache.");
    }
}
