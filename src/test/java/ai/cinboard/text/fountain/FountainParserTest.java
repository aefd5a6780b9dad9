package ai.cinboard.text.fountain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FountainParserTest {
    private final FountainParser parser = new FountainParser();

    private List<FountainElement> parse(String s) {
        return parser.parse(s);
    }

    @Test
    void titlePageWithIndentedValues() {
        List<FountainElement> els = parse(
                "Title: The Keeper\nCredit: written by\nAuthor: Ana Ruiz\nContact:\n   12 Harbour Rd\n   Porto\n\nEXT. PIER - DAY\n\nWaves.");
        TitlePage tp = assertInstanceOf(TitlePage.class, els.get(0));
        assertEquals("The Keeper", tp.value("title"));
        assertEquals("Ana Ruiz", tp.value("Author"));
        assertEquals("12 Harbour Rd\nPorto", tp.value("Contact"));
        assertEquals(new SceneHeading("EXT. PIER - DAY", null, false), els.get(1));
        assertInstanceOf(Action.class, els.get(2));
    }

    @Test
    void proseStartingWithAColonIsNotATitlePage() {
        List<FountainElement> els = parse("Warning: the door is open.\n\nShe enters.");
        assertInstanceOf(Action.class, els.get(0));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "INT. KITCHEN - NIGHT",
                "EXT. ROOF - DAY",
                "EST. CITY SKYLINE - DUSK",
                "INT./EXT. CAR - MOVING",
                "INT/EXT. CAR - MOVING",
                "I/E CAR - MOVING",
                "int. lowercase room - day"
            })
    void sceneHeadings(String heading) {
        List<FountainElement> els = parse("Before.\n\n" + heading + "\n\nAfter.");
        assertEquals(new SceneHeading(heading, null, false), els.get(1));
    }

    @Test
    void headingNeedsABlankLineBefore() {
        List<FountainElement> els = parse("She said\nINT. is short for interior.");
        assertEquals(1, els.size());
        assertInstanceOf(Action.class, els.get(0));
    }

    @Test
    void forcedHeadingAndSceneNumbers() {
        List<FountainElement> els = parse(".THE VOID #12A#\n\nINT. HALL - DAY #3#\n\n...and then silence.");
        assertEquals(new SceneHeading("THE VOID", "12A", true), els.get(0));
        assertEquals(new SceneHeading("INT. HALL - DAY", "3", false), els.get(1));
        assertInstanceOf(Action.class, els.get(2), "an ellipsis is not a forced heading");
    }

    @Test
    void characterExtensionsAreStrippedFromTheName() {
        List<FountainElement> els =
                parse("MIRA (V.O.)\nI was never here.\n\nMIRA (CONT'D)\nNever.\n\nJONAS (O.S.) (CONT’D)\nMira?");
        List<CharacterCue> cues = els.stream()
                .filter(CharacterCue.class::isInstance)
                .map(CharacterCue.class::cast)
                .toList();
        assertEquals(
                List.of("MIRA", "MIRA", "JONAS"),
                cues.stream().map(CharacterCue::name).toList());
        assertEquals(List.of("V.O."), cues.get(0).extensions());
        assertEquals(List.of("O.S.", "CONT’D"), cues.get(2).extensions());
        assertEquals("MIRA (V.O.)", cues.get(0).text());
    }

    @Test
    void unicodeCuesInCasedScriptsAndForcedCuesForUncasedScripts() {
        List<FountainElement> els = parse(
                "ÉLODIE\nBonjour.\n\nМИРА\nПривет.\n\nΑΝΝΑ\nΓεια.\n\n@美羽\nこんにちは。\n\n美羽\n这不是台词。\n\n@McCLANE\nYippee.");
        List<String> names = els.stream()
                .filter(CharacterCue.class::isInstance)
                .map(e -> ((CharacterCue) e).name())
                .toList();
        assertEquals(List.of("ÉLODIE", "МИРА", "ΑΝΝΑ", "美羽", "McCLANE"), names);
        // without @ a caseless name followed by a line is action, as Fountain can't tell it from prose
        assertTrue(els.stream().anyMatch(e -> e instanceof Action a && a.text().startsWith("美羽")));
    }

    @Test
    void forcedCueNeedsAName() {
        // found by the fuzzer: "@" alone used to make a cue with an empty name
        List<FountainElement> els = parse("@\nHello.\n\n@ (V.O.)\nHi.");
        assertTrue(els.stream().noneMatch(CharacterCue.class::isInstance), els.toString());
    }

    @Test
    void cueNeedsDialogueAfterIt() {
        List<FountainElement> els = parse("BOOM\n\nThe wall falls.");
        assertInstanceOf(Action.class, els.get(0));
    }

    @Test
    void dualDialogueParentheticalsAndMultiLineSpeech() {
        List<FountainElement> els =
                parse("BRICK\n(shouting)\nScrew retirement.\nI mean it.\n\nSTEEL ^\nScrew retirement.");
        assertEquals(new CharacterCue("BRICK", "BRICK", List.of(), false, false), els.get(0));
        assertEquals(new Parenthetical("(shouting)"), els.get(1));
        assertEquals("Screw retirement.\nI mean it.", ((Dialogue) els.get(2)).text());
        CharacterCue steel = (CharacterCue) els.get(3);
        assertTrue(steel.dual());
        assertEquals("STEEL", steel.name());
    }

    @Test
    void transitionsNaturalAndForced() {
        List<FountainElement> els =
                parse("Text.\n\nCUT TO:\n\n> FADE OUT.\n\nSMASH CUT TO:\nnot a transition, no blank after");
        assertEquals(new Transition("CUT TO:", false), els.get(1));
        assertEquals(new Transition("FADE OUT.", true), els.get(2));
        assertFalse(els.get(3) instanceof Transition);
    }

    @Test
    void centredLyricsSectionsSynopsesPageBreaks() {
        List<FountainElement> els = parse(
                "> THE END <\n\n~Row, row, row\n\n# Act One\n\n## Sequence\n\n= She finds the key.\n\n===\n\n!FORCED ACTION");
        assertEquals("THE END", ((Centered) els.get(0)).text());
        assertEquals("Row, row, row", ((Lyric) els.get(1)).text());
        assertEquals(new Section("Act One", 1), els.get(2));
        assertEquals(new Section("Sequence", 2), els.get(3));
        assertEquals(new Synopsis("She finds the key."), els.get(4));
        assertInstanceOf(PageBreak.class, els.get(5));
        Action forced = (Action) els.get(6);
        assertTrue(forced.forced());
        assertEquals("FORCED ACTION", forced.text());
    }

    @Test
    void notesAreSeparatedFromTextAndBoneyardIsRemoved() {
        List<FountainElement> els = parse(
                "She opens the door. [[check the\nprop list]] It creaks.\n\n/* an old scene\n\nINT. GONE - DAY\n*/\n[[standalone]]\n\nEnd.");
        Action first = (Action) els.get(0);
        assertEquals("She opens the door.  It creaks.", first.text());
        assertEquals(new Note("check the\nprop list"), els.get(1));
        assertEquals(new Note("standalone"), els.get(2));
        assertEquals("End.", els.get(3).text());
        assertTrue(els.stream().noneMatch(SceneHeading.class::isInstance));
    }

    @Test
    void unclosedBoneyardAndNoteStayAsText() {
        List<FountainElement> els = parse("Keep /* this\n\nand [[ this");
        assertEquals("Keep /* this", els.get(0).text());
        assertEquals("and [[ this", els.get(1).text());
    }

    @Test
    void emphasisBecomesStyledRuns() {
        Action a = (Action) parse("Plain *italic* **bold** ***both*** _under_ \\*literal\\* 5 * 3")
                .get(0);
        assertEquals(
                List.of(
                        StyledRun.plain("Plain "),
                        new StyledRun("italic", false, true, false),
                        StyledRun.plain(" "),
                        new StyledRun("bold", true, false, false),
                        StyledRun.plain(" "),
                        new StyledRun("both", true, true, false),
                        StyledRun.plain(" "),
                        new StyledRun("under", false, false, true),
                        StyledRun.plain(" *literal* 5 * 3")),
                a.runs());
        assertEquals("Plain italic bold both under *literal* 5 * 3", a.text());
    }

    @Test
    void nestedEmphasisAndNoCrossingLines() {
        Action a = (Action) parse("**bold _and under_**\n*not\nclosed*").get(0);
        assertEquals(new StyledRun("bold ", true, false, false), a.runs().get(0));
        assertEquals(new StyledRun("and under", true, false, true), a.runs().get(1));
        assertTrue(a.text().endsWith("*not\nclosed*"));
    }

    @Test
    void emptyAndNullInput() {
        assertEquals(List.of(), parse(""));
        assertEquals(List.of(), parse(null));
        assertEquals(List.of(), parse("\n\n   \n"));
    }
}
