package ai.cinboard.cache;

/** Wiring helpers for the app layer: the cache a configuration asks for, its status board, its health. */
public final class Caches {
    private Caches() {}

    /** In-process when CINBOARD_REDIS_URL is unset or blank; Redis otherwise (never fails on a down Redis). */
    public static Cache fromRedisUrl(String redisUrl) {
        return redisUrl == null || redisUrl.isBlank()
                ? new InProcessCache()
                : new RedisCache(new RedisSettings(redisUrl));
    }

    /** A shared board on Redis, so other studios see progress; a local one otherwise. */
    public static StatusBoard statusBoard(Cache cache) {
        return cache instanceof RedisCache redis ? new RedisStatusBoard(redis) : new InProcessStatusBoard(cache);
    }

    /** For doctor: reachable, round trip and hit rate since start. */
    public static CacheHealth health(Cache cache) {
        if (cache instanceof RedisCache redis) {
            return redis.health();
        }
        if (cache instanceof InProcessCache local) {
            return local.health();
        }
        return new CacheHealth(cache.name(), true, java.time.Duration.ZERO, cache.stats(), "");
    }
}
