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

    /**
     * For a name the studio never reads (stored anyway, so a team can keep its own tokens here): one line saying so,
     * with the closest secret the studio does read when the name looks like a typo of it. Empty for a known name.
     */
    public static java.util.Optional<String> unknownNameWarning(String name) {
        if (SettingsRegistry.find(name).isPresent()) {
            return java.util.Optional.empty();
        }
        String closest = null;
        int best = Integer.MAX_VALUE;
        for (var setting : SettingsRegistry.all()) {
            if (!setting.secret() || !setting.fileAllowed()) {
                continue;
            }
            int d = distance(bare(name), bare(setting.name()));
            if (d < best) {
                best = d;
                closest = setting.name();
            }
        }
        // a typo changes a few letters; anything further off is a name of the team's own
        boolean near = closest != null && best <= Math.max(2, bare(closest).length() / 3);
        return java.util.Optional.of(name + " is not a secret the studio reads"
                + (near ? " (did you mean " + closest + "?)" : "") + "; it is stored anyway.");
    }

    private static String bare(String name) {
        return name.startsWith("CINBOARD_") ? name.substring("CINBOARD_".length()) : name;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
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
