package ai.cinboard.service;

import ai.cinboard.domain.StudioException;
import java.util.Arrays;
import java.util.Locale;

/** Which engine serves a capability, by its value in the engine settings (CINBOARD_IMAGE_ENGINE=comfyui). */
public enum EngineKind {
    LOCAL("local"),
    OPENAI_COMPATIBLE("openai"),
    COMFYUI("comfyui"),
    A1111("a1111"),
    /** No engine: only speech allows it (no voiceover; subtitles are burned in). */
    NONE("none");

    private final String settingValue;

    EngineKind(String settingValue) {
        this.settingValue = settingValue;
    }

    /** The value in the settings file and the environment. */
    public String settingValue() {
        return settingValue;
    }

    /** The kind a settings value names; the registry has already checked that the value is allowed. */
    public static EngineKind ofSetting(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(k -> k.settingValue.equals(v))
                .findFirst()
                .orElseThrow(() -> new StudioException("\"" + value + "\" is not an engine."));
    }
}
