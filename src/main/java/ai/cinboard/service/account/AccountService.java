package ai.cinboard.service.account;

import ai.cinboard.cache.Cache;
import ai.cinboard.cache.CacheKeys;
import ai.cinboard.domain.LoginFailures;
import ai.cinboard.domain.Sha256;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.User;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.mapper.LoginFailureMapper;
import ai.cinboard.persistence.mapper.UserMapper;
import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.ibatis.exceptions.PersistenceException;

/**
 * Accounts: registration, login, sessions, deactivation. Plain blocking Java.
 *
 * <p><b>Password hashing.</b> bcrypt with cost {@value #BCRYPT_COST}. bcrypt reads only the first 72 bytes of
 * its input, so the password is pre-hashed: its UTF-8 bytes go through SHA-256 and the digest is base64-encoded
 * (44 ASCII bytes, no NUL) before bcrypt. Every character of a long password therefore counts. The stored hash
 * is the ordinary {@code $2a$12$…} string.
 *
 * <p><b>Failed logins</b> all throw the same {@link #BAD_CREDENTIALS} message, whether the email is unknown or
 * the password wrong, and take the same time: an unknown email is checked against a dummy hash of the same
 * cost. Failures are counted per lower-cased email in {@code users_login_failures} (so they survive restarts
 * and unknown emails are throttled like known ones): from {@link AccountPolicy#backoffAfter()} failures on,
 * the next attempt must wait (doubling), and {@link AccountPolicy#maxFailures()} failures lock the email for
 * {@link AccountPolicy#lockDuration()}. A successful login clears the count.
 *
 * <p><b>Inactive accounts</b> ({@code is_active = false}, a soft delete that keeps the data) can't log in.
 * <b>Unverified accounts</b> ({@code is_verified = false}) can log in and edit, but can't export:
 * {@link #requireVerified(Session)} is the gate for the export path.
 *
 * <p>Password arrays belong to the caller, who clears them; this class clears only its own copies.
 * The active-session list is updated read-modify-write in the cache, so two logins of one user at the same
 * instant on two studios sharing Redis can drop one id from the list (the session itself stays valid).
 */
public final class AccountService {
    public static final int BCRYPT_COST = 12;
    public static final String BAD_CREDENTIALS = "Email or password is wrong; check both and try again.";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;
    private final Cache cache;
    private final AuditLog audit;
    private final AccountPolicy policy;
    private final Clock clock;

    public AccountService(Database database, Cache cache) {
        this(database, cache, AccountPolicy.defaults(), Clock.systemUTC());
    }

    public AccountService(Database database, Cache cache, AccountPolicy policy, Clock clock) {
        this.database = database;
        this.cache = cache;
        this.audit = new AuditLog(database);
        this.policy = policy;
        this.clock = clock;
    }

