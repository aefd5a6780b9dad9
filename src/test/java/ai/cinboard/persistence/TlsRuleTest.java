package ai.cinboard.persistence;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.cinboard.domain.StudioException;
import ai.cinboard.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A server on another machine is used only with sslmode=verify-full; loopback needs no TLS. */
class TlsRuleTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "jdbc:postgresql://localhost:5432/cinboard",
                "jdbc:postgresql://127.0.0.1/cinboard",
                "jdbc:postgresql://127.8.9.10:6543/cinboard?ApplicationName=x",
                "jdbc:postgresql://[::1]:5432/cinboard",
                "jdbc:postgresql:///cinboard",
                "jdbc:postgresql://db.example.com:5432/cinboard?sslmode=verify-full",
                "jdbc:postgresql://10.0.0.5/cinboard?sslrootcert=/etc/ca.pem&sslmode=verify-full",
                "jdbc:postgresql://a.example,b.example:5433/cinboard?targetServerType=primary&sslmode=verify-full",
            })
    void accepted(String url) {
        assertDoesNotThrow(() -> Database.requireVerifiedTls(url));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "jdbc:postgresql://db.example.com:5432/cinboard",
                "jdbc:postgresql://db.example.com/cinboard?sslmode=require",
                "jdbc:postgresql://db.example.com/cinboard?sslmode=verify-ca",
                "jdbc:postgresql://192.168.1.20/cinboard?sslmode=prefer",
                "jdbc:postgresql://[2001:db8::1]:5432/cinboard",
                "jdbc:postgresql://localhost,db.example.com/cinboard",
                "jdbc:postgresql://localhost.example.com/cinboard",
                "jdbc:postgresql://db.example.com/cinboard?note=sslmode=verify-full",
            })
    void refused(String url) {
        StudioException e = assertThrows(StudioException.class, () -> Database.requireVerifiedTls(url));
        assertEquals(true, e.getMessage().startsWith("CINBOARD_DB_URL points at "), e.getMessage());
        assertEquals(true, e.getMessage().contains("Add ?sslmode=verify-full"), e.getMessage());
    }

    @Test
    void openRefusesBeforeConnecting() {
        DatabaseSettings local = TestDatabases.settings("jdbc:postgresql://db.invalid:5432/cinboard?sslmode=disable");
        StudioException e = assertThrows(StudioException.class, () -> Database.open(local));
        assertEquals(
                "CINBOARD_DB_URL points at db.invalid, another machine, without sslmode=verify-full (it has"
                        + " sslmode=disable). Add ?sslmode=verify-full to the URL (with sslrootcert=PATH if the server's CA is"
                        + " not in ~/.postgresql/root.crt) so the connection is encrypted and the server's certificate checked.",
                e.getMessage());
    }
}
