package ai.cinboard.persistence.type;

/** {@code INTEGER[]} as {@code List<Integer>}. */
public class IntegerListTypeHandler extends SqlArrayTypeHandler<Integer> {
    public IntegerListTypeHandler() {
        super("integer", Integer.class);
    }
}
