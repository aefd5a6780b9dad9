package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.health.StudioSystemStatus;
import ai.cinboard.service.SystemStatusService.HealthItem;
import ai.cinboard.service.SystemStatusService.SystemStatus;
import ai.cinboard.testing.TestStudios;
import ai.cinboard.ui.task.CurrentThreadTaskExecutor;
import ai.cinboard.ui.viewmodel.SystemStatusViewModel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The System status service over a real studio: health of every part, pool, cache, slow statements, rows. */
class SystemStatusTest {

    @Test
    void aRunningStudioReportsItsHealthAndFigures() {
        Path home = TestStudios.tempHome();
        Map<String, String> env = new HashMap<>(TestStudios.environment(home));
        env.put("CINBOARD_SLOW_QUERY_MS", "0"); // every statement counts as slow, so the log has entries
        try (Studio studio = Studio.open(StudioConfig.load(env))) {
            StudioSystemStatus system = new StudioSystemStatus(studio);

            List<HealthItem> health = system.health();
            assertEquals(
                    List.of("database", "cache", "media", "disk"),
                    health.stream().map(HealthItem::part).toList());
            health.forEach(h -> assertTrue(h.ok(), h.part() + ": " + h.detail()));

            SystemStatus status = system.status();
            assertEquals(studio.database().poolStats().maximum(), status.poolMaximum());
            assertTrue(status.poolActive() <= status.poolMaximum());
            assertTrue(status.statements() > 0);
            assertEquals(0, status.slowThresholdMillis());
            assertFalse(status.slowQueries().isEmpty());
            assertTrue(status.slowQueries().size() <= 20, "the slow log is bounded");
            assertEquals(1L, status.rowCounts().get("users"), "the local profile");
            assertEquals(14, status.rowCounts().size());

            SystemStatusViewModel vm = new SystemStatusViewModel(system, new CurrentThreadTaskExecutor());
            vm.refresh();
            assertTrue(
                    vm.rows().stream()
                            .anyMatch(r -> r.section().equals("Rows")
                                    && r.name().equals("users")
                                    && r.value().equals("1")),
                    vm.rows().toString());
            assertTrue(
                    vm.rows().stream()
                            .anyMatch(r -> r.section().equals("Health")
                                    && r.name().equals("database")
                                    && r.value().startsWith("ok: ")),
                    vm.rows().toString());
        }
    }
}
