package ai.cinboard.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of one test's own, which the test can stop and start again on the same data directory and
 * port: the team's database server going away (a restart, a crash, a failover) and coming back at the same address.
 * {@link #stop()} is {@code pg_ctl stop -m fast}: the server ends every session, and until {@link #start()} a
 * connection is refused.
 */
public final class RestartablePostgres implements AutoCloseable {
    private final Path data;
    private final int port;
    private EmbeddedPostgres server;

    public RestartablePostgres() throws IOException {
        data = Files.createTempDirectory("cinboard-restartable-pg");
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        start();
    }

    /** Starts the server (again), on the same data and port; returns once it accepts connections. */
    public synchronized void start() throws IOException {
        if (server == null) {
            server = TestDatabases.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false) // kept across stop() and start(); close() deletes it
                    .setPort(port)
                    .start();
        }
    }

    /** Stops the server: its sessions are ended and new connections refused. Returns once it is down. */
    public synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Creates an empty database on the running server and returns its JDBC URL (valid across restarts). */
    public synchronized String createEmptyDatabase() {
        return TestDatabases.createEmptyDatabase(server);
    }

    @Override
    public synchronized void close() throws IOException {
        stop();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