    /** Creates an active, unverified account and returns its id. Emails are unique regardless of case. */
    public int register(String email, String firstName, String lastName, char[] password) {
        String cleanEmail = validateEmail(email);
        String first = validateName("First name", firstName);
        String last = validateName("Last name", lastName);
        validatePassword(password);
        String hash = hash(password);
        try {
            return database.inTransaction(s -> {
                UserMapper users = s.getMapper(UserMapper.class);
                if (users.findByEmail(cleanEmail) != null) {
                    throw duplicate(cleanEmail);
                }
                int id = users.insert(User.newUser(cleanEmail, hash, first, last));
                AuditLog.record(s, id, AuditLog.REGISTER, Map.of("email", cleanEmail), null);
                return id;
            });
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                throw duplicate(cleanEmail); // registered by someone else between our check and our insert
            }
            throw e;
        }
    }

    /** Checks the password and starts a session; throws {@link StudioException} with a one-line reason. */
    public Session login(String email, char[] password, String ipAddress) {
        String key = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        OffsetDateTime now = OffsetDateTime.now(clock);
        LoginFailures failures = key.isEmpty()
                ? null
                : database.read(s -> s.getMapper(LoginFailureMapper.class).find(key));
        Optional<String> throttled = throttle(failures, now);
        if (throttled.isPresent()) {
            verify(password, DummyHash.VALUE); // same cost as any other refusal
            audit.record(null, AuditLog.LOGIN_FAILED, detail(key, "throttled"), ipAddress);
            throw new StudioException(throttled.get());
        }
        User user = key.isEmpty()
                ? null
                : database.read(s -> s.getMapper(UserMapper.class).findByEmail(key));
        boolean hashUsable = user != null
                && user.passwordHash() != null
                && user.passwordHash().startsWith("$2");
        boolean ok = verify(password, hashUsable ? user.passwordHash() : DummyHash.VALUE) && hashUsable;
        if (!ok) {
            if (!key.isEmpty()) {
                database.inTransaction(s -> s.getMapper(LoginFailureMapper.class)
                        .recordFailure(
                                key,
                                policy.maxFailures(),
                                policy.lockDuration().toSeconds(),
                                policy.lockDuration().toSeconds()));
            }
            audit.record(
                    user == null ? null : user.id(),
                    AuditLog.LOGIN_FAILED,
                    detail(key, user == null ? "unknown_email" : "wrong_password"),
                    ipAddress);
            throw new StudioException(BAD_CREDENTIALS);
        }
        if (!Boolean.TRUE.equals(user.isActive())) {
            audit.record(user.id(), AuditLog.LOGIN_FAILED, detail(key, "inactive"), ipAddress);
            throw new StudioException(
                    "The account " + user.email() + " is deactivated; ask an administrator to reactivate it.");
        }
        database.inTransaction(s -> s.getMapper(LoginFailureMapper.class).clear(key));
        UserMapper.SessionState state =
                database.read(s -> s.getMapper(UserMapper.class).sessionState(user.id()));
        Session session = new Session(
                newSessionId(),
                user.id(),
                user.email(),
                Boolean.TRUE.equals(user.isVerified()),
                ipAddress,
                clock.millis(),
                state == null ? 0 : state.epoch());
        cache.put(CacheKeys.session(session.id()), session, CacheKeys.SESSION_TTL);
        List<String> ids = new ArrayList<>(activeSessionIds(user.id()));
        ids.add(session.id());
        cache.put(CacheKeys.userActiveSessions(user.id()), new ActiveSessions(ids), CacheKeys.USER_SESSIONS_TTL);
        audit.record(user.id(), AuditLog.LOGIN, null, ipAddress);
        return session;
    }

    /** The live session with this id, if it has not expired or been logged out. */
    public Optional<Session> session(String sessionId) {
        if (sessionId == null || sessionId.isEmpty()) {
            return Optional.empty();
        }
        return cache.get(CacheKeys.session(sessionId), Session.class);
    }

    public void logout(String sessionId) {
        Optional<Session> session = session(sessionId);
        cache.delete(CacheKeys.session(sessionId));
        session.ifPresent(s -> {
            List<String> ids = new ArrayList<>(activeSessionIds(s.userId()));
            ids.remove(sessionId);
            cache.put(CacheKeys.userActiveSessions(s.userId()), new ActiveSessions(ids), CacheKeys.USER_SESSIONS_TTL);
            audit.record(s.userId(), AuditLog.LOGOUT, null, s.ipAddress());
        });
    }

    /**
     * Ends every session of the user: those this studio's cache knows at once, and those of every other
     * studio on the database at their next check ({@link #ended}), through {@code users.session_epoch}.
     * Returns how many sessions this studio's cache knew.
     */
    public int logoutEverywhere(int userId) {
        database.inTransaction(s -> s.getMapper(UserMapper.class).bumpSessionEpoch(userId));
        List<String> ids = activeSessionIds(userId);
        ids.forEach(id -> cache.delete(CacheKeys.session(id)));
        cache.delete(CacheKeys.userActiveSessions(userId));
        audit.record(userId, AuditLog.LOGOUT_EVERYWHERE, Map.of("sessions", ids.size()), null);
        return ids.size();
    }

    /** {@link #logoutEverywhere(int)} by email, for administrators. */
    public int logoutEverywhere(String email) {
        return logoutEverywhere(requireUser(email).id());
    }

    /** Soft delete: the account can no longer log in and its sessions end; its data is kept. */
    public void deactivate(String email) {
        User user = requireUser(email);
        database.useTransaction(s -> {
            s.getMapper(UserMapper.class)
                    .update(new User(
                            user.id(),
                            user.email(),
                            user.passwordHash(),
                            user.firstName(),
                            user.lastName(),
                            false,
                            user.isVerified(),
                            null,
                            null));
            AuditLog.record(s, user.id(), AuditLog.DEACTIVATE, Map.of("email", user.email()), null);
        });
        logoutEverywhere(user.id());
    }

    /** Marks the account's email as verified (for an administrator, until email verification exists). */
    public void markVerified(String email) {
        User user = requireUser(email);
        database.useTransaction(s -> s.getMapper(UserMapper.class)
                .update(new User(
                        user.id(),
                        user.email(),
                        user.passwordHash(),
                        user.firstName(),
                        user.lastName(),
                        user.isActive(),
                        true,
                        null,
                        null)));
    }

    /**
     * Why an open session has ended, or empty while it holds: the account was deactivated or removed, the
     * user signed out everywhere (on any studio of a shared database: the epoch moved on), or the session was
     * logged out or expired. A session that holds is kept alive in the cache for another
     * {@link CacheKeys#SESSION_TTL}, so an open window doesn't expire while it checks.
     */
    public Optional<String> ended(Session session) {
        UserMapper.SessionState state =
                database.read(s -> s.getMapper(UserMapper.class).sessionState(session.userId()));
        if (state == null || !state.active()) {
            return Optional.of(
                    "The account " + session.email() + " was deactivated; ask an administrator to" + " reactivate it.");
        }
        if (state.epoch() != session.epoch()) {
            return Optional.of("You were signed out everywhere; sign in again to go on.");
        }
        if (session(session.id()).isEmpty()) {
            return Optional.of("Your session ended (signed out or expired); sign in again to go on.");
        }
        cache.put(CacheKeys.session(session.id()), session, CacheKeys.SESSION_TTL);
        return Optional.empty();
    }

    /** The gate for exports: unverified accounts may log in and edit, but not export. */
    public void requireVerified(Session session) {
        if (!session.verified()) {
            throw new StudioException("Exporting needs a verified email; verify " + session.email()
                    + " (an administrator can run `cinboard users verify EMAIL`) and log in again.");
        }
    }

    public List<User> list() {
        return database.read(s -> s.getMapper(UserMapper.class).listAll());
    }

    private User requireUser(String email) {
        String clean = email == null ? "" : email.trim();
        User user = clean.isEmpty()
                ? null
                : database.read(s -> s.getMapper(UserMapper.class).findByEmail(clean));
        if (user == null) {
            throw new StudioException("There is no account with the email " + clean
                    + "; check the spelling, or run `cinboard users list`.");
        }
        return user;
    }

    private List<String> activeSessionIds(int userId) {
        return cache.get(CacheKeys.userActiveSessions(userId), ActiveSessions.class)
                .map(a -> a.ids() == null ? List.<String>of() : a.ids())
                .map(ArrayList::new)
                .<List<String>>map(list -> {
                    list.removeIf(id -> session(id).isEmpty()); // drop sessions that expired on their own
                    return list;
                })
                .orElseGet(ArrayList::new);
    }

    private Optional<String> throttle(LoginFailures f, OffsetDateTime now) {
        if (f == null || f.failures() == null) {
            return Optional.empty();
        }
        if (f.lockedUntil() != null && f.lockedUntil().isAfter(now)) {
            long minutes = Math.max(1, (Duration.between(now, f.lockedUntil()).toSeconds() + 59) / 60);
            return Optional.of("Too many failed logins for this email; try again in " + minutes + " minute"
                    + (minutes == 1 ? "" : "s") + ".");
        }
        if (f.lockedUntil() == null
                && !policy.backoffBase().isZero()
                && f.failures() >= policy.backoffAfter()
                && f.lastFailureAt() != null) {
            int exponent = Math.min(20, f.failures() - policy.backoffAfter());
            OffsetDateTime next = f.lastFailureAt().plus(policy.backoffBase().multipliedBy(1L << exponent));
            if (next.isAfter(now)) {
                long seconds = Math.max(1, (Duration.between(now, next).toMillis() + 999) / 1000);
                return Optional.of("Too many failed logins for this email; wait " + seconds + " second"
                        + (seconds == 1 ? "" : "s") + " and try again.");
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> detail(String email, String reason) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("email", email);
        d.put("reason", reason);
        return d;
    }

    private static StudioException duplicate(String email) {
        return new StudioException("An account with the email " + email
                + " already exists (emails are not case-sensitive); log in, or register with another email.");
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static String newSessionId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String validateEmail(String email) {
        String e = email == null ? "" : email.trim();
        int at = e.lastIndexOf('@');
        boolean ok = !e.isEmpty()
                && e.length() <= 255
                && at > 0
                && at < e.length() - 1
                && e.indexOf('.', at) > at + 1
                && !e.endsWith(".")
                && e.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
        if (!ok) {
            throw new StudioException("\"" + e + "\" is not an email address; use the form name@example.com.");
        }
        return e;
    }

    private static String validateName(String label, String name) {
        String n = name == null ? "" : name.trim();
        if (n.isEmpty() || n.length() > 100 || n.codePoints().anyMatch(Character::isISOControl)) {
            throw new StudioException(
                    label + " is empty, too long or has control characters; use 1 to 100 characters.");
        }
        return n;
    }

    private void validatePassword(char[] password) {
        int length = password == null ? 0 : Character.codePointCount(password, 0, password.length);
        if (length < policy.minPasswordLength()) {
            throw new StudioException(
                    "The password is too short; use at least " + policy.minPasswordLength() + " characters.");
        }
        if (password.length > AccountPolicy.MAX_PASSWORD_LENGTH) {
            throw new StudioException(
                    "The password is too long; use at most " + AccountPolicy.MAX_PASSWORD_LENGTH + " characters.");
        }
    }

    static String hash(char[] password) {
        byte[] prehashed = prehash(password);
        try {
            return new String(BCrypt.withDefaults().hash(BCRYPT_COST, prehashed), StandardCharsets.US_ASCII);
        } finally {
            Arrays.fill(prehashed, (byte) 0);
        }
    }

    static boolean verify(char[] password, String hash) {
        byte[] prehashed = prehash(password == null ? new char[0] : password);
        try {
            return BCrypt.verifyer().verify(prehashed, hash.getBytes(StandardCharsets.US_ASCII)).verified;
        } catch (IllegalArgumentException e) {
            return false; // a malformed stored hash never matches
        } finally {
            Arrays.fill(prehashed, (byte) 0);
        }
    }

    /** base64(SHA-256(UTF-8(password))): 44 ASCII bytes, so bcrypt's 72-byte limit never cuts a password. */
    static byte[] prehash(char[] password) {
        CharsetEncoder encoder = StandardCharsets.UTF_8
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer utf8;
        try {
            utf8 = encoder.encode(CharBuffer.wrap(password));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException(e); // unreachable with REPLACE
        }
        byte[] bytes = new byte[utf8.remaining()];
        utf8.get(bytes);
        if (utf8.hasArray()) {
            Arrays.fill(utf8.array(), (byte) 0);
        }
        try {
            byte[] digest = Sha256.of(bytes);
            byte[] encoded = Base64.getEncoder().encode(digest);
            Arrays.fill(digest, (byte) 0);
            return encoded;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** A hash of the same cost to check against when the email is unknown, so that failure takes as long. */
    private static final class DummyHash {
        static final String VALUE = hash(newSessionId().toCharArray());
    }
}
