package ai.cinboard.text.fountain;

import ai.cinboard.text.fountain.FountainElement.Action;
import ai.cinboard.text.fountain.FountainElement.Centered;
import ai.cinboard.text.fountain.FountainElement.CharacterCue;
import ai.cinboard.text.fountain.FountainElement.Dialogue;
import ai.cinboard.text.fountain.FountainElement.Lyric;
import ai.cinboard.text.fountain.FountainElement.Note;
import ai.cinboard.text.fountain.FountainElement.PageBreak;
import ai.cinboard.text.fountain.FountainElement.Parenthetical;
import ai.cinboard.text.fountain.FountainElement.SceneHeading;
import ai.cinboard.text.fountain.FountainElement.Section;
import ai.cinboard.text.fountain.FountainElement.Synopsis;
import ai.cinboard.text.fountain.FountainElement.TitlePage;
import ai.cinboard.text.fountain.FountainElement.Transition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Fountain (fountain.io) parser written for the studio. It never throws on any input: anything it can't
 * classify is action, which is what Fountain itself says to do. Character cues are Unicode-aware: a cue is
 * a line whose name part equals its own upper case and has at least one cased letter (ÉLODIE, МИРА, ΑΝΝΑ);
 * scripts without case (美羽, مريم) need Fountain's {@code @} to force a cue.
 *
 * <p>Deliberate simplifications: indentation is not preserved in action; "two-space" blank lines inside
 * dialogue end the dialogue; a boneyard without its closing {@code *}{@code /} is kept as text rather than
 * swallowing the rest of the script.
 */
public final class FountainParser {
    /** Title page keys that may start a document; later keys may be anything, as the spec allows. */
    private static final Set<String> TITLE_KEYS = Set.of(
            "title",
            "credit",
            "author",
            "authors",
            "source",
            "draft date",
            "date",
            "contact",
            "copyright",
            "notes",
            "revision",
            "contact info");

    private static final Pattern TITLE_LINE = Pattern.compile("^([\\p{L}][\\p{L}\\p{N} _-]{0,40}):(.*)$");
    private static final Pattern HEADING =
            Pattern.compile("^(?i)(INT\\.?/EXT|INT/EXT|EXT\\.?/INT|I/E|INT|EXT|EST)(\\.|\\s)");
    private static final Pattern SCENE_NUMBER = Pattern.compile("\\s*#([\\p{L}\\p{N}.\\-]+)#\\s*$");
    private static final Pattern EXTENSION = Pattern.compile("\\(([^()]*)\\)");
    /** Private-use markers standing in for notes while lines are classified; removed from user input first. */
    private static final char NOTE_OPEN = '\uE000';

    private static final char NOTE_CLOSE = '\uE001';
    private static final Pattern NOTE_MARK = Pattern.compile(NOTE_OPEN + "(\\d+)" + NOTE_CLOSE);

    public List<FountainElement> parse(String source) {
        String text = source == null
                ? ""
                : source.replace("\r\n", "\n")
                        .replace('\r', '\n')
                        .replace(String.valueOf(NOTE_OPEN), "")
                        .replace(String.valueOf(NOTE_CLOSE), "");
        text = removeBoneyard(text);
        List<String> notes = new ArrayList<>();
        text = extractNotes(text, notes);

        List<FountainElement> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = parseTitlePage(lines, out, notes);
        boolean previousBlank = true;
        while (i < lines.length) {
            String raw = lines[i];
            String line = raw.strip();
            if (line.isEmpty()) {
                previousBlank = true;
                i++;
                continue;
            }
            if (onlyNotes(line)) {
                emitNotes(line, notes, out);
                i++;
                continue; // a note on its own line does not change the blank-line context
            }
            boolean nextBlank = i + 1 >= lines.length || lines[i + 1].isBlank();
            i = classify(lines, i, line, previousBlank, nextBlank, out, notes);
            previousBlank = false;
        }
        return out;
    }

