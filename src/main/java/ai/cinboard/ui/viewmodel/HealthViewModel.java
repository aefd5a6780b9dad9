package ai.cinboard.ui.viewmodel;

import ai.cinboard.service.SystemStatusService;
import ai.cinboard.service.SystemStatusService.HealthItem;
import ai.cinboard.ui.task.TaskExecutor;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The status bar's health line: database, cache, media and disk, checked in the background. A check that is
 * still running is not started again, so a slow or unreachable server never piles up checks.
 */
public final class HealthViewModel {
    private final SystemStatusService system;
    private final TaskExecutor executor;
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Checking health…");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper healthy = new ReadOnlyBooleanWrapper(true);
    private boolean checking;

    public HealthViewModel(SystemStatusService system, TaskExecutor executor) {
        this.system = system;
        this.executor = executor;
    }

    /** Starts a check unless one is running; the result arrives on the UI thread. */
    public void refresh() {
        if (checking) {
            return;
        }
        checking = true;
        executor.submit(
                system::health,
                items -> {
                    checking = false;
                    summary.set(summarize(items));
                    details.set(items.stream()
                            .map(i -> i.part() + ": " + i.detail())
                            .collect(Collectors.joining("\n")));
                    healthy.set(items.stream().allMatch(HealthItem::ok));
                },
                e -> {
                    checking = false;
                    summary.set("Health check failed: "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                    details.set(summary.get());
                    healthy.set(false);
                });
    }

    /** "database ok · cache ok · media ok · disk ok", or the failing parts named first. */
    static String summarize(List<HealthItem> items) {
        return items.stream()
                .sorted((a, b) -> Boolean.compare(a.ok(), b.ok()))
                .map(i -> i.part() + (i.ok() ? " ok" : i.required() ? " FAILED" : " warning"))
                .collect(Collectors.joining(" · "));
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** One line per part with its detail, for a tooltip. */
    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty healthyProperty() {
        return healthy.getReadOnlyProperty();
    }
}
