package ai.cinboard.generation.remote;

/** Shows secrets in logs and the UI without revealing them. */
public final class Secrets {
    private Secrets() {}

    /**
     * {@code sk-proj-abcdef123456} becomes {@code sk-…3456}: enough to tell two keys apart, not enough to use one.
     * Short keys are hidden entirely because their last four characters would be most of the key.
     */
    public static String mask(String secret) {
        if (secret == null || secret.isBlank()) {
            return "(none)";
        }
        if (secret.length() < 12) {
            return "…";
        }
        int dash = secret.indexOf('-');
        String prefix = dash > 0 && dash <= 3 ? secret.substring(0, dash + 1) : "";
        return prefix + "…" + secret.substring(secret.length() - 4);
    }
}
