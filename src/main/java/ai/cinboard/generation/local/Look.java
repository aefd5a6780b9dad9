package ai.cinboard.generation.local;

import ai.cinboard.domain.Sha256;
import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A character's look, derived from the SHA-256 of its consistency key, so the same key draws the same person
 * in every sheet and keyframe, on every machine (and from what its description says, where it says it). Each trait reads its own bytes of the digest, so traits vary
 * independently and two keys almost never agree on all of them.
 */
public record Look(
        Color skin,
        Color hair,
        Color outfit,
        Color accent,
        Color eyes,
        double headWidth,
        double bodyWidth,
        double height,
        HairStyle hairStyle,
        Accessory accessory) {

    public enum HairStyle {
        SHORT,
        LONG,
        BUN,
        SPIKY,
        BALD,
        BOB
    }

    public enum Accessory {
        NONE,
        GLASSES,
        HAT,
        SCARF,
        EARRINGS
    }

    /** Skin tones sampled across the range of real skin, light to dark. */
    private static final Color[] SKIN = {
        new Color(0xF6D7C3), new Color(0xEEC1A0), new Color(0xE0AC85), new Color(0xC68863),
        new Color(0xA56A43), new Color(0x8D5524), new Color(0x6B3E1F), new Color(0x4A2A14)
    };

    private static final Color[] HAIR = {
        new Color(0x1B1B1B), new Color(0x3B2314), new Color(0x6A4E2F), new Color(0xA8743B),
        new Color(0xD9B26F), new Color(0xB5452B), new Color(0x9E9E9E), new Color(0x2E3D6B)
    };

    public static Look of(String consistencyKey) {
        byte[] d = Sha256.of(consistencyKey == null ? "" : consistencyKey);
        return new Look(
                SKIN[u(d, 0) % SKIN.length],
                HAIR[u(d, 1) % HAIR.length],
                // outfit: any hue, saturated enough to tell characters apart at thumbnail size
                Color.getHSBColor(u(d, 2) / 256f, 0.55f + u(d, 3) / 1024f, 0.55f + u(d, 4) / 850f),
                Color.getHSBColor(u(d, 5) / 256f, 0.65f, 0.85f),
                Color.getHSBColor(0.05f + u(d, 6) / 512f, 0.6f, 0.35f + u(d, 7) / 1024f),
                0.80 + u(d, 8) / 255.0 * 0.40,
                0.75 + u(d, 9) / 255.0 * 0.55,
                0.88 + u(d, 10) / 255.0 * 0.24,
                HairStyle.values()[u(d, 11) % HairStyle.values().length],
                Accessory.values()[u(d, 12) % Accessory.values().length]);
    }

    /**
     * The key's look with what the character's description says about it in its place (hair and clothing colours,
     * glasses, a hat, a bald head): editing the description changes the drawing, as it changes a model's prompt.
     */
    public static Look of(String consistencyKey, String description) {
        return LookWords.apply(of(consistencyKey), description);
    }

    /** Seed for anything else that should follow the key (e.g. pose jitter). */
    public static long seedOf(String consistencyKey) {
        byte[] d = Sha256.of(consistencyKey == null ? "" : consistencyKey);
        long s = 0;
        for (int i = 24; i < 32; i++) {
            s = (s << 8) | (d[i] & 0xff);
        }
        return s;
    }

    /** For generationParams: the palette as hex strings and the shape parameters. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("skin", hex(skin));
        m.put("hair", hex(hair));
        m.put("outfit", hex(outfit));
        m.put("accent", hex(accent));
        m.put("eyes", hex(eyes));
        m.put("hair_style", hairStyle.name().toLowerCase(java.util.Locale.ROOT));
        m.put("accessory", accessory.name().toLowerCase(java.util.Locale.ROOT));
        m.put("head_width", Math.round(headWidth * 100) / 100.0);
        m.put("body_width", Math.round(bodyWidth * 100) / 100.0);
        m.put("height", Math.round(height * 100) / 100.0);
        return m;
    }

    static String hex(Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static int u(byte[] d, int i) {
        return d[i] & 0xff;
    }
}
