package ai.cinboard.generation.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.generation.CharacterLook;
import ai.cinboard.generation.KeyframeRequest;
import ai.cinboard.generation.ShotType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsistencyTest {
    static final CharacterLook MIRA = new CharacterLook("Mira", "a tall courier in her thirties", "ck-mira-7f3a", null);

    @Test
    void seedDependsOnTheKeyOnlyAndFitsIn32Bits() {
        long a = Consistency.seed("ck-mira-7f3a");
        assertEquals(a, Consistency.seed("ck-mira-7f3a"));
        assertNotEquals(a, Consistency.seed("ck-mira-7f3b"));
        assertTrue(a >= 0 && a <= 0xFFFF_FFFFL);
        // Pinned so a refactor that changes every character's look across projects is noticed.
        assertEquals(721116608L, a);
    }

    @Test
    void characterBlockIsStableAndNamesTheCharacter() {
        String block = Consistency.characterBlock(MIRA);
        assertEquals(
                block,
                Consistency.characterBlock(
                        new CharacterLook("Mira", "a tall courier in her thirties", "ck-mira-7f3a", new byte[] {1})));
        assertTrue(block.startsWith("Mira, a tall courier in her thirties, "), block);
        assertEquals(
                "Mira, a tall courier in her thirties, rust and slate blue colour palette, a neat side parting, "
                        + "with a long coat, same face, hairstyle and outfit in every shot",
                block);
    }

    @Test
    void everyKeyframePromptCarriesTheBlock() {
        KeyframeRequest k = new KeyframeRequest(
                "EXT. HARBOUR - NIGHT",
                "harbour",
                "NIGHT",
                "Mira waits",
                "Mira waits by the crane",
                "Mira wartet",
                "de",
                ShotType.WIDE,
                List.of(MIRA),
                0x1_2345_6789L,
                640,
                360);
        String p = Consistency.keyframePrompt(k);
        assertTrue(p.startsWith("wide establishing shot, Mira waits by the crane, at harbour, night"), p);
        assertTrue(p.contains(Consistency.characterBlock(MIRA)), p);
        assertEquals(0x2345_6789L, Consistency.keyframeSeed(k));
    }
}
