package ai.cinboard.text.breakdown;

/** One line of a scene for captions, narration and subtitles. {@code speaker} is null for action. */
public record Line(Kind kind, String speaker, String text) {
    public enum Kind {
        ACTION,
        DIALOGUE
    }

    public static Line action(String text) {
        return new Line(Kind.ACTION, null, text);
    }

    public static Line dialogue(String speaker, String text) {
        return new Line(Kind.DIALOGUE, speaker, text);
    }
}