    /** Returns the index of the next line to look at. */
    private int classify(
            String[] lines,
            int i,
            String line,
            boolean previousBlank,
            boolean nextBlank,
            List<FountainElement> out,
            List<String> notes) {
        String bare = stripNotes(line);
        if (bare.length() >= 3 && bare.chars().allMatch(c -> c == '=')) {
            out.add(new PageBreak());
        } else if (line.startsWith("=")) {
            out.add(new Synopsis(stripNotes(line.substring(1)).strip()));
        } else if (line.startsWith("#")) {
            int depth = 0;
            while (depth < line.length() && line.charAt(depth) == '#') {
                depth++;
            }
            out.add(new Section(stripNotes(line.substring(depth)).strip(), depth));
        } else if (line.startsWith("~")) {
            List<StyledRun> runs = Emphasis.parse(stripNotes(line.substring(1)).strip());
            out.add(new Lyric(Emphasis.plain(runs), runs));
        } else if (line.startsWith("!")) {
            return action(lines, i, true, out, notes);
        } else if (line.startsWith(">") && line.endsWith("<") && line.length() >= 2) {
            List<StyledRun> runs = Emphasis.parse(
                    stripNotes(line.substring(1, line.length() - 1)).strip());
            out.add(new Centered(Emphasis.plain(runs), runs));
        } else if (line.startsWith(">")) {
            out.add(new Transition(stripNotes(line.substring(1)).strip(), true));
        } else if (line.startsWith(".") && !line.startsWith("..") && line.length() > 1) {
            out.add(heading(line.substring(1), true));
        } else if (previousBlank && HEADING.matcher(line + " ").find()) {
            out.add(heading(line, false));
        } else if (previousBlank && nextBlank && isTransition(bare)) {
            out.add(new Transition(bare, false));
        } else if (previousBlank && !nextBlank && (isForcedCue(bare) || isCue(bare))) {
            return dialogueBlock(lines, i, out, notes);
        } else {
            return action(lines, i, false, out, notes);
        }
        emitNotes(line, notes, out);
        return i + 1;
    }

    private static SceneHeading heading(String line, boolean forced) {
        String text = stripNotes(line).strip();
        String number = null;
        Matcher m = SCENE_NUMBER.matcher(text);
        if (m.find()) {
            number = m.group(1);
            text = text.substring(0, m.start()).strip();
        }
        return new SceneHeading(text, number, forced);
    }

    private static boolean isTransition(String line) {
        return line.endsWith("TO:") && isUpperCaseLine(line);
    }

    /** "@" forces a cue, but only with a name after it: a lone "@" or "@(V.O.)" names no one. */
    static boolean isForcedCue(String line) {
        return line.startsWith("@") && !cueName(line).isEmpty();
    }

    /** A cue's name part (without extensions and dual marker) equals its upper case and has a cased letter. */
    static boolean isCue(String line) {
        String name = cueName(line);
        if (name.isEmpty() || !isUpperCaseLine(name)) {
            return false;
        }
        return name.codePoints().anyMatch(java.lang.Character::isUpperCase);
    }

    private static boolean isUpperCaseLine(String s) {
        return s.codePoints().anyMatch(java.lang.Character::isLetter)
                && s.toUpperCase(Locale.ROOT).equals(s);
    }

    private static String cueName(String cue) {
        String s = cue.strip();
        if (s.startsWith("@")) {
            s = s.substring(1);
        }
        if (s.endsWith("^")) {
            s = s.substring(0, s.length() - 1);
        }
        s = EXTENSION.matcher(s).replaceAll(" ");
        return s.strip().replaceAll("\\s+", " ");
    }

    private int dialogueBlock(String[] lines, int i, List<FountainElement> out, List<String> notes) {
        String cueLine = stripNotes(lines[i]).strip();
        boolean forced = cueLine.startsWith("@");
        boolean dual = cueLine.endsWith("^");
        List<String> extensions = new ArrayList<>();
        Matcher m = EXTENSION.matcher(cueLine);
        while (m.find()) {
            String ext = m.group(1).strip();
            if (!ext.isEmpty()) {
                extensions.add(ext);
            }
        }
        String display = cueLine.startsWith("@") ? cueLine.substring(1) : cueLine;
        if (display.endsWith("^")) {
            display = display.substring(0, display.length() - 1);
        }
        out.add(new CharacterCue(display.strip(), cueName(cueLine), extensions, dual, forced));
        emitNotes(lines[i], notes, out);
        int j = i + 1;
        StringBuilder speech = new StringBuilder();
        while (j < lines.length && !lines[j].isBlank()) {
            String l = lines[j].strip();
            String bare = stripNotes(l).strip();
            if (bare.startsWith("(") && bare.endsWith(")")) {
                flushDialogue(speech, out);
                out.add(new Parenthetical(bare));
            } else if (!bare.isEmpty()) {
                if (!speech.isEmpty()) {
                    speech.append('\n');
                }
                speech.append(bare);
            }
            emitNotesDeferred(l, notes, out, speech);
            j++;
        }
        flushDialogue(speech, out);
        return j;
    }

    /** Notes inside speech are emitted after the speech that holds them, so the dialogue stays whole. */
    private void emitNotesDeferred(String line, List<String> notes, List<FountainElement> out, StringBuilder speech) {
        if (NOTE_MARK.matcher(line).find()) {
            flushDialogue(speech, out);
            emitNotes(line, notes, out);
        }
    }

