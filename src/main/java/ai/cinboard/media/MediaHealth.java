package ai.cinboard.media;

import java.time.Duration;

/** What doctor shows for a media store: reachable or not, how long a round trip took, and why. */
public record MediaHealth(String store, boolean reachable, Duration roundTrip, String detail) {}
