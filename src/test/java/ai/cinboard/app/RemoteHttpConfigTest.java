package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.StudioException;
import ai.cinboard.generation.remote.HttpSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-engine concurrency and timeout settings over the engine's defaults. */
class RemoteHttpConfigTest {
    @Test
    void settingsOverrideTheEnginesDefaultsOnlyForThatEngine(@TempDir Path home) {
        StudioConfig config = StudioConfig.load(Map.of(
                "CINBOARD_HOME",
                home.toString(),
                "CINBOARD_OPENAI_MAX_CONCURRENCY",
                "4",
                "CINBOARD_OPENAI_TIMEOUT_SECONDS",
                "90"));
        HttpSettings openAi = config.remoteHttp("OPENAI", HttpSettings.defaults());
        assertEquals(4, openAi.maxConcurrency());
        assertEquals(Duration.ofSeconds(90), openAi.requestTimeout());
        assertEquals(HttpSettings.defaults().maxRetries(), openAi.maxRetries());
        assertEquals(
                HttpSettings.defaults().withMaxConcurrency(1),
                config.remoteHttp("A1111", HttpSettings.defaults().withMaxConcurrency(1)));
    }

    @Test
    void nonsenseIsRefusedWithTheSettingsName(@TempDir Path home) {
        StudioConfig zero =
                StudioConfig.load(Map.of("CINBOARD_HOME", home.toString(), "CINBOARD_COMFYUI_MAX_CONCURRENCY", "0"));
        StudioException e =
                assertThrows(StudioException.class, () -> zero.remoteHttp("COMFYUI", HttpSettings.defaults()));
        assertTrue(e.getMessage().contains("CINBOARD_COMFYUI_MAX_CONCURRENCY"), e.getMessage());
        StudioConfig words =
                StudioConfig.load(Map.of("CINBOARD_HOME", home.toString(), "CINBOARD_A1111_TIMEOUT_SECONDS", "soon"));
        assertThrows(StudioException.class, () -> words.remoteHttp("A1111", HttpSettings.defaults()));
    }
}
