package ai.cinboard.media;

import java.time.Instant;

/** One stored object as a listing sees it, for the retention sweep. */
public record MediaItem(String url, long size, Instant lastModified) {}
