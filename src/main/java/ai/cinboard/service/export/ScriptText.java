package ai.cinboard.service.export;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scene's text split into action and dialogue for the storyboard panels. It understands Fountain's
 * dialogue blocks (an upper-case character cue line, an optional parenthetical, then the speech) and, for
 * prose, lines of the form {@code Name: speech} and quoted speech in the common quote styles
 * ("…", “…”, «…», „…“, 「…」, 『…』).
 */
record ScriptText(String action, List<String> dialogue) {
    private static final Pattern CUE = Pattern.compile("^[\\p{Lu}][\\p{Lu}0-9 .'\\-]*(\\s*\\(.*\\))?\\s*\\^?$");
    private static final Pattern NAMED = Pattern.compile("^([\\p{L}][\\p{L}\\p{M} .'\\-]{0,30})\\s*[:：]\\s*(.+)$");
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]+\"|“[^”]+”|«[^»]+»|„[^“]+“|「[^」]+」|『[^』]+』");

    static ScriptText parse(String text) {
        if (text == null || text.isBlank()) {
            return new ScriptText("", List.of());
        }
        List<String> dialogue = new ArrayList<>();
        StringBuilder action = new StringBuilder();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            boolean hasLetters = line.codePoints().anyMatch(java.lang.Character::isLetter);
            if (hasLetters && CUE.matcher(line).matches() && i + 1 < lines.length && !lines[i + 1].isBlank()) {
                String name = line.replaceAll("\\s*\\(.*\\)\\s*\\^?$", "").strip();
                StringBuilder speech = new StringBuilder();
                int j = i + 1;
                while (j < lines.length && !lines[j].isBlank()) {
                    String s = lines[j].strip();
                    if (!(s.startsWith("(") && s.endsWith(")"))) {
                        speech.append(speech.length() > 0 ? " " : "").append(s);
                    }
                    j++;
                }
                dialogue.add(name + ": " + speech);
                i = j - 1;
                continue;
            }
            Matcher named = NAMED.matcher(line);
            if (named.matches()) {
                dialogue.add(named.group(1).strip() + ": " + named.group(2).strip());
                continue;
            }
            Matcher quoted = QUOTED.matcher(line);
            boolean any = false;
            while (quoted.find()) {
                dialogue.add(quoted.group());
                any = true;
            }
            String rest = any ? QUOTED.matcher(line).replaceAll("").strip() : line;
            if (!rest.isEmpty()) {
                action.append(action.length() > 0 ? " " : "").append(rest);
            }
        }
        return new ScriptText(action.toString(), List.copyOf(dialogue));
    }
}
