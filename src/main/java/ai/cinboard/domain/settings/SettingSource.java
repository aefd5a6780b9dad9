package ai.cinboard.domain.settings;

/** Where a setting's value came from. The environment overrides the file, the file the default. */
public enum SettingSource {
    DEFAULT("default"),
    FILE("file"),
    ENVIRONMENT("environment"),
    SECRET_STORE("secret store");

    private final String label;

    SettingSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
