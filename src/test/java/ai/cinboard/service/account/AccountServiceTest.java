package ai.cinboard.service.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.cache.CacheKeys;
import ai.cinboard.cache.InProcessCache;
import ai.cinboard.domain.AuditEntry;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.User;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.mapper.AuditLogMapper;
import ai.cinboard.persistence.mapper.UserMapper;
import ai.cinboard.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Accounts on a real PostgreSQL with the in-process cache. */
class AccountServiceTest {
    static final String PASSWORD = "correct horse battery";
    static Database db;
    static InProcessCache cache;
    static AccountService accounts;

    @BeforeAll
    static void open() {
        db = TestDatabases.open();
        cache = new InProcessCache();
        accounts = new AccountService(db, cache, noBackoff(), Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static AccountPolicy noBackoff() {
        AccountPolicy d = AccountPolicy.defaults();
        return new AccountPolicy(
                d.minPasswordLength(), d.maxFailures(), d.lockDuration(), d.backoffAfter(), Duration.ZERO);
    }

    static String email() {
        return "u-" + UUID.randomUUID() + "@example.com";
    }

    static char[] pw(String s) {
        return s.toCharArray();
    }

    @Test
    void registerLoginAndLogout() {
        String email = email();
        int id = accounts.register(email, "Mira", "Chen", pw(PASSWORD));
        User stored = db.read(s -> s.getMapper(UserMapper.class).findById(id));
        assertTrue(stored.passwordHash().startsWith("$2a$12$"), stored.passwordHash());
        assertTrue(stored.isActive());
        assertFalse(stored.isVerified());

        Session session = accounts.login(email, pw(PASSWORD), "203.0.113.7");
        assertEquals(id, session.userId());
        assertEquals(32, Base64.getUrlDecoder().decode(session.id()).length);
        assertEquals(
                session,
                cache.get(CacheKeys.session(session.id()), Session.class).orElseThrow());
        assertEquals(
                List.of(session.id()),
                cache.get(CacheKeys.userActiveSessions(id), ActiveSessions.class)
                        .orElseThrow()
                        .ids());

        accounts.logout(session.id());
        assertTrue(accounts.session(session.id()).isEmpty());
        assertEquals(
                List.of(),
                cache.get(CacheKeys.userActiveSessions(id), ActiveSessions.class)
                        .orElseThrow()
                        .ids());

        List<String> actions = db.read(s -> s.getMapper(AuditLogMapper.class).listByUser(id)).stream()
                .map(AuditEntry::action)
                .toList();
        assertEquals(List.of(AuditLog.REGISTER, AuditLog.LOGIN, AuditLog.LOGOUT), actions);
        AuditEntry login =
                db.read(s -> s.getMapper(AuditLogMapper.class).listByUser(id)).get(1);
        assertEquals("203.0.113.7", login.ipAddress());
    }

    @Test
    void logoutEverywhereEndsEverySession() {
        String email = email();
        int id = accounts.register(email, "A", "B", pw(PASSWORD));
        Session one = accounts.login(email, pw(PASSWORD), null);
        Session two = accounts.login(email.toUpperCase(), pw(PASSWORD), null);
        assertNotEquals(one.id(), two.id());
        assertEquals(2, accounts.logoutEverywhere(id));
        assertTrue(accounts.session(one.id()).isEmpty());
        assertTrue(accounts.session(two.id()).isEmpty());
    }

    @Test
    void wrongPasswordAndUnknownEmailFailAlikeAndBothPayForBcrypt() {
        String email = email();
        accounts.register(email, "A", "B", pw(PASSWORD));
        assertThrows(StudioException.class, () -> accounts.login(email(), pw("warm-up password"), null));

        long t0 = System.nanoTime();
        StudioException wrong =
                assertThrows(StudioException.class, () -> accounts.login(email, pw("wrong password!"), null));
        long wrongNanos = System.nanoTime() - t0;
        t0 = System.nanoTime();
        StudioException unknown =
                assertThrows(StudioException.class, () -> accounts.login(email(), pw(PASSWORD), null));
        long unknownNanos = System.nanoTime() - t0;

        assertEquals(AccountService.BAD_CREDENTIALS, wrong.getMessage());
        assertEquals(wrong.getMessage(), unknown.getMessage());
        // Cost 12 takes well over 50 ms; the unknown email ran a full bcrypt check too, not a fast "no such user".
        assertTrue(wrongNanos > 50_000_000L, "wrong password took " + wrongNanos / 1_000_000 + " ms");
        assertTrue(unknownNanos > 50_000_000L, "unknown email took " + unknownNanos / 1_000_000 + " ms");
        assertTrue(
                unknownNanos > wrongNanos / 3 && unknownNanos < wrongNanos * 3,
                "similar time: " + wrongNanos / 1_000_000 + " vs " + unknownNanos / 1_000_000 + " ms");
    }

    @Test
    void fiveFailuresLockTheEmailEvenWithTheRightPasswordAndTheLockSurvivesARestart() {
        String email = email();
        accounts.register(email, "A", "B", pw(PASSWORD));
        for (int i = 0; i < 5; i++) {
            StudioException e =
                    assertThrows(StudioException.class, () -> accounts.login(email, pw("nope nope nope"), null));
            assertEquals(AccountService.BAD_CREDENTIALS, e.getMessage());
        }
        StudioException locked = assertThrows(StudioException.class, () -> accounts.login(email, pw(PASSWORD), null));
        assertTrue(
                locked.getMessage().startsWith("Too many failed logins for this email; try again in 15 minutes"),
                locked.getMessage());
        // A new service (a restarted studio) reads the counters from the database.
        AccountService restarted = new AccountService(db, new InProcessCache(), noBackoff(), Clock.systemUTC());
        assertThrows(StudioException.class, () -> restarted.login(email.toUpperCase(), pw(PASSWORD), null));
        // After the lock runs out (a clock 16 minutes ahead), the right password works and clears the count.
        AccountService later = new AccountService(
                db, new InProcessCache(), noBackoff(), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(16)));
        assertNotNull(later.login(email, pw(PASSWORD), null));
    }

    @Test
    void unknownEmailsAreLockedLikeKnownOnes() {
        String ghost = email();
        for (int i = 0; i < 5; i++) {
            assertThrows(StudioException.class, () -> accounts.login(ghost, pw("whatever it is"), null));
        }
        StudioException e =
                assertThrows(StudioException.class, () -> accounts.login(ghost, pw("whatever it is"), null));
        assertTrue(e.getMessage().startsWith("Too many failed logins"), e.getMessage());
    }

    @Test
    void backoffMakesTheNextAttemptWaitBeforeTheLock() {
        AccountService strict = new AccountService(
                db,
                new InProcessCache(),
                new AccountPolicy(10, 5, Duration.ofMinutes(15), 2, Duration.ofMinutes(1)),
                Clock.systemUTC());
        String email = email();
        strict.register(email, "A", "B", pw(PASSWORD));
        assertThrows(StudioException.class, () -> strict.login(email, pw("nope nope nope"), null));
        assertThrows(StudioException.class, () -> strict.login(email, pw("nope nope nope"), null));
        StudioException wait = assertThrows(StudioException.class, () -> strict.login(email, pw(PASSWORD), null));
        assertTrue(wait.getMessage().startsWith("Too many failed logins for this email; wait "), wait.getMessage());
    }

    @Test
    void aDeactivatedUserCannotLogInAndKeepsTheirData() {
        String email = email();
        int id = accounts.register(email, "A", "B", pw(PASSWORD));
        Session before = accounts.login(email, pw(PASSWORD), null);
        accounts.deactivate(email.toUpperCase());
        assertTrue(accounts.session(before.id()).isEmpty(), "deactivation ends sessions");
        StudioException e = assertThrows(StudioException.class, () -> accounts.login(email, pw(PASSWORD), null));
        assertTrue(e.getMessage().contains("is deactivated"), e.getMessage());
        User kept = db.read(s -> s.getMapper(UserMapper.class).findById(id));
        assertFalse(kept.isActive());
        assertTrue(db.read(s -> s.getMapper(AuditLogMapper.class).listByUser(id)).stream()
                .anyMatch(a -> a.action().equals(AuditLog.DEACTIVATE)));
        StudioException unknown = assertThrows(StudioException.class, () -> accounts.deactivate(email()));
        assertTrue(unknown.getMessage().startsWith("There is no account with the email"), unknown.getMessage());
    }

    @Test
    void emailsAreUniqueRegardlessOfCase() {
        String local = "mira-" + UUID.randomUUID();
        accounts.register(local + "@Example.com", "Mira", "Chen", pw(PASSWORD));
        StudioException e = assertThrows(
                StudioException.class,
                () -> accounts.register(local.toUpperCase() + "@example.COM", "Other", "Person", pw(PASSWORD)));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertNotNull(accounts.login(local + "@EXAMPLE.com", pw(PASSWORD), null));
    }

    @Test
    void passwordsLongerThan72BytesCountToTheLastCharacter() {
        String head = "é".repeat(40); // 80 UTF-8 bytes
        String email = email();
        accounts.register(email, "A", "B", pw(head + "tail-one"));
        assertThrows(StudioException.class, () -> accounts.login(email, pw(head + "tail-two"), null));
        assertNotNull(accounts.login(email, pw(head + "tail-one"), null));
        assertEquals(44, AccountService.prehash(pw(head)).length);
    }

    @Test
    void shortOrEmptyPasswordsAndBadEmailsAreRefused() {
        StudioException shortPw =
                assertThrows(StudioException.class, () -> accounts.register(email(), "A", "B", pw("short")));
        assertTrue(shortPw.getMessage().contains("at least 10 characters"), shortPw.getMessage());
        assertThrows(StudioException.class, () -> accounts.register(email(), "A", "B", new char[0]));
        assertThrows(StudioException.class, () -> accounts.register(email(), "A", "B", null));
        StudioException bad =
                assertThrows(StudioException.class, () -> accounts.register("not-an-email", "A", "B", pw(PASSWORD)));
        assertTrue(bad.getMessage().contains("is not an email address"), bad.getMessage());
        assertThrows(StudioException.class, () -> accounts.register(email(), " ", "B", pw(PASSWORD)));
    }

    @Test
    void injectionAndFormatStringsAreStoredVerbatimAndHarmless() {
        String first = "Robert'); DROP TABLE users;--";
        String last = "%s%n%x";
        String email = "o'brien%s%n%x-" + UUID.randomUUID() + "@example.com";
        int id = accounts.register(email, first, last, pw(PASSWORD + "%s%n"));
        User u = db.read(s -> s.getMapper(UserMapper.class).findById(id));
        assertEquals(first, u.firstName());
        assertEquals(last, u.lastName());
        assertEquals(email, u.email());
        assertEquals(
                id,
                accounts.login(email, pw(PASSWORD + "%s%n"), "'; DROP TABLE audit_log;--")
                        .userId());
        assertTrue(accounts.list().size() >= 1, "users table still there");
        assertThrows(StudioException.class, () -> accounts.login("' OR '1'='1", pw("' OR '1'='1 --"), null));
    }

    @Test
    void theLocalProfileHasNoUsablePasswordAndUnverifiedAccountsCannotExport() {
        String local = email();
        db.inTransaction(s -> s.getMapper(UserMapper.class)
                .insert(new User(null, local, "!", "me", "(local profile)", true, true, null, null)));
        StudioException e = assertThrows(StudioException.class, () -> accounts.login(local, pw("!"), null));
        assertEquals(AccountService.BAD_CREDENTIALS, e.getMessage());

        String email = email();
        accounts.register(email, "A", "B", pw(PASSWORD));
        Session unverified = accounts.login(email, pw(PASSWORD), null);
        StudioException gate = assertThrows(StudioException.class, () -> accounts.requireVerified(unverified));
        assertTrue(gate.getMessage().startsWith("Exporting needs a verified email"), gate.getMessage());
        accounts.markVerified(email);
        accounts.requireVerified(accounts.login(email, pw(PASSWORD), null));
    }

    @Test
    void failedLoginsAreAudited() {
        String ghost = email();
        assertThrows(StudioException.class, () -> accounts.login(ghost, pw("whatever it is"), "198.51.100.1"));
        AuditEntry entry = db.read(s -> s.getMapper(AuditLogMapper.class).listRecent(50)).stream()
                .filter(a -> ghost.equals(a.detail() == null ? null : a.detail().get("email")))
                .findFirst()
                .orElseThrow();
        assertEquals(AuditLog.LOGIN_FAILED, entry.action());
        assertNull(entry.userId());
        assertEquals("unknown_email", entry.detail().get("reason"));
        assertEquals("198.51.100.1", entry.ipAddress());
    }

    /**
     * Two studios on one shared database, each with its own in-process cache: signing out everywhere or
     * deactivating in one ends the session the other holds, at its next check.
     */
    @Test
    void aSessionEndsEverywhereThroughTheDatabaseNotOnlyThisCache() {
        AccountService otherStudio = new AccountService(db, new InProcessCache(), noBackoff(), Clock.systemUTC());
        String email = email();
        accounts.register(email, "Mira", "Chen", pw(PASSWORD));
        Session open = accounts.login(email, pw(PASSWORD), null);
        assertEquals(java.util.Optional.empty(), accounts.ended(open), "a fresh session holds");

        assertEquals(0, otherStudio.logoutEverywhere(email), "the other studio's cache never saw the session");
        assertEquals(
                java.util.Optional.of("You were signed out everywhere; sign in again to go on."), accounts.ended(open));

        Session again = accounts.login(email, pw(PASSWORD), null);
        assertEquals(java.util.Optional.empty(), accounts.ended(again), "a session begun after it holds");
        otherStudio.deactivate(email);
        assertEquals(
                java.util.Optional.of(
                        "The account " + email + " was deactivated; ask an administrator to reactivate it."),
                accounts.ended(again));

        String third = email();
        accounts.register(third, "Tom", "Ito", pw(PASSWORD));
        Session loggedOut = accounts.login(third, pw(PASSWORD), null);
        accounts.logout(loggedOut.id());
        assertEquals(
                java.util.Optional.of("Your session ended (signed out or expired); sign in again to go on."),
                accounts.ended(loggedOut));
    }
}
