package ai.cinboard.generation.comfyui;

import ai.cinboard.domain.settings.SettingsRegistry;
import ai.cinboard.generation.remote.HttpSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One ComfyUI server. The app maps CINBOARD_COMFYUI_URL onto {@code baseUrl}.
 *
 * @param templateDirs     searched in order for {@code <name>.json}: put the user's directory
 *                         ({@code CINBOARD_HOME/comfyui}) first, then the shipped {@code assets/comfyui}
 * @param checkpoint       image model file for {@code {{checkpoint}}}
 * @param videoCheckpoint  SVD model file for {@code {{video_checkpoint}}}
 * @param referenceDenoise img2img strength for keyframes anchored on a character reference
 * @param maxFrames        cap for {@code {{frames}}}; SVD-XT is trained on 25
 * @param jobTimeout       how long one queued workflow may take, from queueing to its outputs
 * @param pollInterval     how often /history is checked in case a WebSocket message was missed
 */
public record ComfyUiSettings(
        URI baseUrl,
        List<Path> templateDirs,
        String checkpoint,
        String videoCheckpoint,
        String negativePrompt,
        int steps,
        double cfg,
        double referenceDenoise,
        int maxFrames,
        HttpSettings http,
        Duration jobTimeout,
        Duration pollInterval) {

    public static final String URL_SETTING = SettingsRegistry.COMFYUI_URL.name();

    public ComfyUiSettings {
        Objects.requireNonNull(baseUrl, URL_SETTING);
        String s = baseUrl.toString();
        if (s.endsWith("/")) {
            baseUrl = URI.create(s.substring(0, s.length() - 1));
        }
        templateDirs = List.copyOf(templateDirs);
    }

    public static ComfyUiSettings of(URI baseUrl, List<Path> templateDirs) {
        return new ComfyUiSettings(
                baseUrl,
                templateDirs,
                "sd_xl_base_1.0.safetensors",
                "svd_xt.safetensors",
                "blurry, deformed, extra limbs, text, watermark",
                25,
                6.5,
                0.55,
                25,
                HttpSettings.defaults().withMaxConcurrency(1),
                Duration.ofMinutes(20),
                Duration.ofSeconds(2));
    }

    public ComfyUiSettings withTiming(HttpSettings h, Duration job, Duration poll) {
        return new ComfyUiSettings(
                baseUrl,
                templateDirs,
                checkpoint,
                videoCheckpoint,
                negativePrompt,
                steps,
                cfg,
                referenceDenoise,
                maxFrames,
                h,
                job,
                poll);
    }
}
