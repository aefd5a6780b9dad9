package ai.cinboard.service.maintenance;

import ai.cinboard.domain.StudioException;
import ai.cinboard.media.MediaItem;
import ai.cinboard.media.MediaStore;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.mapper.SystemMapper;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Media retention: removes stored media that no row refers to any more (replaced by a regeneration, or left
 * by a deleted project) once it has gone unused for the user's retention period. Media that a row refers to is
 * never removed. The period is the grace that protects a render in progress, whose files are stored a moment
 * before their rows; storing the same bytes again restarts it.
 */
public final class MediaRetention {
    private static final Logger log = LoggerFactory.getLogger(MediaRetention.class);

    /** What a sweep found and did; {@code dryRun} sweeps count without deleting. */
    public record Result(int stored, int referenced, int removed, long bytesRemoved, boolean dryRun) {}

    private final Database database;
    private final MediaStore media;
    private final Clock clock;

    public MediaRetention(Database database, MediaStore media, Clock clock) {
        this.database = database;
        this.media = media;
        this.clock = clock;
    }

    /** Removes (or with {@code dryRun} only counts) unreferenced media last used more than {@code keep} ago. */
    public Result run(Duration keep, boolean dryRun) {
        if (keep.isNegative() || keep.isZero()) {
            throw new StudioException("The media retention period must be at least one day.");
        }
        Set<String> referenced = referenced();
        Instant cutoff = clock.instant().minus(keep);
        List<MediaItem> candidates = new ArrayList<>();
        int stored = 0;
        try (Stream<MediaItem> items = media.list()) {
            for (MediaItem item : (Iterable<MediaItem>) items::iterator) {
                stored++;
                if (!referenced.contains(item.url()) && item.lastModified().isBefore(cutoff)) {
                    candidates.add(item);
                }
            }
        }
        // A render may have registered one of these since the first look: ask again just before deleting.
        Set<String> stillReferenced = referenced();
        int removed = 0;
        long bytes = 0;
        for (MediaItem item : candidates) {
            if (stillReferenced.contains(item.url())) {
                continue;
            }
            if (!dryRun) {
                media.delete(item.url());
                log.info(
                        "Removed unused media {} ({} bytes, last used {})",
                        item.url(),
                        item.size(),
                        item.lastModified());
            }
            removed++;
            bytes += item.size();
        }
        return new Result(stored, referenced.size(), removed, bytes, dryRun);
    }

    private Set<String> referenced() {
        return database.read(s -> {
            try {
                Database.requireAllRows(
                        s.getConnection(),
                        "media still in use by other users' projects would look" + " unused and be deleted",
                        "the media sweep");
            } catch (SQLException e) {
                throw new StudioException("Could not check the database role: " + e.getMessage(), e);
            }
            return new HashSet<>(s.getMapper(SystemMapper.class).referencedMediaUrls());
        });
    }
}
