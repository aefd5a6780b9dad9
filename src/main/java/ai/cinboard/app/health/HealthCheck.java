package ai.cinboard.app.health;

import ai.cinboard.app.StudioConfig;
import ai.cinboard.domain.StudioException;
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

    private HealthCheck() {
    }

    public static HealthReport run(StudioConfig config) {
        HealthReport report = new HealthReport();
        report.add(disk(config.home()));
        long start = System.nanoTime();
        try (Database db = Database.open(config.database())) {
            long openMillis = (System.nanoTime() - start) / 1_000_000;
            report.addAll(database(db, openMillis));
        } catch (StudioException e) {
            report.add(new HealthReport.Item("database", false, true, e.getMessage(), Map.of()));
        }
        return report;
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
        Map<String, Object> poolFigures = Map.of("maximum", pool.maximum(), "active", pool.active(),
                "idle", pool.idle(), "waiting", pool.waiting());
        return java.util.List.of(
                new HealthReport.Item("database", true, true, String.format("%s PostgreSQL %s at %s, round trip %.2f ms",
                        db.isEmbedded() ? "embedded" : "external", version, db.describeUrl(), pingMillis), dbFigures),
                new HealthReport.Item("schema", true, true, "version " + db.schemaVersion() + " (migrations applied)",
                        Map.of("version", db.schemaVersion())),
                new HealthReport.Item("pool", pool.waiting() == 0, false, String.format(
                        "%d max (cores x 2 + 1), %d active, %d idle, %d waiting", pool.maximum(), pool.active(),
                        pool.idle(), pool.waiting()), poolFigures));
    }

    static HealthReport.Item disk(Path home) {
        try {
            Files.createDirectories(home);
            long free = Files.getFileStore(home).getUsableSpace();
            boolean ok = free >= MIN_FREE_DISK_BYTES;
            return new HealthReport.Item("disk", ok, true, String.format("%.1f GB free in %s%s", free / 1e9, home,
                    ok ? "" : " (need at least 1 GB: free some space or set CINBOARD_HOME to another disk)"),
                    Map.of("freeBytes", free, "home", home.toString()));
        } catch (IOException e) {
            return new HealthReport.Item("disk", false, true, "CINBOARD_HOME " + home + " is not usable: "
                    + e.getMessage() + ". Make it writable or set CINBOARD_HOME to a folder you own.", Map.of());
        }
    }
}
