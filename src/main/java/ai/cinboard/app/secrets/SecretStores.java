package ai.cinboard.app.secrets;

import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.settings.SettingsRegistry;
import java.io.Console;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Picks the secret store from {@code CINBOARD_SECRETS}: {@code keychain}, {@code file}, or {@code auto} (the
 * default: the keychain when {@code secret-tool} reaches one, otherwise {@code CINBOARD_HOME/secrets.enc}). The
 * file's passphrase comes from {@code CINBOARD_SECRETS_PASSPHRASE} or, in a terminal, is typed when first needed.
 */
public final class SecretStores {
    public static final String STORE_SETTING = SettingsRegistry.SECRETS.name();
    public static final String PASSPHRASE_SETTING = SettingsRegistry.SECRETS_PASSPHRASE.name();
    static final String TOOL = "secret-tool";

    private SecretStores() {}

    /** @param settings environment-style settings (the passphrase is only ever read from here or the console) */
    public static SecretStore open(Path home, Map<String, String> settings) {
        String choice = settings.getOrDefault(STORE_SETTING, "auto").strip().toLowerCase(Locale.ROOT);
        return switch (choice) {
            case "keychain" -> {
                if (!KeychainSecretStore.available(TOOL)) {
                    throw new StudioException(STORE_SETTING + "=keychain but no desktop keychain answers (secret-tool "
                            + "is missing or cannot reach the Secret Service). Install libsecret-tools and unlock the "
                            + "keyring, or set " + STORE_SETTING + "=file.");
                }
                yield new KeychainSecretStore(TOOL);
            }
            case "file" -> file(home, settings);
            case "", "auto" ->
                KeychainSecretStore.available(TOOL) ? new KeychainSecretStore(TOOL) : file(home, settings);
            default -> throw new StudioException(STORE_SETTING + " is \"" + choice + "\"; use auto, keychain or file.");
        };
    }

    private static SecretStore file(Path home, Map<String, String> settings) {
        Path file = home.resolve(EncryptedFileSecretStore.FILE_NAME);
        return new EncryptedFileSecretStore(file, () -> passphrase(settings, file));
    }

    private static char[] passphrase(Map<String, String> settings, Path file) {
        String given = settings.get(PASSPHRASE_SETTING);
        if (given != null && !given.isEmpty()) {
            return given.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new StudioException("The secrets in " + file + " are encrypted and there is no terminal to ask for "
                    + "the passphrase. Set " + PASSPHRASE_SETTING + ".");
        }
        char[] typed = console.readPassword("Passphrase for %s: ", file);
        if (typed != null && typed.length > 0 && !java.nio.file.Files.exists(file)) {
            char[] again = console.readPassword("Type it again to confirm: ");
            boolean same = Arrays.equals(typed, again);
            if (again != null) {
                Arrays.fill(again, '\0');
            }
            if (!same) {
                Arrays.fill(typed, '\0');
                throw new StudioException("The two passphrases differ; nothing was stored. Try again.");
            }
        }
        return typed == null ? new char[0] : typed;
    }
}
