package ai.cinboard.app.secrets;

import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.settings.Setting;
import ai.cinboard.domain.settings.SettingsRegistry;
import java.util.regex.Pattern;

/** Which settings are secrets: the ones a secret store may hold and the studio looks up there when unset. */
public final class SecretNames {
    private static final Pattern SECRET =
            Pattern.compile("[A-Z][A-Z0-9_]*(_API_KEY|_PASSWORD|_SECRET_ACCESS_KEY|_TOKEN)");

    private SecretNames() {}

    /** The registry's word for its own settings; the naming rule for any other name (e.g. a team's own tokens). */
    public static boolean isSecret(String name) {
        if (name == null) {
            return false;
        }
        return SettingsRegistry.find(name)
                .map(Setting::secret)
                .orElseGet(() -> SECRET.matcher(name).matches());
    }

    /** Refuses names that are not secrets (they belong in cinboard.properties) with the names that are. */
    public static String require(String name) {
        boolean environmentOnly =
                SettingsRegistry.find(name).map(s -> !s.fileAllowed()).orElse(false);
        if (!isSecret(name) || environmentOnly) {
            throw new StudioException("\"" + name + "\" is not a secret setting. Store settings that end in _API_KEY,"
                    + " _PASSWORD, _SECRET_ACCESS_KEY or _TOKEN, e.g. CINBOARD_OPENAI_API_KEY; put others in"
                    + " cinboard.properties.");
        }
        return name;
    }
}
