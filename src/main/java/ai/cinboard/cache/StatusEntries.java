package ai.cinboard.cache;

/** Writes an update under both spec keys, with the spec's status TTL. */
final class StatusEntries {
    private StatusEntries() {}

    static void write(Cache cache, StatusUpdate u) {
        cache.put(CacheKeys.status(u.inputId()), u, CacheKeys.STATUS_TTL);
        cache.put(CacheKeys.statusPhase(u.inputId(), u.phase()), u, CacheKeys.STATUS_TTL);
    }
}
