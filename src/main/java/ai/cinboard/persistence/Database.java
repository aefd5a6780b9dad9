package ai.cinboard.persistence;

import ai.cinboard.domain.StudioException;
import ai.cinboard.persistence.mapper.AuditLogMapper;
import ai.cinboard.persistence.mapper.CharacterImageMapper;
import ai.cinboard.persistence.mapper.CharacterMapper;
import ai.cinboard.persistence.mapper.FinalVideoMapper;
import ai.cinboard.persistence.mapper.InputRecordMapper;
import ai.cinboard.persistence.mapper.KeyframeImageMapper;
import ai.cinboard.persistence.mapper.KeyframeMapper;
import ai.cinboard.persistence.mapper.LoginFailureMapper;
import ai.cinboard.persistence.mapper.ProcessingStatusMapper;
import ai.cinboard.persistence.mapper.RenderUnitMapper;
import ai.cinboard.persistence.mapper.SceneCharacterMapper;
import ai.cinboard.persistence.mapper.SceneMapper;
import ai.cinboard.persistence.mapper.SystemMapper;
import ai.cinboard.persistence.mapper.UserMapper;
import ai.cinboard.persistence.mapper.VideoClipMapper;
import ai.cinboard.persistence.mapper.VoiceoverMapper;
import ai.cinboard.persistence.type.PhaseStatusTypeHandler;
import ai.cinboard.persistence.type.PhaseTypeHandler;
import ai.cinboard.persistence.type.RecordStatusTypeHandler;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.session.TransactionIsolationLevel;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.postgresql.Driver;
import org.postgresql.PGProperty;
import org.postgresql.ssl.DefaultJavaSSLFactory;
import org.postgresql.ssl.LibPQFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The studio's database: the connection pool, the schema (Flyway, migrated before anything else uses
 * the database) and the one {@link SqlSessionFactory}. Work runs in units of work: one session and one
 * transaction, committed on success and rolled back on failure.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /**
     * The driver's own log (java.util.logging, straight to the console) is silenced: a connection attempt that met
     * a server shutting down printed "Failed to closed stream" with a stack trace. The studio says itself what is
     * wrong with the database (unreachable, back again), in one line. Held here: JUL keeps loggers weakly.
     */
    private static final java.util.logging.Logger DRIVER_LOG = quietDriverLog();

    private static java.util.logging.Logger quietDriverLog() {
        java.util.logging.Logger driver = java.util.logging.Logger.getLogger("org.postgresql");
        driver.setLevel(java.util.logging.Level.OFF);
        return driver;
    }

    private final HikariDataSource dataSource;
    private final SqlSessionFactory sessions;
    private final StatementMonitor monitor;
    private final EmbeddedPostgresServer embedded;
    private final String schemaVersion;
    /** Team mode: the signed-in user that row-level security admits (cinboard.user_id); null admits no project. */
    private volatile Integer actingUserId;

    private Database(
            HikariDataSource dataSource,
            SqlSessionFactory sessions,
            StatementMonitor monitor,
            EmbeddedPostgresServer embedded,
            String schemaVersion) {
        this.dataSource = dataSource;
        this.sessions = sessions;
        this.monitor = monitor;
        this.embedded = embedded;
        this.schemaVersion = schemaVersion;
    }

    /** Starts (or connects to) the database, migrates it, and builds MyBatis. Fails with a StudioException. */
    public static Database open(DatabaseSettings settings) {
        EmbeddedPostgresServer embedded = null;
        String url = settings.jdbcUrl();
        String user = settings.user();
        if (settings.embedded()) {
            embedded = EmbeddedPostgresServer.start(settings.home(), settings.embeddedPort());
            url = embedded.jdbcUrl();
            user = embedded.user();
        } else if (!url.startsWith("jdbc:postgresql://")) {
            throw new StudioException("CINBOARD_DB_URL \"" + url + "\" is not a PostgreSQL JDBC URL. Use the form"
                    + " jdbc:postgresql://HOST:PORT/DATABASE (for example jdbc:postgresql://db.example:5432/cinboard"
                    + "?sslmode=verify-full), or unset it to use the embedded database.");
        } else {
            requireVerifiedTls(url);
        }
        HikariDataSource pool = null;
        try {
            pool = createPool(url, user, settings.password(), settings.effectivePoolSize());
            String version = migrate(pool, url);
            StatementMonitor monitor = new StatementMonitor(settings.slowQueryMillis());
            return new Database(pool, buildSessionFactory(pool, monitor), monitor, embedded, version);
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    private static HikariDataSource createPool(String url, String user, String password, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("cinboard");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(1);
        config.setAutoCommit(false);
        config.addDataSourceProperty("ApplicationName", "cinboard-studio");
        config.addDataSourceProperty("connectTimeout", "10");
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw connectionProblem(url, user, e);
        }
    }

    /**
     * A server on another machine is reached only over TLS that checks the certificate and the host name
     * (sslmode=verify-full): the driver's default, "prefer", falls back to plain text and trusts any certificate.
     * Loopback needs no TLS: the traffic never leaves this machine. The URL is read by the driver's own parser
     * ({@link Driver#parseURL}), so what is checked is what the driver will use: decoded values, libpq aliases
     * such as {@code ?host=}, a service file. A custom SSL factory or host-name verifier could trust any
     * certificate, and a setting given twice leaves the reader to guess which one counts: both are refused.
     */
    public static void requireVerifiedTls(String url) {
        Properties props = Driver.parseURL(url, null);
        if (props == null) {
            throw new StudioException("CINBOARD_DB_URL \"" + redact(url) + "\" is not a URL the PostgreSQL driver"
                    + " can read. Use the form jdbc:postgresql://HOST:PORT/DATABASE?sslmode=verify-full.");
        }
        int query = url.indexOf('?');
        if (query >= 0) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String param : url.substring(query + 1).split("&")) {
                String name = param.split("=", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
                if (!name.isEmpty() && !seen.add(name)) {
                    throw new StudioException("CINBOARD_DB_URL gives " + name + " more than once. Give each setting"
                            + " once (for TLS: sslmode=verify-full).");
                }
            }
        }
        String sslmode = props.getProperty(PGProperty.SSL_MODE.getName(), "");
        String factory = props.getProperty(PGProperty.SSL_FACTORY.getName());
        String verifier = props.getProperty(PGProperty.SSL_HOSTNAME_VERIFIER.getName());
        for (String hostSpec :
                props.getProperty(PGProperty.PG_HOST.getName(), "").split(",")) {
            String host = hostSpec.strip();
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (isLoopback(host)) {
                continue;
            }
            if (!sslmode.equals("verify-full")) {
                throw new StudioException(
                        "CINBOARD_DB_URL points at " + host + ", another machine, without"
                                + " sslmode=verify-full"
                                + (sslmode.isEmpty() ? "" : " (it has sslmode=" + sslmode + ")")
                                + ". Add ?sslmode=verify-full to the URL (with sslrootcert=PATH if the server's CA is not in"
                                + " ~/.postgresql/root.crt) so the connection is encrypted and the server's certificate checked.");
            }
            if (factory != null
                    && !factory.equals(LibPQFactory.class.getName())
                    && !factory.equals(DefaultJavaSSLFactory.class.getName())) {
                throw new StudioException("CINBOARD_DB_URL points at " + host + " with sslfactory=" + factory
                        + ", which decides itself which certificates to trust. Remove sslfactory: with"
                        + " sslmode=verify-full the driver checks the certificate against sslrootcert.");
            }
            if (verifier != null) {
                throw new StudioException("CINBOARD_DB_URL points at " + host + " with sslhostnameverifier=" + verifier
                        + ", which replaces the driver's host-name check. Remove sslhostnameverifier.");
            }
        }
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        return h.isEmpty() || h.equals("localhost") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
    }

    /** Turns a driver failure into one line that names the setting to fix. */
    static StudioException connectionProblem(String url, String user, Throwable e) {
        SQLException sql = findCause(e, SQLException.class);
        String state = sql == null ? "" : String.valueOf(sql.getSQLState());
        String where = redact(url);
        if (state.equals("28P01") || state.equals("28000")) {
            return new StudioException(
                    "The database refused the login for user \"" + user + "\" at " + where
                            + " (wrong password or user). Check CINBOARD_DB_USER and CINBOARD_DB_PASSWORD.",
                    e);
        }
        if (state.equals("3D000")) {
            return new StudioException(
                    "The database named in CINBOARD_DB_URL (" + where + ") does not exist."
                            + " Create it (CREATE DATABASE …) or fix the URL.",
                    e);
        }
        if (state.startsWith("08")) {
            return new StudioException(
                    "Can't connect to the database at " + where + ": "
                            + EmbeddedPostgresServer.rootMessage(e) + ". Check that PostgreSQL is running and that"
                            + " CINBOARD_DB_URL has the right host and port (and sslmode if the server needs TLS).",
                    e);
        }
        return new StudioException(
                "Can't open the database at " + where + ": " + EmbeddedPostgresServer.rootMessage(e)
                        + ". Check CINBOARD_DB_URL, CINBOARD_DB_USER and CINBOARD_DB_PASSWORD.",
                e);
    }

    private static String migrate(DataSource dataSource, String url) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
        MigrationInfo[] all = flyway.info().all();
        MigrationInfo newest = Arrays.stream(all)
                .filter(m ->
                        m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)
                .reduce((a, b) -> b)
                .orElse(null);
        if (newest != null) {
            throw new StudioException("The database at " + redact(url) + " was migrated by a newer CinBoard Studio"
                    + " (schema version " + newest.getVersion() + "; this version knows up to "
                    + latestLocalVersion(all) + "). Upgrade the studio, or point CINBOARD_DB_URL at another database.");
        }
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            throw new StudioException(
                    "The database schema at " + redact(url) + " could not be brought up to date: "
                            + e.getMessage().lines().findFirst().orElse("")
                            + ". If a migration file was edited after it ran,"
                            + " restore the original file; otherwise restore the database from a backup.",
                    e);
        }
        MigrationInfo current = flyway.info().current();
        return current == null ? "none" : current.getVersion().getVersion();
    }

    private static String latestLocalVersion(MigrationInfo[] all) {
        return Arrays.stream(all)
                .filter(m -> m.getState() != MigrationState.FUTURE_SUCCESS
                        && m.getState() != MigrationState.FUTURE_FAILED
                        && m.getVersion() != null)
                .map(m -> m.getVersion().getVersion())
                .reduce((a, b) -> b)
                .orElse("none");
    }

    private static SqlSessionFactory buildSessionFactory(DataSource dataSource, StatementMonitor monitor) {
        Configuration configuration =
                new Configuration(new Environment("studio", new JdbcTransactionFactory(), dataSource));
        configuration.setMapUnderscoreToCamelCase(true);
        configuration.setCacheEnabled(false); // caching belongs in the service layer
        configuration.setLocalCacheScope(org.apache.ibatis.session.LocalCacheScope.STATEMENT);
        configuration.setDefaultStatementTimeout(120);
        // Only the enums are registered by type. The JSONB and array handlers are named in each mapper's XML:
        // registered globally, MyBatis would apply them to every Integer or Map result.
        var handlers = configuration.getTypeHandlerRegistry();
        handlers.register(PhaseTypeHandler.class);
        handlers.register(PhaseStatusTypeHandler.class);
        handlers.register(RecordStatusTypeHandler.class);
        for (Class<?> mapper : new Class<?>[] {
            UserMapper.class,
            InputRecordMapper.class,
            ProcessingStatusMapper.class,
            SceneMapper.class,
            SceneCharacterMapper.class,
            CharacterMapper.class,
            CharacterImageMapper.class,
            KeyframeMapper.class,
            KeyframeImageMapper.class,
            VideoClipMapper.class,
            VoiceoverMapper.class,
            FinalVideoMapper.class,
            SystemMapper.class,
            AuditLogMapper.class,
            LoginFailureMapper.class,
            RenderUnitMapper.class
        }) {
            configuration.addMapper(mapper);
        }
        configuration.addInterceptor(monitor);
        return new SqlSessionFactoryBuilder().build(configuration);
    }

    /**
     * Team mode: from now on every unit of work sets {@code cinboard.user_id} for its transaction, so PostgreSQL's
     * row-level security (V7) shows a role that doesn't own the tables only this user's projects. The embedded
     * server's role owns the tables and bypasses the policies, so single-user mode never needs this.
     */
    public void actAs(Integer userId) {
        this.actingUserId = userId;
    }

    /**
     * Work over every user's rows (backup, restore, the media sweep) must not run as a role that row-level
     * security (V7) limits to one user's projects: it would silently miss the others. Only a role that owns the
     * tables, or bypasses RLS, sees them all.
     *
     * @param consequence what would go wrong, e.g. "a backup would be incomplete"
     * @param task what to run as the owner instead, e.g. "backup and restore"
     */
    public static void requireAllRows(java.sql.Connection c, String consequence, String task) throws SQLException {
        try (var st = c.createStatement();
                var rs = st.executeQuery(
                        "SELECT current_user, string_agg(t.relname, ', ' ORDER BY t.relname) FROM pg_class t"
                                + " WHERE t.relnamespace = current_schema()::text::regnamespace AND t.relrowsecurity"
                                + " AND NOT pg_has_role(current_user, t.relowner, 'USAGE')"
                                + " AND NOT (SELECT rolbypassrls OR rolsuper FROM pg_roles WHERE rolname = current_user)")) {
            rs.next();
            if (rs.getString(2) != null) {
                throw new StudioException("The database user \"" + rs.getString(1) + "\" sees only its own rows in "
                        + rs.getString(2) + " (row-level security), so " + consequence + ". Set CINBOARD_DB_USER to the"
                        + " role that owns the tables (cinboard_owner) for " + task + ".");
            }
        }
    }

    private void applyActingUser(SqlSession session) {
        Integer userId = actingUserId;
        if (userId == null) {
            return;
        }
        try (var ps = session.getConnection().prepareStatement("SELECT set_config('cinboard.user_id', ?, true)")) {
            ps.setString(1, userId.toString());
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set the row-level security user: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one transaction; commits if it returns, rolls back if it throws. */
    public <T> T inTransaction(Function<SqlSession, T> work) {
        try (SqlSession session = sessions.openSession(ExecutorType.SIMPLE, false)) {
            try {
                applyActingUser(session);
                T result = work.apply(session);
                // Forced: inserts are RETURNING selects, which MyBatis doesn't count as changes.
                session.commit(true);
                return result;
            } catch (RuntimeException e) {
                throw rolledBack(session, e);
            }
        }
    }

    /**
     * Rolls the session back after {@code failure}, which is still what the caller hears: when the connection broke
     * (the server went away), the rollback fails too ("Connection is closed"), and must not hide why.
     */
    private static RuntimeException rolledBack(SqlSession session, RuntimeException failure) {
        try {
            session.rollback(true);
        } catch (RuntimeException rollbackFailed) {
            failure.addSuppressed(rollbackFailed);
        }
        return failure;
    }

    /** {@link #inTransaction(Function)} for work that returns nothing. */
    public void useTransaction(Consumer<SqlSession> work) {
        inTransaction(session -> {
            work.accept(session);
            return null;
        });
    }

    /** A read-only unit of work over one consistent snapshot (REPEATABLE READ), so a multi-query read sees one state. */
    public <T> T read(Function<SqlSession, T> work) {
        try (SqlSession session = sessions.openSession(TransactionIsolationLevel.REPEATABLE_READ)) {
            T result;
            try {
                applyActingUser(session);
                result = work.apply(session);
            } catch (RuntimeException e) {
                throw rolledBack(session, e);
            }
            session.rollback(true);
            return result;
        }
    }

    public String schemaVersion() {
        return schemaVersion;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** The JDBC URL without credentials, for doctor and logs. */
    public String describeUrl() {
        return redact(dataSource.getJdbcUrl());
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * A connection of its own, outside the pool, for a caller that holds it as long as it runs (a worker listening
     * for notifications): held from the pool, it would take one of the connections its units need. Reads time out
     * after {@code socketTimeoutSeconds}, so a link that died without a word is noticed.
     */
    public java.sql.Connection dedicatedConnection(int socketTimeoutSeconds) throws java.sql.SQLException {
        java.util.Properties p = new java.util.Properties();
        if (dataSource.getUsername() != null) p.setProperty("user", dataSource.getUsername());
        if (dataSource.getPassword() != null) p.setProperty("password", dataSource.getPassword());
        p.setProperty("ApplicationName", "cinboard-studio");
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", String.valueOf(socketTimeoutSeconds));
        p.setProperty("tcpKeepAlive", "true");
        return java.sql.DriverManager.getConnection(dataSource.getJdbcUrl(), p);
    }

    public StatementMonitor statementMonitor() {
        return monitor;
    }

    public PoolStats poolStats() {
        HikariPoolMXBean bean = dataSource.getHikariPoolMXBean();
        return new PoolStats(
                dataSource.getMaximumPoolSize(),
                bean.getActiveConnections(),
                bean.getIdleConnections(),
                bean.getThreadsAwaitingConnection());
    }

    /** Pool figures for doctor and the System status view. */
    public record PoolStats(int maximum, int active, int idle, int waiting) {}

    @Override
    public void close() {
        dataSource.close();
        if (embedded != null) {
            embedded.close();
        }
        LOG.debug("Database closed");
    }

    /** {@code url} without the password it may carry (a {@code password=} parameter, or user:password@host). */
    public static String redact(String url) {
        return url == null
                ? ""
                : url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("(//[^/:@]+:)[^@/]*@", "$1***@");
    }

    /**
     * Whether {@code e} comes of the database server being out of reach rather than of the work: no connection
     * could be had (refused, timed out: SQLSTATE class 08, or the pool's wait for one ran out), or the server ended
     * the session as it shut down, crashed or was still starting (57P01, 57P02, 57P03). The same work can succeed
     * once the server answers again.
     */
    public static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The innermost cause's message, for a one-line report. */
    public static String rootMessage(Throwable e) {
        return EmbeddedPostgresServer.rootMessage(e);
    }

    private static <X extends Throwable> X findCause(Throwable e, Class<X> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
