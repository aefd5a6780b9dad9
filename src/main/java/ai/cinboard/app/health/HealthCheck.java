package ai.cinboard.app.health;

import ai.cinboard.app.Studio;
import ai.cinboard.app.StudioConfig;
import ai.cinboard.cache.Cache;
import ai.cinboard.cache.CacheHealth;
import ai.cinboard.cache.Caches;
import ai.cinboard.domain.StudioException;
import ai.cinboard.media.MediaHealth;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.mapper.SystemMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs the checks behind {@code doctor} and the status bar. */
public final class HealthCheck {
    /** Below this the studio can't render a project of typical size. */
    static final long MIN_FREE_DISK_BYTES = 1024L * 1024 * 1024;

    private HealthCheck() {}

    public static HealthReport run(StudioConfig config) {
        HealthReport report = new HealthReport();
        report.add(disk(config.home()));
        long start = System.nanoTime();
        String engines = null;
        try (Studio studio = Studio.openUnchecked(config)) {
            long openMillis = (System.nanoTime() - start) / 1_000_000;
            report.addAll(database(studio.database(), openMillis));
            report.add(cache(studio.cache()));
            report.add(media(studio.media().health()));
        } catch (Studio.PartException e) {
            // The studio opens its parts in turn and stops at the first that fails; check each on its own so the
            // report names the one that failed and still says how the others are.
            engines = e.part().equals("settings") ? e.getMessage() : null;
            partsOnTheirOwn(config, report, e);
        }
        report.add(settings(config, engines));
        return report;
    }

    /** Each part on its own, but not again the one that already failed (a dead store would cost its timeout twice). */
    private static void partsOnTheirOwn(StudioConfig config, HealthReport report, Studio.PartException failed) {
        String part = failed.part();
        if (part.equals("database")) {
            report.add(failure("database", failed.getMessage()));
        } else {
            long start = System.nanoTime();
            try (Database db = Database.open(config.database())) {
                report.addAll(database(db, (System.nanoTime() - start) / 1_000_000));
            } catch (StudioException e) {
                report.add(failure("database", e.getMessage()));
            }
        }
        java.util.List<AutoCloseable> closeables = new java.util.ArrayList<>();
        try {
            // a cache the studio can't open stops it from starting, unlike one lost while it runs
            report.add(part.equals("cache") ? failure("cache", failed.getMessage()) : cacheAlone(config, closeables));
            report.add(
                    part.equals("media")
                            ? failure("media", "media store: " + failed.getMessage())
                            : mediaAlone(config, closeables));
        } finally {
            Studio.closeInReverse(closeables, (what, e) -> {}); // doctor only looked; nothing was written through it
        }
    }

    private static HealthReport.Item cacheAlone(StudioConfig config, java.util.List<AutoCloseable> closeables) {
        try {
            return cache(Studio.openCache(config, closeables));
        } catch (StudioException e) {
            return failure("cache", e.getMessage());
        }
    }

    private static HealthReport.Item mediaAlone(StudioConfig config, java.util.List<AutoCloseable> closeables) {
        try {
            return media(Studio.openMedia(config, closeables).health());
        } catch (StudioException e) {
            return failure("media", "media store: " + e.getMessage());
        }
    }

    /** A required part that failed. */
    private static HealthReport.Item failure(String name, String message) {
        return new HealthReport.Item(name, false, true, message, Map.of());
    }

    /**
     * Every setting the file or the environment gives, read as the studio reads it: one that would stop a render
     * or a connection later is named now, with the values it allows and how to fix it where it was set.
     */
    public static HealthReport.Item settings(StudioConfig config) {
        return settings(config, null);
    }

    private static HealthReport.Item settings(StudioConfig config, String engines) {
        int given = 0;
        for (ai.cinboard.domain.settings.Setting<?> setting : ai.cinboard.domain.settings.SettingsRegistry.all()) {
            StudioConfig.Resolved r = config.resolve(setting);
            boolean fromUser = r.source() == ai.cinboard.domain.settings.SettingSource.FILE
                    || r.source() == ai.cinboard.domain.settings.SettingSource.ENVIRONMENT;
            if (fromUser && r.value() != null && !r.value().isBlank()) {
                given++;
            }
        }
        java.util.List<String> invalid = new java.util.ArrayList<>(config.problems());
        if (engines != null && invalid.isEmpty()) {
            invalid.add(engines); // e.g. an engine set to openai without its server's URL
        }
        return new HealthReport.Item(
                "settings",
                invalid.isEmpty(),
                true,
                invalid.isEmpty()
                        ? given + " set in the file or the environment, all valid"
                        : String.join(" ", invalid),
                Map.of("given", given, "invalid", invalid));
    }

