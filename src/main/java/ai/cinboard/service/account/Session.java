package ai.cinboard.service.account;

/**
 * A logged-in session as stored in the cache under {@code CacheKeys.session(id)}, as JSON.
 *
 * @param id 32 random bytes, base64url without padding
 * @param verified whether the account's email was verified when the session began; see
 *                 {@link AccountService#requireVerified(Session)} for what it gates
 * @param epoch the user's {@code users.session_epoch} when the session began; signing out everywhere and
 *              deactivation move it on, which ends the session (see {@link AccountService#ended(Session)})
 */
public record Session(
        String id, int userId, String email, boolean verified, String ipAddress, long createdAtEpochMs, int epoch) {}
