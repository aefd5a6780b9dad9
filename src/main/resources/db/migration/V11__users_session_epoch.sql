-- Sessions live in the cache, which on a team's shared database may be each studio's own (in-process).
-- session_epoch is the database's word on them: "sign out everywhere" and deactivation add one, and an
-- open window whose session began at an older epoch ends it at its next check.
ALTER TABLE users ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;
