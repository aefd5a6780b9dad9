package ai.cinboard.service.account;

import java.util.List;

/** The session ids of one user, stored under {@code CacheKeys.userActiveSessions(userId)}. */
public record ActiveSessions(List<String> ids) {}
