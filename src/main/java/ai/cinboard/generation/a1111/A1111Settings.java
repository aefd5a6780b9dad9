package ai.cinboard.generation.a1111;

import ai.cinboard.domain.settings.SettingsRegistry;
import ai.cinboard.generation.remote.HttpSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One Automatic1111 or Forge web UI started with {@code --api}. The app maps CINBOARD_A1111_URL onto
 * {@code baseUrl}.
 *
 * @param samplerName        null leaves the server's default sampler
 * @param denoisingStrength  img2img strength for keyframes anchored on a character reference
 * @param progressInterval   how often /sdapi/v1/progress is polled while an image renders
 */
public record A1111Settings(
        URI baseUrl,
        String negativePrompt,
        int steps,
        double cfgScale,
        double denoisingStrength,
        String samplerName,
        HttpSettings http,
        Duration progressInterval) {

    public static final String URL_SETTING = SettingsRegistry.A1111_URL.name();

    public A1111Settings {
        Objects.requireNonNull(baseUrl, URL_SETTING);
        String s = baseUrl.toString();
        if (s.endsWith("/")) {
            baseUrl = URI.create(s.substring(0, s.length() - 1));
        }
    }

    public static A1111Settings of(URI baseUrl) {
        return new A1111Settings(
                baseUrl,
                "blurry, deformed, extra limbs, text, watermark",
                25,
                6.5,
                0.55,
                null,
                HttpSettings.defaults().withMaxConcurrency(1),
                Duration.ofMillis(750));
    }

    public A1111Settings withTiming(HttpSettings h, Duration poll) {
        return new A1111Settings(baseUrl, negativePrompt, steps, cfgScale, denoisingStrength, samplerName, h, poll);
    }
}
