/**
 * Caching of expensive results and live pipeline status.
 *
 * <ul>
 *   <li>{@link ai.cinboard.cache.Cache}: the port; {@link ai.cinboard.cache.InProcessCache} (Caffeine, the
 *       default) and {@link ai.cinboard.cache.RedisCache} (Redisson RBucket with server-side TTL). Both store
 *       JSON text, so values behave the same in either, and no Java deserialization ever happens.</li>
 *   <li>{@link ai.cinboard.cache.CacheKeys}: the spec's key patterns and TTLs, defined only there.</li>
 *   <li>{@link ai.cinboard.cache.StatusBoard}: {@code status:*} entries plus change notification (a Redisson
 *       topic on Redis, so other studios see progress without polling).</li>
 *   <li>{@link ai.cinboard.cache.Caches}: picks the implementation from CINBOARD_REDIS_URL.</li>
 * </ul>
 * This package uses {@code domain} only.
 */
package ai.cinboard.cache;
