package ai.cinboard.text.fountain;

import java.util.List;

/**
 * One element of a Fountain screenplay. {@code text()} is the plain text with emphasis markers, escapes,
 * notes and boneyard removed; elements with emphasis also carry their styled runs.
 */
public sealed interface FountainElement {
    String text();

    /** Title page, always first when present. Keys keep their spelling; values keep their line breaks. */
    record TitlePage(List<Entry> entries) implements FountainElement {
        public record Entry(String key, String value) {}

        public TitlePage {
            entries = List.copyOf(entries);
        }

        @Override
        public String text() {
            StringBuilder sb = new StringBuilder();
            for (Entry e : entries) {
                sb.append(e.key()).append(": ").append(e.value()).append('\n');
            }
            return sb.toString().strip();
        }

        /** The value of the first entry with this key (case-insensitive), or null. */
        public String value(String key) {
            return entries.stream()
                    .filter(e -> e.key().equalsIgnoreCase(key))
                    .map(Entry::value)
                    .findFirst()
                    .orElse(null);
        }
    }

    /** INT./EXT./EST./I/E headings, or any line forced with a leading dot. sceneNumber is null when absent. */
    record SceneHeading(String text, String sceneNumber, boolean forced) implements FountainElement {}

    record Action(String text, List<StyledRun> runs, boolean forced) implements FountainElement {
        public Action {
            runs = List.copyOf(runs);
        }
    }

    /**
     * A character cue. {@code name} is the character without extensions, so {@code MIRA (V.O.)} and
     * {@code MIRA (CONT'D)} both name {@code MIRA}; {@code dual} marks the right-hand side of dual dialogue.
     */
    record CharacterCue(String text, String name, List<String> extensions, boolean dual, boolean forced)
            implements FountainElement {
        public CharacterCue {
            extensions = List.copyOf(extensions);
        }
    }

    record Parenthetical(String text) implements FountainElement {}

    record Dialogue(String text, List<StyledRun> runs) implements FountainElement {
        public Dialogue {
            runs = List.copyOf(runs);
        }
    }

    record Transition(String text, boolean forced) implements FountainElement {}

    record Centered(String text, List<StyledRun> runs) implements FountainElement {
        public Centered {
            runs = List.copyOf(runs);
        }
    }

    record Lyric(String text, List<StyledRun> runs) implements FountainElement {
        public Lyric {
            runs = List.copyOf(runs);
        }
    }

    /** A writer's note {@code [[...]]}; never part of the read or spoken text. */
    record Note(String text) implements FountainElement {}

    /** {@code #}, {@code ##}, ... : depth is the number of hashes. */
    record Section(String text, int depth) implements FountainElement {}

    record Synopsis(String text) implements FountainElement {}

    record PageBreak() implements FountainElement {
        @Override
        public String text() {
            return "";
        }
    }
}
