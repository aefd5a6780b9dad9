package ai.cinboard.service;

import ai.cinboard.domain.settings.Setting;
import ai.cinboard.domain.settings.SettingsRegistry;
import java.util.List;
import java.util.Optional;

/** A part of the configuration that can be tested with "Test connection". */
public enum ConnectionPart {
    TEXT_ENGINE(SettingsRegistry.TEXT_ENGINE),
    IMAGE_ENGINE(SettingsRegistry.IMAGE_ENGINE),
    VIDEO_ENGINE(SettingsRegistry.VIDEO_ENGINE),
    SPEECH_ENGINE(SettingsRegistry.SPEECH_ENGINE),
    DATABASE(null),
    CACHE(null),
    MEDIA(null);

    private final Setting<String> engineSetting;

    ConnectionPart(Setting<String> engineSetting) {
        this.engineSetting = engineSetting;
    }

    /** The setting that chooses this capability's engine; empty for the database, cache and media. */
    public Optional<Setting<String>> engineSetting() {
        return Optional.ofNullable(engineSetting);
    }

    /** The engines this capability allows, in the registry's order. */
    public List<EngineKind> engineChoices() {
        return engineSetting()
                .map(s -> s.type().choices().stream().map(EngineKind::ofSetting).toList())
                .orElse(List.of());
    }
}
