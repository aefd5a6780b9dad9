package ai.cinboard.cache;

import java.time.Duration;

/** What doctor shows for a cache: is it reachable, how long a round trip took, and the hit rate since start. */
public record CacheHealth(String name, boolean reachable, Duration roundTrip, CacheStats stats, String detail) {}
