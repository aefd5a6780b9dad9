package ai.cinboard.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a long story into pieces an engine accepts in one request, at paragraph breaks where possible.
 * Public LibreTranslate servers limit a request to a few thousand characters, and chat models translate
 * long inputs less faithfully, so both engines send chunks and join the answers with the same separator.
 */
public final class TextChunks {
    public static final String SEPARATOR = "\n\n";

    private TextChunks() {}

    public static List<String> split(String text, int maxChars) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String paragraph : text.split("\n\\s*\n")) {
            for (String piece : splitLong(paragraph, maxChars)) {
                if (!current.isEmpty() && current.length() + SEPARATOR.length() + piece.length() > maxChars) {
                    chunks.add(current.toString());
                    current.setLength(0);
                }
                if (!current.isEmpty()) {
                    current.append(SEPARATOR);
                }
                current.append(piece);
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current.toString());
        }
        return chunks;
    }

    /** A paragraph longer than the limit is cut at the last whitespace before it (or hard, if none). */
    private static List<String> splitLong(String paragraph, int maxChars) {
        List<String> pieces = new ArrayList<>();
        String rest = paragraph;
        while (rest.length() > maxChars) {
            int cut = rest.lastIndexOf(' ', maxChars);
            if (cut <= 0) {
                cut = maxChars;
                if (Character.isHighSurrogate(rest.charAt(cut - 1))) {
                    cut--; // never split a surrogate pair
                }
            }
            pieces.add(rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
        }
        pieces.add(rest);
        return pieces;
    }

    /** Applies {@code each} to every chunk of at most {@code maxChars} and joins the results in order. */
    public static String mapChunks(String text, int maxChars, java.util.function.UnaryOperator<String> each) {
        StringBuilder out = new StringBuilder();
        for (String chunk : split(text, maxChars)) {
            if (!out.isEmpty()) {
                out.append(SEPARATOR);
            }
            out.append(each.apply(chunk));
        }
        return out.toString();
    }
}
