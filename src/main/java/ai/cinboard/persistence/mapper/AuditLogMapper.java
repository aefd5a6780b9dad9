package ai.cinboard.persistence.mapper;

import ai.cinboard.domain.AuditEntry;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** MyBatis mapper for {@code audit_log}; SQL in AuditLogMapper.xml beside it. */
public interface AuditLogMapper {
    /** Inserts the row (its id and created_at are ignored) and returns the generated id. */
    long insert(AuditEntry row);

    /** The newest entries first. */
    List<AuditEntry> listRecent(@Param("limit") int limit);

    List<AuditEntry> listByUser(@Param("userId") int userId);

    /** Deletes entries created before the cutoff; returns how many. */
    int deleteCreatedBefore(@Param("cutoff") OffsetDateTime cutoff);
}
