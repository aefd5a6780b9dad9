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
                "jdbc:postgresql://db.example.com/cinboard?sslmode=verify%2Dfull",
                "jdbc:postgresql://db.example.com/cinboard?sslmode=verify-full&sslfactory=org.postgresql.ssl.LibPQFactory",
                "jdbc:postgresql://localhost/cinboard?sslfactory=org.postgresql.ssl.NonValidatingFactory",
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
                // The driver reads libpq's aliases: this connects to db.example.com, not to localhost.
                "jdbc:postgresql://localhost/cinboard?host=db.example.com",
                "jdbc:postgresql://localhost/cinboard?PGHOST=db.example.com",
                // The driver does not know SSLMODE, so it would use "prefer".
                "jdbc:postgresql://db.example.com/cinboard?SSLMODE=verify-full",
            })
    void refused(String url) {
        StudioException e = assertThrows(StudioException.class, () -> Database.requireVerifiedTls(url));
        assertEquals(true, e.getMessage().startsWith("CINBOARD_DB_URL points at "), e.getMessage());
        assertEquals(true, e.getMessage().contains("Add ?sslmode=verify-full"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "jdbc:postgresql://db.example.com/cinboard?sslmode=verify-full&sslfactory=org.postgresql.ssl.NonValidatingFactory",
                "jdbc:postgresql://db.example.com/cinboard?sslfactory=org.postgresql.ssl.NonValidatingFactory&sslmode=verify-full",
                "jdbc:postgresql://db.example.com/cinboard?sslmode=verify-full&sslfactory=com.example.TrustAll",
            })
    void aFactoryThatTrustsAnyCertificateIsRefused(String url) {
        StudioException e = assertThrows(StudioException.class, () -> Database.requireVerifiedTls(url));
        assertEquals(true, e.getMessage().contains("Remove sslfactory"), e.getMessage());
    }

    @Test
    void aHostNameVerifierOfOurOwnIsRefused() {
        StudioException e = assertThrows(
                StudioException.class,
                () -> Database.requireVerifiedTls("jdbc:postgresql://db.example.com/cinboard?sslmode=verify-full"
                        + "&sslhostnameverifier=com.example.AnyHost"));
        assertEquals(true, e.getMessage().contains("Remove sslhostnameverifier"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "jdbc:postgresql://db.example.com/cinboard?sslmode=verify-full&sslmode=disable",
                "jdbc:postgresql://db.example.com/cinboard?sslmode=disable&sslmode=verify-full",
                "jdbc:postgresql://db.example.com/cinboard?sslmode=verify-full&SSLMODE=disable",
            })
    void aSettingGivenTwiceIsRefused(String url) {
        StudioException e = assertThrows(StudioException.class, () -> Database.requireVerifiedTls(url));
        assertEquals(
                "CINBOARD_DB_URL gives sslmode more than once. Give each setting once (for TLS:"
                        + " sslmode=verify-full).",
                e.getMessage());
    }

    @Test
    void aUrlTheDriverCannotReadIsRefused() {
        StudioException e = assertThrows(
                StudioException.class, () -> Database.requireVerifiedTls("jdbc:postgresql://db.example.com/a/b"));
        assertEquals(true, e.getMessage().contains("is not a URL the PostgreSQL driver can read"), e.getMessage());
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
