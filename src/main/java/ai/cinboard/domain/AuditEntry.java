package ai.cinboard.domain;

import java.time.OffsetDateTime;
import java.util.Map;

/** A row of {@code audit_log}. {@code userId} is null for events without a known user and after the user is deleted. */
public record AuditEntry(
        Long id,
        Integer userId,
        String action,
        Map<String, Object> detail,
        String ipAddress,
        OffsetDateTime createdAt) {}
