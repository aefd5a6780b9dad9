package ai.cinboard.app.secrets;

import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.settings.SettingsRegistry;
import java.util.regex.Pattern;

/** Which settings are secrets: the ones a secret store may hold and the studio looks up there when unset. */
public final class SecretNames {
    private static final Pattern SECRET =
            Pattern.compile("[A-Z][A-Z0-9_]*(_API_KEY|_PASSWORD|_SECRET_ACCESS_KEY|_TOKEN)");

    private SecretNames() {}

    /** The registry's secrets that a store may hold; the naming rule for any other name (e.g. a team's own tokens). */
    public static boolean isSecret(String name) {
        if (name == null) {
            return false;
        }
        // The passphrase is secret too, but it opens the store and lives only in the environment.
        return SettingsRegistry.find(name)
                .map(s -> s.secret() && s.fileAllowed())
                .orElseGet(() -> SECRET.matcher(name).matches());
    }

    /** Refuses names that are not secrets (they belong in cinboard.properties) with the names that are. */
    public static String require(String name) {
        if (!isSecret(name)) {
            throw new StudioException("\"" + name + "\" is not a secret setting. Store settings that end in _API_KEY,"
                    + " _PASSWORD, _SECRET_ACCESS_KEY or _TOKEN, e.g. CINBOARD_OPENAI_API_KEY; put others in"
                    + " cinboard.properties.");
        }
        return name;
    }
}
