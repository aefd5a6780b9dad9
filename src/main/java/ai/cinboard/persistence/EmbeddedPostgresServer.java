package ai.cinboard.persistence;

import ai.cinboard.domain.StudioException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The studio's own PostgreSQL server: a real server (zonky's packaged binaries) with its data directory
 * under CINBOARD_HOME/db, listening on a loopback port.
 *
 * <p>It runs durably: fsync, synchronous commits and full-page writes on, unlike zonky's test defaults, because it
 * holds a creator's whole library.
 *
 * <p>One studio process owns a home at a time: it holds {@code studio.lock}. A second process on the same
 * home is refused with a message naming the owner, rather than attaching to a server that would vanish
 * when the owner exits. A server orphaned by a killed studio (postmaster.pid alive, no lock holder) is
 * shut down and restarted; PostgreSQL's WAL recovery makes its data consistent.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    static final String DATABASE = "cinboard";
    static final String USER = "postgres";
    /** The server settings that make every commit durable; FsyncCostBenchmark measures what they cost. */
    static final Map<String, String> DURABLE =
            Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on");
    /** Below this, initdb or a checkpoint could fail half-way; refuse before starting instead. */
    private static final long MIN_FREE_BYTES = 200L * 1024 * 1024;

    private final EmbeddedPostgres postgres;
    private final HomeLock lock;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, HomeLock lock) {
        this.postgres = postgres;
        this.lock = lock;
    }

    public static EmbeddedPostgresServer start(Path home, int port) {
        Path dataDir = home.resolve("db");
        checkHomeUsable(home);
        HomeLock lock = HomeLock.acquire(home);
        try {
            recoverOrphanedServer(dataDir);
            int chosenPort = choosePort(port);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(chosenPort)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPGStartupWait(Duration.ofSeconds(60));
            // zonky's defaults are test settings (-F, synchronous_commit=off): a power cut could lose committed
            // edits or corrupt the library. "-c fsync=on" comes after zonky's -F on the command line and wins.
            DURABLE.forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder.start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, lock);
            server.createDatabaseIfMissing();
            LOG.debug("Embedded PostgreSQL on 127.0.0.1:{} with data in {}", chosenPort, dataDir);
            return server;
        } catch (IOException | RuntimeException e) {
            lock.release();
            if (e instanceof StudioException se) {
                throw se;
            }
            // zonky's own ERROR lines are kept off the console (logback.xml); the details are here, at debug
            LOG.debug("The embedded PostgreSQL did not start", e);
            throw new StudioException(
                    "The embedded database in " + dataDir + " did not start: " + rootMessage(e)
                            + ". Check that the folder is writable and has free space, or set CINBOARD_DB_URL to use"
                            + " another PostgreSQL.",
                    e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    public String user() {
        return USER;
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        } finally {
            lock.release();
        }
    }

    private void createDatabaseIfMissing() {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            st.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new StudioException(
                    "Could not create the studio database in the embedded server: " + e.getMessage(), e);
        }
    }

    static void checkHomeUsable(Path home) {
        try {
            Files.createDirectories(home);
            Path probe = Files.createTempFile(home, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new StudioException(
                    "CINBOARD_HOME " + home + " is not writable (" + rootMessage(e)
                            + "). Make it writable, or set CINBOARD_HOME to a folder you own.",
                    e);
        }
        try {
            long free = Files.getFileStore(home).getUsableSpace();
            if (free < MIN_FREE_BYTES) {
                throw new StudioException("CINBOARD_HOME " + home + " has only " + free / (1024 * 1024)
                        + " MB free; the database needs at least " + MIN_FREE_BYTES / (1024 * 1024)
                        + " MB. Free some space or set CINBOARD_HOME to another disk.");
            }
        } catch (IOException e) {
            throw new StudioException(
                    "Could not read the free space of CINBOARD_HOME " + home + ": " + e.getMessage(), e);
        }
    }

    /** Ports below this need privileges the database server does not run with (root can bind them, it can't). */
    static final int FIRST_UNPRIVILEGED_PORT = 1024;

    private static int choosePort(int requested) throws IOException {
        if (requested > 0 && requested < FIRST_UNPRIVILEGED_PORT) {
            throw new StudioException("CINBOARD_DB_PORT is " + requested + ", a privileged port the embedded database"
                    + " can't listen on. Choose a free port from " + FIRST_UNPRIVILEGED_PORT + " to 65535, or unset"
                    + " CINBOARD_DB_PORT to use a free one.");
        }
        if (requested > 0) {
            try (ServerSocket probe = new ServerSocket(requested, 1, InetAddress.getLoopbackAddress())) {
                return requested;
            } catch (IOException e) {
                throw new StudioException("Port " + requested + " on 127.0.0.1 is already in use, so the embedded"
                        + " database can't listen there. Free the port, or unset CINBOARD_DB_PORT to use a free one.");
            }
        }
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /**
     * A studio killed with kill -9 leaves its postmaster running and its pid file behind. Only called while
     * we hold the home lock, so no live studio owns that server: stop it so ours can start on the same data.
     */
    static void recoverOrphanedServer(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            Files.deleteIfExists(pidFile);
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            Files.deleteIfExists(pidFile);
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        boolean isPostgres = process.flatMap(p -> p.info().command())
                .map(c -> c.contains("postgres"))
                .orElse(false);
        if (process.isEmpty() || !isPostgres) {
            LOG.warn("Removing a stale postmaster.pid (pid {} is not a running PostgreSQL)", pid);
            Files.deleteIfExists(pidFile);
            return;
        }
        LOG.warn(
                "Found the embedded database still running from a studio that exited abnormally (pid {});"
                        + " stopping it to recover",
                pid);
        ProcessHandle postmaster = process.get();
        postmaster.destroy(); // SIGTERM: PostgreSQL's smart shutdown; the dead studio's sessions are already gone
        try {
            postmaster.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("PostgreSQL pid {} did not stop in 20 s; killing it (WAL recovery runs on the next start)", pid);
            postmaster.destroyForcibly();
            try {
                postmaster.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception ignored) {
                throw new StudioException("A database server from an earlier run (pid " + pid + ") could not be"
                        + " stopped. Stop it by hand (kill " + pid + ") and start the studio again.");
            }
        }
        Files.deleteIfExists(pidFile);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** An OS file lock on CINBOARD_HOME/studio.lock holding the owner's pid; released by the OS if we die. */
    static final class HomeLock {
        private final RandomAccessFile file;
        private final FileLock lock;

        private HomeLock(RandomAccessFile file, FileLock lock) {
            this.file = file;
            this.lock = lock;
        }

        static HomeLock acquire(Path home) {
            Path path = home.resolve("studio.lock");
            try {
                RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw");
                FileChannel channel = file.getChannel();
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    String owner = new String(Files.readAllBytes(path), StandardCharsets.UTF_8).trim();
                    file.close();
                    throw new StudioException(
                            "Another CinBoard Studio" + (owner.isEmpty() ? "" : " (pid " + owner + ")")
                                    + " is using CINBOARD_HOME " + home + ", whose embedded database serves one"
                                    + " process at a time. Wait for it or close it; to work beside it (follow its"
                                    + " renders with jobs, say), share a PostgreSQL server (CINBOARD_DB_URL), or set"
                                    + " CINBOARD_HOME to a different folder for a studio of its own.");
                }
                file.setLength(0);
                file.write(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8));
                return new HomeLock(file, lock);
            } catch (IOException e) {
                throw new StudioException(
                        "Could not lock CINBOARD_HOME " + home + ": " + e.getMessage()
                                + ". Check the folder's permissions.",
                        e);
            }
        }

        void release() {
            try {
                if (lock.isValid()) {
                    lock.release();
                }
                file.close();
            } catch (IOException e) {
                LOG.debug("Releasing the home lock: {}", e.getMessage());
            }
        }
    }
}
