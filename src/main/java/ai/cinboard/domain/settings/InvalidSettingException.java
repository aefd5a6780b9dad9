package ai.cinboard.domain.settings;

import ai.cinboard.domain.StudioException;

/** A value a setting does not allow. The one-line message names the setting and its allowed values. */
public final class InvalidSettingException extends StudioException {
    private static final long serialVersionUID = 1L;
    private final String setting;

    public InvalidSettingException(Setting<?> setting, String value) {
        super(setting.name() + " is \"" + value + "\"; allowed: "
                + setting.type().allowed() + ".");
        this.setting = setting.name();
    }

    public String setting() {
        return setting;
    }
}
