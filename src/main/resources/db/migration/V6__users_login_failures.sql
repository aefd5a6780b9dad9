-- Failed-login counters, kept in the database so a restart does not reset a lockout. Keyed by the
-- lower-cased email that was tried, not by user id, so unknown emails are counted and locked exactly like
-- known ones and a lockout reveals nothing about which accounts exist.
CREATE TABLE users_login_failures (
    email_lower VARCHAR(255) PRIMARY KEY,
    failures INTEGER NOT NULL DEFAULT 0,
    last_failure_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    locked_until TIMESTAMPTZ
);
