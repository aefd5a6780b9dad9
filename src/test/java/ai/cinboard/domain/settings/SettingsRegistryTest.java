package ai.cinboard.domain.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The one list of settings: parsers, validators and the one-line refusals. */
class SettingsRegistryTest {

    @Test
    void everyValueIsParsedAndCheckedByItsKey() {
        assertEquals(90, SettingsRegistry.OPENAI_TIMEOUT_SECONDS.parse(" 90 "));
        assertEquals("none", SettingsRegistry.SPEECH_ENGINE.parse("NONE"));
        assertEquals(
                List.of("local", "openai", "none"),
                SettingsRegistry.SPEECH_ENGINE.type().choices());
        assertEquals(640, SettingsRegistry.RENDER_RESOLUTION.parse("640x360")[0]);
        assertEquals(
                "http://minio:9000",
                SettingsRegistry.S3_ENDPOINT.parse("http://minio:9000").toString());

        InvalidSettingException engine =
                assertThrows(InvalidSettingException.class, () -> SettingsRegistry.VIDEO_ENGINE.parse("openai"));
        assertEquals("CINBOARD_VIDEO_ENGINE is \"openai\"; allowed: local or comfyui.", engine.getMessage());
        InvalidSettingException number =
                assertThrows(InvalidSettingException.class, () -> SettingsRegistry.GENERATION_THREADS.parse("lots"));
        assertEquals(
                "CINBOARD_GENERATION_THREADS is \"lots\"; allowed: a whole number from 1 to 64.", number.getMessage());
        assertThrows(InvalidSettingException.class, () -> SettingsRegistry.GENERATION_THREADS.parse("0"));
        assertThrows(InvalidSettingException.class, () -> SettingsRegistry.RENDER_RESOLUTION.parse("1280"));
        assertThrows(InvalidSettingException.class, () -> SettingsRegistry.REDIS_URL.parse("http://cache:6379"));
        assertThrows(InvalidSettingException.class, () -> SettingsRegistry.DB_URL.parse("postgres://db/x"));
    }

    @Test
    void numbersAreAsciiDigitsOnly() {
        // Java's parsers take fullwidth and Arabic-Indic digits; the file would then hold them verbatim
        InvalidSettingException fps =
                assertThrows(InvalidSettingException.class, () -> SettingsRegistry.RENDER_FPS.parse("\uFF12\uFF14"));
        assertEquals(
                "CINBOARD_RENDER_FPS is \"\uFF12\uFF14\"; allowed: a whole number from 1 to 60.", fps.getMessage());
        assertThrows(InvalidSettingException.class, () -> SettingsRegistry.RENDER_FPS.parse("\u0662\u0664"));
        assertThrows(
                InvalidSettingException.class,
                () -> SettingsRegistry.RENDER_RESOLUTION.parse("\uFF13\uFF12\uFF10x\uFF11\uFF18\uFF10"));
        assertEquals(24, SettingsRegistry.RENDER_FPS.parse("24"));
        assertEquals(320, SettingsRegistry.RENDER_RESOLUTION.parse("320x180")[0]);
    }

    @Test
    void namesAreUniqueDefaultsParseAndSecretsFollowTheNamingRule() {
        List<Setting<?>> all = SettingsRegistry.all();
        assertEquals(all.size(), new HashSet<>(SettingsRegistry.names()).size());
        Pattern secretName = Pattern.compile(".*(_API_KEY|_PASSWORD|_SECRET_ACCESS_KEY|_TOKEN|_PASSPHRASE)");
        for (Setting<?> s : all) {
            assertTrue(s.name().startsWith("CINBOARD_") || s.name().startsWith("AWS_"), s.name());
            s.defaultParsed(); // throws if a default is not allowed by its own key
            assertEquals(secretName.matcher(s.name()).matches(), s.secret(), s.name());
            assertFalse(s.secret() && s.defaultValue() != null, "a secret has no default: " + s.name());
            assertFalse(s.description().isBlank(), s.name());
        }
        assertTrue(SettingsRegistry.find("CINBOARD_S3_PATH_STYLE").isPresent());
        assertTrue(SettingsRegistry.find("CINBOARD_NOPE").isEmpty());
    }
}
