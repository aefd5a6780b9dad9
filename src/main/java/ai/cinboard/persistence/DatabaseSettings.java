package ai.cinboard.persistence;

import java.nio.file.Path;

/**
 * Where the database is. With {@code jdbcUrl} null the studio runs its own embedded PostgreSQL with its
 * data under {@code home}; otherwise it connects to that URL (sslmode and other parameters in the URL
 * are passed to the driver as given).
 *
 * @param embeddedPort 0 picks a free loopback port
 * @param poolSize 0 sizes the pool by the HikariCP rule (cores * 2 + 1)
 * @param slowQueryMillis statements slower than this are logged with their timing
 */
public record DatabaseSettings(
        String jdbcUrl, String user, String password, Path home, int embeddedPort, int poolSize, long slowQueryMillis) {

    public boolean embedded() {
        return jdbcUrl == null || jdbcUrl.isBlank();
    }

    public static DatabaseSettings embedded(Path home) {
        return new DatabaseSettings(null, null, null, home, 0, 0, 500);
    }

    /** HikariCP's pool-sizing rule: connections = cores * 2 + effective spindles (1 for an SSD or a small server). */
    public int effectivePoolSize() {
        return poolSize > 0 ? poolSize : Runtime.getRuntime().availableProcessors() * 2 + 1;
    }
}