    private static void flushDialogue(StringBuilder speech, List<FountainElement> out) {
        if (speech.isEmpty()) {
            return;
        }
        List<StyledRun> runs = Emphasis.parse(speech.toString());
        out.add(new Dialogue(Emphasis.plain(runs), runs));
        speech.setLength(0);
    }

    private int action(String[] lines, int i, boolean forced, List<FountainElement> out, List<String> notes) {
        StringBuilder sb = new StringBuilder();
        List<String> noteLines = new ArrayList<>();
        int j = i;
        while (j < lines.length && !lines[j].isBlank()) {
            String l = lines[j].strip();
            if (j == i && forced) {
                l = l.substring(1);
            }
            if (NOTE_MARK.matcher(l).find()) {
                noteLines.add(l);
            }
            String bare = stripNotes(l).strip();
            if (!bare.isEmpty() || j == i) {
                if (j > i) {
                    sb.append('\n');
                }
                sb.append(bare);
            }
            j++;
        }
        String body = sb.toString().strip();
        if (!body.isEmpty()) {
            List<StyledRun> runs = Emphasis.parse(body);
            out.add(new Action(Emphasis.plain(runs), runs, forced));
        }
        for (String l : noteLines) {
            emitNotes(l, notes, out);
        }
        return j;
    }

    private int parseTitlePage(String[] lines, List<FountainElement> out, List<String> notes) {
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first >= lines.length) {
            return lines.length;
        }
        Matcher start = TITLE_LINE.matcher(lines[first].strip());
        if (!start.matches() || !TITLE_KEYS.contains(start.group(1).strip().toLowerCase(Locale.ROOT))) {
            return 0;
        }
        List<TitlePage.Entry> entries = new ArrayList<>();
        String key = null;
        StringBuilder value = new StringBuilder();
        int i = first;
        for (; i < lines.length && !lines[i].isBlank(); i++) {
            String line = lines[i];
            Matcher m = TITLE_LINE.matcher(line.strip());
            boolean indented = line.startsWith("   ") || line.startsWith("\t");
            if (m.matches() && !indented) {
                if (key != null) {
                    entries.add(new TitlePage.Entry(key, value.toString().strip()));
                }
                key = m.group(1).strip();
                value.setLength(0);
                value.append(stripNotes(m.group(2)).strip());
            } else if (key != null) {
                if (!value.isEmpty()) {
                    value.append('\n');
                }
                value.append(stripNotes(line).strip());
            }
        }
        if (key != null) {
            entries.add(new TitlePage.Entry(key, value.toString().strip()));
        }
        out.add(new TitlePage(entries));
        for (int k = first; k < i; k++) {
            emitNotes(lines[k], notes, out);
        }
        return i;
    }

    private static String removeBoneyard(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        int pos = 0;
        while (true) {
            int open = text.indexOf("/*", pos);
            int close = open < 0 ? -1 : text.indexOf("*/", open + 2);
            if (open < 0 || close < 0) {
                sb.append(text, pos, text.length());
                return sb.toString();
            }
            sb.append(text, pos, open);
            pos = close + 2;
        }
    }

    /** Replaces each {@code [[note]]} with a numbered marker, so notes can span lines yet stay in place. */
    private static String extractNotes(String text, List<String> notes) {
        StringBuilder sb = new StringBuilder(text.length());
        int pos = 0;
        while (true) {
            int open = text.indexOf("[[", pos);
            int close = open < 0 ? -1 : text.indexOf("]]", open + 2);
            // A note may not contain a blank line: past one, the "note" is more likely a stray bracket.
            if (open >= 0 && close >= 0 && text.substring(open, close).contains("\n\n")) {
                sb.append(text, pos, open + 2);
                pos = open + 2;
                continue;
            }
            if (open < 0 || close < 0) {
                sb.append(text, pos, text.length());
                return sb.toString();
            }
            sb.append(text, pos, open);
            String note = text.substring(open + 2, close).strip();
            sb.append(NOTE_OPEN).append(notes.size()).append(NOTE_CLOSE);
            notes.add(note);
            pos = close + 2;
        }
    }

    private static boolean onlyNotes(String line) {
        return NOTE_MARK.matcher(line).find() && stripNotes(line).isBlank();
    }

    private static String stripNotes(String line) {
        return NOTE_MARK.matcher(line).replaceAll("");
    }

    private static void emitNotes(String line, List<String> notes, List<FountainElement> out) {
        Matcher m = NOTE_MARK.matcher(line);
        while (m.find()) {
            int index = Integer.parseInt(m.group(1));
            out.add(new Note(notes.get(index)));
        }
    }
}
