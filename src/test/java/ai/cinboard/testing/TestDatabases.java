package ai.cinboard.testing;

import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server for the whole test run, and a fresh, empty database on it for each caller,
 * opened through the same {@link Database#open} path the studio uses for an external server.
 */
public final class TestDatabases {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabases() {}

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return server;
    }

    /**
     * A test server: throwaway data, so fsync and synchronous commits off for speed, explicitly (zonky's defaults).
     * The studio's own server runs with both on (EmbeddedPostgresServer, EmbeddedDurabilityTest).
     */
    static EmbeddedPostgres.Builder builder() {
        return EmbeddedPostgres.builder().setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off");
    }

    /** Creates an empty database and returns its JDBC URL. */
    public static String createEmptyDatabase() {
        return createEmptyDatabase(server());
    }

    /** Creates an empty database on {@code server} and returns its JDBC URL. */
    static String createEmptyDatabase(EmbeddedPostgres server) {
        String name = "test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return "jdbc:postgresql://localhost:" + server.getPort() + "/" + name;
    }

    /** A migrated, empty studio database. */
    public static Database open() {
        return Database.open(settings(createEmptyDatabase()));
    }

    public static DatabaseSettings settings(String jdbcUrl) {
        try {
            Path home = Files.createTempDirectory("cinboard-test-home");
            return new DatabaseSettings(jdbcUrl, "postgres", null, home, 0, 3, 500);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
