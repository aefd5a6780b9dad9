package ai.cinboard.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.StudioException;
import ai.cinboard.persistence.mapper.SystemMapper;
import ai.cinboard.testing.TestDatabases;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Consumer;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.Test;

/**
 * Work whose connection the server ends fails with the server's reason, which says the database was out of reach,
 * not with the rollback that could not run on the dead connection after it.
 */
class LostConnectionTest {
    /** The server ends this session, as it ends every session when it shuts down (SQLSTATE 57P01). */
    private static final Consumer<SqlSession> SERVER_ENDS_THE_SESSION = s -> {
        try (var st = s.getConnection().createStatement()) {
            st.execute("SELECT pg_terminate_backend(pg_backend_pid())");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    };

    @Test
    void aTransactionWhoseConnectionDiesFailsWithTheServersReason() {
        try (Database db = TestDatabases.open()) {
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> db.useTransaction(SERVER_ENDS_THE_SESSION));
            assertEquals("57P01", ((SQLException) e.getCause()).getSQLState(), e.toString());
            assertTrue(Database.unreachable(e), e.toString());
            assertEquals(1, e.getSuppressed().length, "the failed rollback is kept beside it");
            // The pool replaced the dead connection.
            assertFalse(db.read(s -> s.getMapper(SystemMapper.class).serverVersion())
                    .isBlank());
        }
    }

    @Test
    void aReadWhoseConnectionDiesFailsWithTheServersReason() {
        try (Database db = TestDatabases.open()) {
            IllegalStateException e = assertThrows(
                    IllegalStateException.class,
                    () -> db.read(s -> {
                        SERVER_ENDS_THE_SESSION.accept(s);
                        return null;
                    }));
            assertTrue(Database.unreachable(e), e.toString());
        }
    }

    @Test
    void unreachableIsAboutTheConnectionNotTheWork() {
        assertTrue(Database.unreachable(new StudioException(
                "wrapped", new SQLTransientConnectionException("cinboard - Connection is not available"))));
        assertTrue(Database.unreachable(new RuntimeException(new SQLException("Connection refused", "08001"))));
        assertTrue(Database.unreachable(new SQLException("the database system is starting up", "57P03")));
        assertFalse(Database.unreachable(new SQLException("duplicate key", "23505")));
        assertFalse(Database.unreachable(new SQLException("Connection is closed")));
        assertFalse(Database.unreachable(new IllegalStateException("no cause")));
    }
}
