package ai.cinboard.service.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptTextTest {
    @Test
    void fountainDialogueBlocksAndProseQuotesBecomeDialogue() {
        ScriptText t = ScriptText.parse("The keeper climbs.\n\nKEEPER (V.O.)\n(quietly)\nAnother night.\n\n"
                + "She says «Пора» and leaves.\n美咲：「待ってたよ」");
        assertEquals(List.of("KEEPER: Another night.", "«Пора»", "美咲: 「待ってたよ」"), t.dialogue());
        assertEquals("The keeper climbs. She says  and leaves.", t.action());
    }
}
