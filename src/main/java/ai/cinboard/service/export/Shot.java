package ai.cinboard.service.export;

import ai.cinboard.domain.Keyframe;

/**
 * A shot of a scene: one keyframe and the span of the scene it covers (frames, relative to the timeline).
 * A scene without keyframes has one shot with a null keyframe and image.
 */
public record Shot(int number, Keyframe keyframe, String imageUrl, String description, long recordIn, long length) {}
