package ai.cinboard.domain.settings;

import java.util.Optional;

/**
 * One setting of the studio: its name (the same in the environment and in {@code cinboard.properties}), its
 * default, whether it is a secret, its type (parser, validator, allowed values) and what it means.
 *
 * @param defaultValue the value when nothing sets it, as text; null when unset means "not used" (e.g. no S3)
 * @param secret       never written to the settings file, masked wherever it is shown
 * @param fileAllowed  false for settings that only the environment can give (CINBOARD_HOME, the passphrase)
 * @param <T>          the parsed value
 */
public record Setting<T>(
        String name,
        String defaultValue,
        boolean secret,
        boolean fileAllowed,
        SettingType<T> type,
        String description) {

    /** Parses {@code raw}, or says in one line which values are allowed. */
    public T parse(String raw) {
        String value = raw == null ? "" : raw.strip();
        try {
            return type.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(this, value);
        }
    }

    /** The parsed default, if there is one. */
    public Optional<T> defaultParsed() {
        return defaultValue == null ? Optional.empty() : Optional.of(parse(defaultValue));
    }
}
