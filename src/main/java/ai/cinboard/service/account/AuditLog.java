package ai.cinboard.service.account;

import ai.cinboard.domain.AuditEntry;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.mapper.AuditLogMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.ibatis.session.SqlSession;

/**
 * The security audit trail in {@code audit_log}. Accounts record logins, failed logins, registrations,
 * logouts and deactivations here; exports (every format, CLI and window), project deletions, settings saves,
 * backups and restores are recorded by their callers through {@link #export}, {@link #deletion},
 * {@link #settingsChange} and {@link #record}.
 */
public final class AuditLog {
    public static final String LOGIN = "login";
    public static final String LOGIN_FAILED = "login_failed";
    public static final String LOGOUT = "logout";
    public static final String LOGOUT_EVERYWHERE = "logout_everywhere";
    public static final String REGISTER = "register";
    public static final String DEACTIVATE = "deactivate";
    public static final String EXPORT = "export";
    public static final String DELETE = "delete";
    public static final String SETTINGS_CHANGE = "settings_change";
    public static final String BACKUP = "backup";
    public static final String RESTORE = "restore";
    public static final String IMPORT = "import";

    private final Database database;

    public AuditLog(Database database) {
        this.database = database;
    }

    /** Records one event in its own transaction, so it is kept even if the caller's work then fails. */
    public long record(Integer userId, String action, Map<String, ?> detail, String ipAddress) {
        return database.inTransaction(s -> record(s, userId, action, detail, ipAddress));
    }

    /** Records one event inside the caller's transaction: it commits or rolls back with that work. */
    public static long record(
            SqlSession session, Integer userId, String action, Map<String, ?> detail, String ipAddress) {
        Map<String, Object> copy = detail == null ? null : new LinkedHashMap<>(detail);
        return session.getMapper(AuditLogMapper.class)
                .insert(new AuditEntry(null, userId, action, copy, truncateIp(ipAddress), null));
    }

    public long export(Integer userId, int projectId, String format, String target) {
        return record(
                userId,
                EXPORT,
                Map.of("inputRecordId", projectId, "format", format, "target", String.valueOf(target)),
                null);
    }

    /** A deletion, inside the transaction that deletes: recorded exactly when the deletion commits. */
    public static long deletion(SqlSession session, int userId, String what, int id) {
        return record(session, userId, DELETE, Map.of("what", what, "id", id), null);
    }

    public long settingsChange(int userId, Map<String, ?> changed) {
        return record(userId, SETTINGS_CHANGE, changed, null);
    }

    private static String truncateIp(String ip) {
        // ip_address is VARCHAR(45), the longest textual IPv6 form; anything longer is not an address.
        return ip == null || ip.length() <= 45 ? ip : ip.substring(0, 45);
    }
}