    /** The cache never stops the studio (it falls back to uncached), so a lost cache is a warning. */
    public static HealthReport.Item cache(Cache cache) {
        CacheHealth h = Caches.health(cache);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("name", h.name());
        figures.put(
                "roundTripMillis", h.roundTrip() == null ? null : h.roundTrip().toNanos() / 1e6);
        figures.put("hits", h.stats().hits());
        figures.put("misses", h.stats().misses());
        figures.put("hitRate", h.stats().hitRate());
        return new HealthReport.Item(
                "cache",
                h.reachable(),
                false,
                String.format(
                        "%s, %s, round trip %s, hit rate %.0f%% since start (%d hits, %d misses)",
                        h.name(),
                        h.reachable() ? "reachable" : "UNREACHABLE: " + h.detail(),
                        h.roundTrip() == null
                                ? "n/a"
                                : String.format("%.2f ms", h.roundTrip().toNanos() / 1e6),
                        h.stats().hitRate() * 100,
                        h.stats().hits(),
                        h.stats().misses()),
                figures);
    }

    public static HealthReport.Item media(MediaHealth h) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("store", h.store());
        figures.put(
                "roundTripMillis", h.roundTrip() == null ? null : h.roundTrip().toNanos() / 1e6);
        return new HealthReport.Item(
                "media",
                h.reachable(),
                true,
                String.format(
                        "%s, %s, round trip %s",
                        h.store(),
                        h.reachable() ? "reachable" : "UNREACHABLE: " + h.detail(),
                        h.roundTrip() == null
                                ? "n/a"
                                : String.format("%.2f ms", h.roundTrip().toNanos() / 1e6)),
                figures);
    }

    /** Database reachability with its round trip, schema version and pool figures. */
    public static java.util.List<HealthReport.Item> database(Database db, long openMillis) {
        long ping = System.nanoTime();
        String version = db.read(s -> s.getMapper(SystemMapper.class).serverVersion());
        double pingMillis = (System.nanoTime() - ping) / 1e6;
        Map<String, Object> dbFigures = new LinkedHashMap<>();
        dbFigures.put("url", db.describeUrl());
        dbFigures.put("embedded", db.isEmbedded());
        dbFigures.put("serverVersion", version);
        dbFigures.put("openMillis", openMillis);
        dbFigures.put("roundTripMillis", Math.round(pingMillis * 100) / 100.0);
        Database.PoolStats pool = db.poolStats();
        Map<String, Object> poolFigures = Map.of(
                "maximum", pool.maximum(), "active", pool.active(), "idle", pool.idle(), "waiting", pool.waiting());
        return java.util.List.of(
                new HealthReport.Item(
                        "database",
                        true,
                        true,
                        String.format(
                                "%s PostgreSQL %s at %s, round trip %.2f ms",
                                db.isEmbedded() ? "embedded" : "external", version, db.describeUrl(), pingMillis),
                        dbFigures),
                new HealthReport.Item(
                        "schema",
                        true,
                        true,
                        "version " + db.schemaVersion() + " (migrations applied)",
                        Map.of("version", db.schemaVersion())),
                new HealthReport.Item(
                        "pool",
                        pool.waiting() == 0,
                        false,
                        String.format(
                                "%d max (cores x 2 + 1), %d active, %d idle, %d waiting",
                                pool.maximum(), pool.active(), pool.idle(), pool.waiting()),
                        poolFigures));
    }

    static HealthReport.Item disk(Path home) {
        try {
            Files.createDirectories(home);
            long free = Files.getFileStore(home).getUsableSpace();
            boolean ok = free >= MIN_FREE_DISK_BYTES;
            return new HealthReport.Item(
                    "disk",
                    ok,
                    true,
                    String.format(
                            "%.1f GB free in %s%s",
                            free / 1e9,
                            home,
                            ok ? "" : " (need at least 1 GB: free some space or set CINBOARD_HOME to another disk)"),
                    Map.of("freeBytes", free, "home", home.toString()));
        } catch (IOException e) {
            return new HealthReport.Item(
                    "disk",
                    false,
                    true,
                    "CINBOARD_HOME " + home + " is not usable: " + e.getMessage()
                            + ". Make it writable or set CINBOARD_HOME to a folder you own.",
                    Map.of());
        }
    }
}
