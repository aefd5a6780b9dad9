package ai.cinboard.service.account;

import java.time.Duration;

/**
 * Password and login-throttling rules.
 *
 * @param minPasswordLength fewest characters (code points) a new password may have
 * @param maxFailures       failed logins for one email, within {@code lockDuration} of each other, that lock it
 * @param lockDuration      how long a lock lasts; also the window after which the failure count starts again
 * @param backoffAfter      from this many failures on, the next attempt must wait {@code backoffBase × 2^(n − backoffAfter)}
 * @param backoffBase       the first wait; {@link Duration#ZERO} turns backoff off
 */
public record AccountPolicy(
        int minPasswordLength, int maxFailures, Duration lockDuration, int backoffAfter, Duration backoffBase) {
    /** 10 characters; 5 failures lock for 15 minutes; from the 3rd failure on, waits of 2 s, 4 s. */
    public static AccountPolicy defaults() {
        return new AccountPolicy(10, 5, Duration.ofMinutes(15), 3, Duration.ofSeconds(2));
    }

    public static final int MAX_PASSWORD_LENGTH = 4096;
}
