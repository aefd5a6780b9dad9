package ai.cinboard.domain;

import java.time.OffsetDateTime;

/**
 * A row of {@code render_workers}: a headless worker that said it was alive at {@code lastSeen}, and what it renders
 * with ({@code renderIdentity}: its engines, frame and keyframes a scene).
 */
public record RenderWorker(
        String name,
        String host,
        Integer concurrency,
        OffsetDateTime startedAt,
        OffsetDateTime lastSeen,
        String renderIdentity) {}
