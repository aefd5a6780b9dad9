package ai.cinboard.service;

/** Which engine serves a capability. */
public enum EngineKind {
    LOCAL,
    OPENAI_COMPATIBLE,
    COMFYUI,
    A1111
}
