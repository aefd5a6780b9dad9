package ai.cinboard.service.maintenance;

import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.mapper.AuditLogMapper;
import ai.cinboard.persistence.mapper.ProcessingStatusMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Data retention: deletes processing statuses and audit-log entries older than their retention period
 * (90 days and one year by default). Run on demand by {@code cinboard maintenance}; it is not scheduled.
 */
public final class MaintenanceTask {
    public static final Duration DEFAULT_STATUS_RETENTION = Duration.ofDays(90);
    public static final Duration DEFAULT_AUDIT_RETENTION = Duration.ofDays(365);

    /** How many rows were purged from each table. */
    public record Result(int processingStatuses, int auditLog) {}

    private final Database database;
    private final Clock clock;
    private final Duration statusRetention;
    private final Duration auditRetention;

    public MaintenanceTask(Database database) {
        this(database, Clock.systemUTC(), DEFAULT_STATUS_RETENTION, DEFAULT_AUDIT_RETENTION);
    }

    public MaintenanceTask(Database database, Clock clock, Duration statusRetention, Duration auditRetention) {
        if (statusRetention.isNegative()
                || statusRetention.isZero()
                || auditRetention.isNegative()
                || auditRetention.isZero()) {
            throw new IllegalArgumentException("retention periods must be positive");
        }
        this.database = database;
        this.clock = clock;
        this.statusRetention = statusRetention;
        this.auditRetention = auditRetention;
    }

    public Result run() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return database.inTransaction(s -> new Result(
                s.getMapper(ProcessingStatusMapper.class).deleteCreatedBefore(now.minus(statusRetention)),
                s.getMapper(AuditLogMapper.class).deleteCreatedBefore(now.minus(auditRetention))));
    }
}
