package ai.cinboard.service;

/** A part of the configuration that can be tested with "Test connection". */
public enum ConnectionPart {
    TEXT_ENGINE,
    IMAGE_ENGINE,
    VIDEO_ENGINE,
    SPEECH_ENGINE,
    DATABASE,
    CACHE,
    MEDIA
}
