package ai.cinboard.text.fountain;

import java.util.ArrayList;
import java.util.List;

/**
 * Fountain emphasis: {@code *italic*}, {@code **bold**}, {@code ***bold italic***}, {@code _underline_},
 * with {@code \} escaping the next character. As in Fountain, emphasis does not cross a line break, and a
 * marker without a partner on the same line is literal text (so "5 * 3" stays as written).
 */
final class Emphasis {
    private enum Kind {
        TEXT,
        STAR1,
        STAR2,
        STAR3,
        UNDER
    }

    private record Token(Kind kind, String text) {}

    private Emphasis() {}

    static List<StyledRun> parse(String text) {
        List<StyledRun> runs = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                append(runs, "\n", false, false, false);
            }
            parseLine(lines[i], runs);
        }
        return runs;
    }

    static String plain(List<StyledRun> runs) {
        StringBuilder sb = new StringBuilder();
        runs.forEach(r -> sb.append(r.text()));
        return sb.toString();
    }

    private static void parseLine(String line, List<StyledRun> runs) {
        List<Token> tokens = tokenize(line);
        // Decide which markers are paired: a marker opens only if the same kind appears later on the line.
        boolean[] active = new boolean[tokens.size()];
        int[] openAt = {-1, -1, -1, -1, -1};
        for (int i = 0; i < tokens.size(); i++) {
            Kind k = tokens.get(i).kind();
            if (k == Kind.TEXT) {
                continue;
            }
            int slot = k.ordinal();
            if (openAt[slot] >= 0) {
                active[openAt[slot]] = true;
                active[i] = true;
                openAt[slot] = -1;
            } else {
                openAt[slot] = i;
            }
        }
        boolean bold = false;
        boolean italic = false;
        boolean underline = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() == Kind.TEXT || !active[i]) {
                append(runs, t.text(), bold, italic, underline);
                continue;
            }
            switch (t.kind()) {
                case STAR1 -> italic = !italic;
                case STAR2 -> bold = !bold;
                case STAR3 -> {
                    bold = !bold;
                    italic = !italic;
                }
                case UNDER -> underline = !underline;
                default -> throw new IllegalStateException("unreachable");
            }
        }
    }

    private static List<Token> tokenize(String line) {
        List<Token> tokens = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                text.append(line.charAt(i + 1));
                i += 2;
            } else if (c == '*' || c == '_') {
                if (!text.isEmpty()) {
                    tokens.add(new Token(Kind.TEXT, text.toString()));
                    text.setLength(0);
                }
                if (c == '_') {
                    tokens.add(new Token(Kind.UNDER, "_"));
                    i++;
                } else {
                    int n = 0;
                    while (i + n < line.length() && line.charAt(i + n) == '*' && n < 3) {
                        n++;
                    }
                    Kind kind = n == 3 ? Kind.STAR3 : n == 2 ? Kind.STAR2 : Kind.STAR1;
                    tokens.add(new Token(kind, "*".repeat(n)));
                    i += n;
                }
            } else {
                text.append(c);
                i++;
            }
        }
        if (!text.isEmpty()) {
            tokens.add(new Token(Kind.TEXT, text.toString()));
        }
        return tokens;
    }

    private static void append(List<StyledRun> runs, String text, boolean bold, boolean italic, boolean underline) {
        if (text.isEmpty()) {
            return;
        }
        if (!runs.isEmpty()) {
            StyledRun last = runs.get(runs.size() - 1);
            if (last.bold() == bold && last.italic() == italic && last.underline() == underline) {
                runs.set(runs.size() - 1, new StyledRun(last.text() + text, bold, italic, underline));
                return;
            }
        }
        runs.add(new StyledRun(text, bold, italic, underline));
    }
}
