package ai.cinboard.app.cli;

import ai.cinboard.app.Studio;
import ai.cinboard.app.StudioConfig;
import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.settings.SettingsRegistry;
import ai.cinboard.service.ExportService;
import ai.cinboard.service.account.AccountService;
import ai.cinboard.service.account.Session;

/**
 * Who a command acts as. With {@code CINBOARD_USER} set (team mode on a shared database): that member, signed in
 * with {@code CINBOARD_USER_PASSWORD} (from the environment or the secret store) like the window's sign-in, with
 * its checks, backoff and audit; their projects only, down to row-level security. Without it: the local profile,
 * with no password. Database credentials already allow anything, so this is about whose work it is, not a lock.
 * Close it to sign out.
 */
final class CliUser implements AutoCloseable {
    static final String USER_SETTING = SettingsRegistry.USER.name();
    static final String PASSWORD_SETTING = SettingsRegistry.USER_PASSWORD.name();

    private final AccountService accounts;
    private final Session session;
    private final int userId;

    private CliUser(AccountService accounts, Session session, int userId) {
        this.accounts = accounts;
        this.session = session;
        this.userId = userId;
    }

    static CliUser signIn(Studio studio, StudioConfig config) {
        String email = config.get(USER_SETTING).orElse(null);
        if (email == null || email.isBlank()) {
            return new CliUser(null, null, studio.localUserId());
        }
        String password = config.get(PASSWORD_SETTING)
                .orElseThrow(() -> new StudioException(
                        PASSWORD_SETTING + " is not set. Set it in the environment or run `cinboard secrets set "
                                + PASSWORD_SETTING + "`."));
        AccountService accounts = new AccountService(studio.database(), studio.cache());
        Session session = accounts.login(email, password.toCharArray(), "cli");
        studio.database().actAs(session.userId());
        return new CliUser(accounts, session, session.userId());
    }

    int userId() {
        return userId;
    }

    /** The export path as this user: the local profile may always export, a member only when verified. */
    ExportService exports(Studio studio) {
        return session == null ? studio.exports() : studio.exports(session);
    }

    /** Project archives as this user: exporting one is an export, gated like {@link #exports}. */
    ai.cinboard.service.ProjectArchiveService archives(Studio studio) {
        return session == null ? studio.archives(userId) : studio.archives(session);
    }

    @Override
    public void close() {
        if (session != null) {
            accounts.logout(session.id());
        }
    }
}
