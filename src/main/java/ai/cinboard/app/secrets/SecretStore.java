package ai.cinboard.app.secrets;

import java.util.List;
import java.util.Optional;

/**
 * Where API keys and passwords live instead of the settings file or the database: the OS keychain or a file
 * encrypted with a passphrase the user holds. Values never appear in logs or messages; show them with
 * {@link ai.cinboard.generation.remote.Secrets#mask}.
 */
public interface SecretStore {
    /** Where the secrets are kept, for messages ("the GNOME keyring", "~/.cinboard/secrets.enc"). */
    String describe();

    /** The names stored (names are not secret; reading them never needs the passphrase). */
    List<String> names();

    Optional<String> get(String name);

    void put(String name, String value);

    /** False when there was nothing stored under {@code name}. */
    boolean remove(String name);
}
