package ai.cinboard.persistence.type;

/** {@code TEXT[]} as {@code List<String>}. */
public class StringListTypeHandler extends SqlArrayTypeHandler<String> {
    public StringListTypeHandler() {
        super("text", String.class);
    }
}
