package ai.cinboard.domain;

import java.util.regex.Pattern;

/**
 * Whole numbers as a person types them for the studio: ASCII digits only. Java's parsers also take the digits of
 * other scripts ("２４", "٢٤"), which would then be stored or shown verbatim where every other tool reads ASCII.
 */
public final class AsciiNumbers {
    private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private AsciiNumbers() {}

    /** {@link Integer#parseInt} for ASCII digits only; anything else is a NumberFormatException. */
    public static int parseInt(String text) {
        requireWhole(text);
        return Integer.parseInt(text);
    }

    /** {@link Long#parseLong} for ASCII digits only; anything else is a NumberFormatException. */
    public static long parseLong(String text) {
        requireWhole(text);
        return Long.parseLong(text);
    }

    /** {@code new BigDecimal(text)} for ASCII digits only; anything else is a NumberFormatException. */
    public static java.math.BigDecimal parseDecimal(String text) {
        if (text == null || !DECIMAL.matcher(text).matches()) {
            throw new NumberFormatException("not a number: " + text);
        }
        return new java.math.BigDecimal(text);
    }

    private static void requireWhole(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new NumberFormatException("not a whole number in ASCII digits: " + text);
        }
    }
}
