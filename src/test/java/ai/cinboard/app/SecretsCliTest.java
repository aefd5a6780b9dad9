package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.cli.StudioCommand;
import ai.cinboard.app.secrets.EncryptedFileSecretStore;
import ai.cinboard.service.ConnectionPart;
import ai.cinboard.service.EngineKind;
import ai.cinboard.service.StudioSettings;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** secrets set/list/remove through the real command line, and the studio reading what was stored. */
class SecretsCliTest {
    private static final String KEY = "sk-live-7f3a9c2e11b04d8aa1c9";

    private record Result(int exit, String out, String err) {}

    private static Result run(Map<String, String> env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = StudioCommand.run(
                env,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void aNameTheStudioDoesNotReadIsStoredWithAWarning(@TempDir Path home) {
        Map<String, String> env = new HashMap<>();
        env.put("CINBOARD_HOME", home.toString());
        env.put("CINBOARD_SECRETS", "file");
        env.put("CINBOARD_SECRETS_PASSPHRASE", "long enough passphrase");

        Result typo = run(env, KEY + "\n", "secrets", "set", "CINBOARD_OPENIA_API_KEY");
        assertEquals(0, typo.exit(), typo.err());
        assertEquals(
                "warning: CINBOARD_OPENIA_API_KEY is not a secret the studio reads (did you mean"
                        + " CINBOARD_OPENAI_API_KEY?); it is stored anyway.\n",
                typo.err());

        Result nope = run(env, KEY + "\n", "secrets", "set", "NOPE_API_KEY");
        assertEquals(0, nope.exit(), nope.err());
        assertEquals(1, nope.err().lines().count(), nope.err());
        assertTrue(nope.err().startsWith("warning: NOPE_API_KEY is not a secret the studio reads"), nope.err());

        Result own = run(env, KEY + "\n", "secrets", "set", "ACME_DEPLOY_TOKEN");
        assertEquals(0, own.exit(), own.err());
        assertEquals("warning: ACME_DEPLOY_TOKEN is not a secret the studio reads; it is stored anyway.\n", own.err());

        Result known = run(env, KEY + "\n", "secrets", "set", "CINBOARD_OPENAI_API_KEY");
        assertEquals("", known.err());

        Result list = run(env, "", "secrets", "list");
        assertTrue(list.out().contains("NOPE_API_KEY") && list.out().contains("ACME_DEPLOY_TOKEN"), list.out());
    }

    @Test
    void storedKeysAreMaskedEncryptedAndReadByTheStudio(@TempDir Path home) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("CINBOARD_HOME", home.toString());
        env.put("CINBOARD_SECRETS", "file");
        env.put("CINBOARD_SECRETS_PASSPHRASE", "long enough passphrase");

        Result set = run(env, KEY + "\n", "secrets", "set", "CINBOARD_OPENAI_API_KEY");
        assertEquals(0, set.exit(), set.err());
        assertTrue(set.out().contains("sk-…c9") || set.out().contains("…a1c9"), set.out());
        assertFalse(set.out().contains(KEY));

        Result list = run(env, "", "secrets", "list");
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains("CINBOARD_OPENAI_API_KEY") && list.out().contains("…a1c9"), list.out());
        assertFalse(list.out().contains(KEY));

        Path file = home.resolve(EncryptedFileSecretStore.FILE_NAME);
        assertFalse(Files.readString(file).contains(KEY), "no plaintext on disk");
        assertFalse(Files.exists(home.resolve(StudioConfig.CONFIG_FILE))
                && Files.readString(home.resolve(StudioConfig.CONFIG_FILE)).contains(KEY));

        // The studio finds the key in the store when the environment has none, and the environment wins over it.
        assertEquals(Optional.of(KEY), StudioConfig.load(env).get("CINBOARD_OPENAI_API_KEY"));
        Map<String, String> override = new HashMap<>(env);
        override.put("CINBOARD_OPENAI_API_KEY", "sk-from-env-000000000000");
        assertEquals(
                Optional.of("sk-from-env-000000000000"),
                StudioConfig.load(override).get("CINBOARD_OPENAI_API_KEY"));

        Map<String, String> wrong = new HashMap<>(env);
        wrong.put("CINBOARD_SECRETS_PASSPHRASE", "not the passphrase");
        Result refused = run(wrong, "", "secrets", "list");
        assertEquals(StudioCommand.EXIT_USER_ERROR, refused.exit());
        assertEquals(1, refused.err().lines().count(), refused.err());
        assertTrue(refused.err().startsWith("error: The secrets passphrase is wrong"), refused.err());

        Result notSecret = run(env, "http://x\n", "secrets", "set", "CINBOARD_OPENAI_BASE_URL");
        assertEquals(StudioCommand.EXIT_USER_ERROR, notSecret.exit());
        assertTrue(notSecret.err().contains("not a secret setting"), notSecret.err());

        Result removed = run(env, "", "secrets", "remove", "CINBOARD_OPENAI_API_KEY");
        assertEquals(0, removed.exit(), removed.err());
        assertEquals(Optional.empty(), StudioConfig.load(env).get("CINBOARD_OPENAI_API_KEY"));
        assertEquals(
                StudioCommand.EXIT_USER_ERROR,
                run(env, "", "secrets", "remove", "CINBOARD_OPENAI_API_KEY").exit());
    }

