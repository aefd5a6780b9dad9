package ai.cinboard.domain;

import java.time.OffsetDateTime;

/** A row of {@code users_login_failures}: failed logins for one lower-cased email. */
public record LoginFailures(
        String emailLower, Integer failures, OffsetDateTime lastFailureAt, OffsetDateTime lockedUntil) {}
