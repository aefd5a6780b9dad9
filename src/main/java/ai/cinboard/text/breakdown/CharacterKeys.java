package ai.cinboard.text.breakdown;

import ai.cinboard.domain.Sha256;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/** Slugs and consistency keys for characters. */
public final class CharacterKeys {
    /** Slugs stay short enough for URLs and file names. */
    static final int MAX_SLUG = 60;

    private CharacterKeys() {}

    /**
     * The story's fingerprint: SHA-256 of its text in NFC, lower case, with all whitespace runs made one
     * space. Re-saving with other line ends or indentation gives the same keys; changing words does not.
     */
    public static String storyFingerprint(String story) {
        String n = Normalizer.normalize(story, Normalizer.Form.NFC)
                .toLowerCase(Locale.ROOT)
                .replaceAll("\\s+", " ")
                .strip();
        return Sha256.hexOf(n);
    }

    /** "ck-" + SHA-256(fingerprint + NUL + normalised name): 67 characters, inside VARCHAR(100). */
    public static String consistencyKey(String storyFingerprint, String name) {
        String n = Normalizer.normalize(name, Normalizer.Form.NFC)
                .toLowerCase(Locale.ROOT)
                .replaceAll("\\s+", " ")
                .strip();
        return "ck-" + Sha256.hexOf(storyFingerprint + "\u0000" + n);
    }

    /**
     * A lower-case slug: Latin accents folded ("Élodie" → "elodie"), other scripts kept as they are
     * ("Мира" → "мира", "美羽" stays), anything else becomes a hyphen. Unique within {@code taken}.
     */
    public static String slug(String name, Set<String> taken) {
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        // folding marks off is right for Latin but breaks Indic and Arabic vowel signs; keep those scripts whole
        String base = folded.codePoints().allMatch(cp -> cp < 0x0250 || !Character.isLetter(cp))
                ? folded
                : Normalizer.normalize(name, Normalizer.Form.NFC);
        String slug = base.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}\\p{M}]+", "-")
                .replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_SLUG) {
            slug = slug.substring(0, MAX_SLUG).replaceAll("-+$", "");
        }
        if (slug.isEmpty()) {
            slug = "character";
        }
        String candidate = slug;
        for (int i = 2; taken.contains(candidate); i++) {
            candidate = slug + "-" + i;
        }
        taken.add(candidate);
        return candidate;
    }
}