    @Test
    void aKeyTypedInSettingsGoesToTheSecretStoreNotTheSettingsFile(@TempDir Path home) throws Exception {
        Map<String, String> env = Map.of(
                "CINBOARD_HOME", home.toString(), "CINBOARD_SECRETS", "file", "CINBOARD_SECRETS_PASSPHRASE", "p4ss");
        ConfigFileSettings settings = new ConfigFileSettings(StudioConfig.load(env));
        StudioSettings s = settings.load();
        Map<ConnectionPart, StudioSettings.Engine> engines = new EnumMap<>(s.engines());
        engines.put(
                ConnectionPart.IMAGE_ENGINE,
                new StudioSettings.Engine(EngineKind.OPENAI_COMPATIBLE, "http://127.0.0.1:9/v1", "sd-turbo", KEY));
        settings.save(new StudioSettings(engines, s.database(), s.cache(), s.media(), s.export()));

        String file = Files.readString(home.resolve(StudioConfig.CONFIG_FILE));
        assertTrue(file.contains("CINBOARD_OPENAI_BASE_URL"), file);
        assertFalse(file.contains(KEY), file);
        assertEquals(Optional.of(KEY), StudioConfig.load(env).get("CINBOARD_OPENAI_API_KEY"));

        // Without the passphrase (the desktop app started without it) the form still loads; the key shows empty.
        Map<String, String> noPassphrase = Map.of("CINBOARD_HOME", home.toString(), "CINBOARD_SECRETS", "file");
        StudioSettings loaded = new ConfigFileSettings(StudioConfig.load(noPassphrase)).load();
        assertEquals("", loaded.engines().get(ConnectionPart.IMAGE_ENGINE).apiKey());
        assertTrue(assertThrowsStudio(() -> StudioConfig.load(noPassphrase).get("CINBOARD_OPENAI_API_KEY"))
                .contains("CINBOARD_SECRETS_PASSPHRASE"));
    }

    private static String assertThrowsStudio(org.junit.jupiter.api.function.Executable e) {
        return org.junit.jupiter.api.Assertions.assertThrows(ai.cinboard.domain.StudioException.class, e)
                .getMessage();
    }

    @Test
    void anEmptyValueIsRefused(@TempDir Path home) {
        Map<String, String> env = Map.of(
                "CINBOARD_HOME", home.toString(), "CINBOARD_SECRETS", "file", "CINBOARD_SECRETS_PASSPHRASE", "p");
        Result r = run(env, "\n", "secrets", "set", "CINBOARD_DB_PASSWORD");
        assertEquals(StudioCommand.EXIT_USER_ERROR, r.exit());
        assertTrue(r.err().contains("No value on standard input"), r.err());
        // a wrong file piped in: far too long, or not text
        Result huge = run(env, "k".repeat(5 * 1024 * 1024), "secrets", "set", "CINBOARD_DB_PASSWORD");
        assertEquals(StudioCommand.EXIT_USER_ERROR, huge.exit());
        assertTrue(huge.err().contains("longer than 4096 characters"), huge.err());
        Result binary = run(env, "key\u0001\u0007\u001b[0m", "secrets", "set", "CINBOARD_DB_PASSWORD");
        assertEquals(StudioCommand.EXIT_USER_ERROR, binary.exit());
        assertTrue(binary.err().contains("control characters"), binary.err());
        assertEquals(1, binary.err().lines().count(), binary.err());
        assertFalse(java.nio.file.Files.exists(home.resolve("secrets.enc")), "nothing stored");
    }
}
