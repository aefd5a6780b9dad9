-- Email addresses are unique regardless of case: the spec's UNIQUE(email) alone would let
-- "Mira@example.com" and "mira@example.com" be two accounts.
CREATE UNIQUE INDEX idx_users_email_lower ON users (lower(email));
