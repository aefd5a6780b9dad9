package ai.cinboard.ui.viewmodel;

import ai.cinboard.service.SystemStatusService;
import ai.cinboard.service.SystemStatusService.HealthItem;
import ai.cinboard.service.SystemStatusService.SystemStatus;
import ai.cinboard.ui.task.TaskExecutor;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The System status view: health, pool usage, cache hit rate, slow statements and row counts, as rows. */
public final class SystemStatusViewModel {
    /** One line of the view: a section (Health, Pool, …), a name and its value. */
    public record Row(String section, String name, String value) {}

    private record Snapshot(List<HealthItem> health, SystemStatus status) {}

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private final SystemStatusService system;
    private final TaskExecutor executor;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);

    public SystemStatusViewModel(SystemStatusService system, TaskExecutor executor) {
        this.system = system;
        this.executor = executor;
    }

    public void refresh() {
        if (loading.get()) {
            return;
        }
        loading.set(true);
        executor.submit(
                () -> new Snapshot(system.health(), system.status()),
                snapshot -> {
                    loading.set(false);
                    error.set("");
                    rows.setAll(rowsOf(snapshot.health(), snapshot.status()));
                },
                e -> {
                    loading.set(false);
                    error.set("Could not read the system status: "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                });
    }

    static List<Row> rowsOf(List<HealthItem> health, SystemStatus s) {
        List<Row> rows = new ArrayList<>();
        health.forEach(h -> rows.add(
                new Row("Health", h.part(), (h.ok() ? "ok: " : h.required() ? "FAILED: " : "warning: ") + h.detail())));
        rows.add(new Row("Connection pool", "in use", s.poolActive() + " of " + s.poolMaximum()));
        rows.add(new Row("Connection pool", "idle", Integer.toString(s.poolIdle())));
        rows.add(new Row("Connection pool", "waiting for a connection", Integer.toString(s.poolWaiting())));
        rows.add(new Row(
                "Cache",
                s.cacheName(),
                String.format(
                        "hit rate %.0f%% (%d hits, %d misses)",
                        s.cacheHitRate() * 100, s.cacheHits(), s.cacheMisses())));
        rows.add(new Row("Statements", "run since start", Long.toString(s.statements())));
        rows.add(new Row(
                "Statements", "slow (≥ " + s.slowThresholdMillis() + " ms)", Long.toString(s.slowStatements())));
        s.slowQueries()
                .forEach(q -> rows.add(new Row(
                        "Slow statements",
                        q.millis() + " ms at " + TIME.format(q.at()),
                        q.sql().length() > 300 ? q.sql().substring(0, 300) + "…" : q.sql())));
        s.rowCounts().forEach((table, n) -> rows.add(new Row("Rows", table, Long.toString(n))));
        return rows;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }
}
