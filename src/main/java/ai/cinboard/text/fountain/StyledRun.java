package ai.cinboard.text.fountain;

/** A piece of text with one style. Fountain emphasis becomes a list of these. */
public record StyledRun(String text, boolean bold, boolean italic, boolean underline) {
    public static StyledRun plain(String text) {
        return new StyledRun(text, false, false, false);
    }
}
