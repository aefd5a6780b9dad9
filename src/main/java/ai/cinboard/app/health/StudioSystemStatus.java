package ai.cinboard.app.health;

import ai.cinboard.app.Studio;
import ai.cinboard.cache.CacheHealth;
import ai.cinboard.cache.Caches;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.StatementMonitor;
import ai.cinboard.persistence.mapper.SystemMapper;
import ai.cinboard.service.SystemStatusService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link SystemStatusService} over a running studio: the same checks as {@code doctor}, without reopening it. */
public final class StudioSystemStatus implements SystemStatusService {
    private final Studio studio;

    public StudioSystemStatus(Studio studio) {
        this.studio = studio;
    }

    @Override
    public List<HealthItem> health() {
        List<HealthReport.Item> items = new ArrayList<>();
        try {
            items.add(HealthCheck.database(studio.database(), 0).get(0));
        } catch (RuntimeException e) {
            items.add(new HealthReport.Item("database", false, true, "UNREACHABLE: " + e.getMessage(), Map.of()));
        }
        items.add(HealthCheck.cache(studio.cache()));
        items.add(HealthCheck.media(studio.media().health()));
        items.add(HealthCheck.disk(studio.config().home()));
        return items.stream()
                .map(i -> new HealthItem(i.name(), i.ok(), i.required(), i.detail()))
                .toList();
    }

    @Override
    public SystemStatus status() {
        Database db = studio.database();
        Database.PoolStats pool = db.poolStats();
        CacheHealth cache = Caches.health(studio.cache());
        StatementMonitor monitor = db.statementMonitor();
        Map<String, Long> rows = new LinkedHashMap<>();
        db.read(s -> s.getMapper(SystemMapper.class).rowCounts())
                .forEach(r -> rows.put((String) r.get("table_name"), ((Number) r.get("row_count")).longValue()));
        return new SystemStatus(
                pool.maximum(),
                pool.active(),
                pool.idle(),
                pool.waiting(),
                cache.name(),
                cache.stats().hits(),
                cache.stats().misses(),
                cache.stats().hitRate(),
                monitor.statementCount(),
                monitor.slowStatementCount(),
                monitor.slowThresholdMillis(),
                monitor.recentSlowStatements().stream()
                        .map(q -> new SlowQuery(q.sql(), q.millis(), q.at()))
                        .toList(),
                rows);
    }
}
