package ai.cinboard.domain.settings;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How a setting's text becomes a value and what it may be: the parser, the validator and the words that
 * describe the allowed values in an error ("a whole number from 1 to 64", "local, openai or none").
 *
 * @param <T> the parsed value
 */
public final class SettingType<T> {
    private final Function<String, T> parser;
    private final String allowed;
    private final List<String> choices;

    private SettingType(Function<String, T> parser, String allowed, List<String> choices) {
        this.parser = parser;
        this.allowed = allowed;
        this.choices = choices;
    }

    /** Any text. */
    public static SettingType<String> text() {
        return new SettingType<>(s -> s, "any text", List.of());
    }

    /** Text that says something: a model, voice, region or language name (empty is refused, not taken as one). */
    public static SettingType<String> name() {
        return new SettingType<>(
                s -> {
                    if (s.isBlank()) {
                        throw new IllegalArgumentException("empty");
                    }
                    return s;
                },
                "a name (not empty; unset the key for its default)",
                List.of());
    }

    /** One of {@code values}, compared without case; parses to the lower-case value. */
    public static SettingType<String> choice(String... values) {
        List<String> list = List.of(values);
        return new SettingType<>(
                s -> {
                    String v = s.toLowerCase(Locale.ROOT);
                    if (!list.contains(v)) {
                        throw new IllegalArgumentException();
                    }
                    return v;
                },
                words(list),
                list);
    }

    /** A whole number from {@code min} to {@code max}, in ASCII digits (written to the file as given). */
    public static SettingType<Integer> integer(int min, int max) {
        return new SettingType<>(
                s -> {
                    int v = ai.cinboard.domain.AsciiNumbers.parseInt(s);
                    if (v < min || v > max) {
                        throw new IllegalArgumentException();
                    }
                    return v;
                },
                "a whole number from " + min + " to " + max,
                List.of());
    }

    /** true or false (also yes/no, 1/0). */
    public static SettingType<Boolean> bool() {
        return new SettingType<>(
                s -> switch (s.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "1" -> true;
                    case "false", "no", "0" -> false;
                    default -> throw new IllegalArgumentException();
                },
                "true or false",
                List.of("true", "false"));
    }

    /** An absolute URL with one of {@code schemes}, e.g. http and https. */
    public static SettingType<URI> url(String... schemes) {
        List<String> list = List.of(schemes);
        return new SettingType<>(
                s -> {
                    URI uri = URI.create(s);
                    if (uri.getScheme() == null
                            || !list.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                            || (uri.getHost() == null && !uri.getScheme().startsWith("jdbc"))) {
                        throw new IllegalArgumentException();
                    }
                    return uri;
                },
                "a URL starting with " + words(list.stream().map(x -> x + "://").toList()),
                List.of());
    }

    /** A JDBC URL of a PostgreSQL server. */
    public static SettingType<String> jdbcPostgres() {
        return new SettingType<>(
                s -> {
                    if (!s.startsWith("jdbc:postgresql://")) {
                        throw new IllegalArgumentException();
                    }
                    return s;
                },
                "a URL starting with jdbc:postgresql://",
                List.of());
    }

    /** WIDTHxHEIGHT, each side from 16 to 8192, e.g. 1280x720. */
    /** A frame size the encoder takes: even sides of 64 to 8192 pixels (what a render checks too). */
    public static SettingType<int[]> size() {
        return new SettingType<>(
                s -> {
                    String[] parts = s.toLowerCase(Locale.ROOT).split("x");
                    if (parts.length != 2) {
                        throw new IllegalArgumentException();
                    }
                    int w = ai.cinboard.domain.AsciiNumbers.parseInt(parts[0].strip());
                    int h = ai.cinboard.domain.AsciiNumbers.parseInt(parts[1].strip());
                    if (w < 64 || h < 64 || w > 8192 || h > 8192 || w % 2 != 0 || h % 2 != 0) {
                        throw new IllegalArgumentException();
                    }
                    return new int[] {w, h};
                },
                "WIDTHxHEIGHT with even sides of 64 to 8192, e.g. 1280x720",
                List.of());
    }

    /** Parses {@code raw} (already stripped); throws IllegalArgumentException when it is not allowed. */
    T parse(String raw) {
        try {
            return parser.apply(raw);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(allowed, e);
        }
    }

    /** The allowed values in words, for error messages and {@code config list}. */
    public String allowed() {
        return allowed;
    }

    /** The values of a choice (or true/false); empty for free values. */
    public List<String> choices() {
        return choices;
    }

    private static String words(List<String> values) {
        if (values.size() == 1) {
            return values.get(0);
        }
        return String.join(", ", values.subList(0, values.size() - 1)) + " or " + values.get(values.size() - 1);
    }
}
