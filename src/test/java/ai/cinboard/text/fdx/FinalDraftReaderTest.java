package ai.cinboard.text.fdx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.StudioException;
import ai.cinboard.text.StoryDecoder;
import ai.cinboard.text.breakdown.Breakdown;
import ai.cinboard.text.breakdown.CharacterDraft;
import ai.cinboard.text.breakdown.SceneBreakdown;
import ai.cinboard.text.breakdown.SceneDraft;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Final Draft screenplay gives the same scenes, characters and lines as its Fountain twin; hostile XML is refused. */
class FinalDraftReaderTest {

    static final String FDX = FinalDraftReaderTestData.FDX;

    static final String FOUNTAIN = """
            INT. FERRY DECK - NIGHT #1#

            Rain drums on the rail. MARA (40s) grips a lantern.

            MARA
            (to herself)
            The captain should be here by now.

            A door bangs. TOMAS runs up the stairs.

            TOMAS
            He's gone. The boat is empty.

            MARA ^
            Gone where?

            CUT TO:

            EXT. HARBOUR - DAWN #2#

            Grey light. The ferry drifts past the pier, lanterns still lit.

            @Old Ines
            Nobody steers that boat.

            > Fade out.
            """;

    private static String read(String xml, String name) {
        return new StoryDecoder()
                .decode(xml.getBytes(StandardCharsets.UTF_8), name)
                .text();
    }

    @Test
    void givesTheSameScenesCharactersAndLinesAsItsFountainTwin() {
        String converted = read(FDX, "ferry.fdx");
        assertTrue(converted.contains("MARA ^"), "dual dialogue's second speaker: " + converted);
        assertTrue(converted.contains("(to herself)"));
        assertTrue(converted.contains("> Fade out."), "a transition Fountain would not recognise is forced");
        Breakdown fdx = new SceneBreakdown().breakdown(converted, "ferry.fdx");
        Breakdown fountain = new SceneBreakdown().breakdown(FOUNTAIN, "ferry.fountain");
        assertEquals("fountain", fdx.method());
        assertEquals(2, fdx.scenes().size());
        assertEquals(
                fountain.scenes().stream().map(SceneDraft::heading).toList(),
                fdx.scenes().stream().map(SceneDraft::heading).toList());
        assertEquals(
                fountain.characters().stream().map(CharacterDraft::name).toList(),
                fdx.characters().stream().map(CharacterDraft::name).toList());
        List<String> names = fdx.characters().stream().map(CharacterDraft::name).toList();
        assertEquals(3, names.size(), names.toString());
        for (int i = 0; i < 2; i++) {
            assertEquals(
                    fountain.scenes().get(i).characterNames(),
                    fdx.scenes().get(i).characterNames());
            assertEquals(fountain.scenes().get(i).lines(), fdx.scenes().get(i).lines());
            assertEquals(
                    fountain.scenes().get(i).durationSeconds(),
                    fdx.scenes().get(i).durationSeconds());
        }
    }

    @Test
    void readsDualDialogueStraightInTheContentAsWellAsWrappedInAParagraph() {
        // Final Draft wraps it in a paragraph; scripts from other writers may not, and must lose no line
        String bare = FDX.replaceFirst("<Paragraph>\\s*<DualDialogue>", "<DualDialogue>")
                .replaceFirst("</DualDialogue>\\s*</Paragraph>", "</DualDialogue>");
        assertFalse(bare.contains("<Paragraph>\n"), bare);
        assertEquals(read(FDX, "ferry.fdx"), read(bare, "ferry.fdx"));
    }

    private static void assertRefused(byte[] bytes, String mentions) {
        StudioException e = assertThrows(StudioException.class, () -> new StoryDecoder().decode(bytes, "evil.fdx"));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("evil.fdx"), e.getMessage());
        assertTrue(e.getMessage().contains(mentions), e.getMessage());
        assertFalse(e.getMessage().contains("root:"), "no file content leaks into the message");
    }

    @Test
    void hostileAndBrokenFilesAreRefusedInOneLine() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE FinalDraft [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <FinalDraft><Content><Paragraph Type="Action"><Text>&xxe;</Text></Paragraph></Content></FinalDraft>
                """;
        assertRefused(xxe.getBytes(StandardCharsets.UTF_8), "DOCTYPE");
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
                <FinalDraft><Content><Paragraph Type="Action"><Text>&lol3;</Text></Paragraph></Content></FinalDraft>
                """;
        assertRefused(laughs.getBytes(StandardCharsets.UTF_8), "DOCTYPE");
        byte[] huge = new byte[50 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        assertRefused(huge, "50 MB");
        assertRefused(FDX.substring(0, FDX.length() / 2).getBytes(StandardCharsets.UTF_8), "not a readable");
        assertRefused("just words".getBytes(StandardCharsets.UTF_8), "not a readable");
        assertRefused("<html><body/></html>".getBytes(StandardCharsets.UTF_8), "not a Final Draft");
        assertRefused("<FinalDraft><Content/></FinalDraft>".getBytes(StandardCharsets.UTF_8), "no scenes");
    }
}
