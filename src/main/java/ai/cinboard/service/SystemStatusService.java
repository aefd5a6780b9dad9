package ai.cinboard.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The studio's own health and figures, for the status bar and the System status view. Blocking. */
public interface SystemStatusService {

    /** Quick checks of the database, cache, media store and disk, in that order. Never throws. */
    List<HealthItem> health();

    /** Pool usage, cache hit rates, slow statements and row counts. */
    SystemStatus status();

    /** One checked part; {@code required} parts stop the studio from working when they fail. */
    record HealthItem(String part, boolean ok, boolean required, String detail) {}

    record SlowQuery(String sql, long millis, Instant at) {}

    /**
     * @param cacheHitRate 0..1 since the studio started
     * @param rowCounts table name to rows, in the schema's order
     */
    record SystemStatus(
            int poolMaximum,
            int poolActive,
            int poolIdle,
            int poolWaiting,
            String cacheName,
            long cacheHits,
            long cacheMisses,
            double cacheHitRate,
            long statements,
            long slowStatements,
            long slowThresholdMillis,
            List<SlowQuery> slowQueries,
            Map<String, Long> rowCounts) {}
}
