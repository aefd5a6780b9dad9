package ai.cinboard.generation.remote;

import ai.cinboard.domain.Sha256;
import ai.cinboard.generation.CharacterLook;
import ai.cinboard.generation.KeyframeRequest;
import ai.cinboard.generation.ShotType;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What makes a character look the same across remote engines: a seed and a prompt block, both derived only
 * from the consistency key (plus name and description), so the same key gives the same seed and the same
 * words on every engine, every machine and every run. The reference image does the rest where the engine
 * can take one (img2img, ComfyUI LoadImage).
 */
public final class Consistency {
    /** Seeds stay below 2^32: A1111, ComfyUI and OpenAI-compatible servers (LocalAI, sd.cpp) all accept that range. */
    public static final long SEED_MASK = 0xFFFF_FFFFL;

    private static final List<String> PALETTES = List.of(
            "deep teal and amber",
            "crimson and charcoal",
            "olive and cream",
            "navy and mustard",
            "plum and silver",
            "rust and slate blue",
            "forest green and tan",
            "burgundy and gold");
    private static final List<String> HAIR = List.of(
            "short cropped hair",
            "shoulder-length wavy hair",
            "long straight hair",
            "tied-back hair",
            "curly hair",
            "a neat side parting",
            "a loose braid",
            "close-shaven head");
    private static final List<String> ACCENTS = List.of(
            "a scarf",
            "a leather satchel",
            "round glasses",
            "a long coat",
            "a wristwatch",
            "a woollen cap",
            "a pendant necklace",
            "rolled-up sleeves");

    private Consistency() {}

    /** The character's seed. Deterministic in the key alone, so renaming a character keeps its look. */
    public static long seed(String consistencyKey) {
        return ByteBuffer.wrap(digest(consistencyKey)).getLong() & SEED_MASK;
    }

    /**
     * "Name: description; palette …, hair …, wearing …, same face and outfit in every shot". The look words
     * are picked by the key so characters the writer described vaguely still stay recognisably themselves.
     */
    public static String characterBlock(CharacterLook look) {
        byte[] d = digest(look.consistencyKey());
        String description = look.description() == null || look.description().isBlank()
                ? ""
                : ", " + look.description().strip();
        return look.name() + description
                + ", " + PALETTES.get(Byte.toUnsignedInt(d[8]) % PALETTES.size()) + " colour palette"
                + ", " + HAIR.get(Byte.toUnsignedInt(d[9]) % HAIR.size())
                + ", with " + ACCENTS.get(Byte.toUnsignedInt(d[10]) % ACCENTS.size())
                + ", same face, hairstyle and outfit in every shot";
    }

    /** The prompt for a character's reference sheet; variation 0 is the front view. */
    public static String characterSheetPrompt(CharacterLook look, int variation) {
        String view = switch (Math.floorMod(variation, 4)) {
            case 0 -> "front view";
            case 1 -> "three-quarter view";
            case 2 -> "side profile";
            default -> "full body, neutral pose";
        };
        return "character reference sheet, " + view + ", plain light grey background, even studio lighting, "
                + characterBlock(look);
    }

    /** Seed for a sheet variation: the character's seed, stepped so variations differ but stay reproducible. */
    public static long characterSheetSeed(CharacterLook look, int variation) {
        return (seed(look.consistencyKey()) + variation) & SEED_MASK;
    }

    /**
     * The keyframe prompt: shot framing, the (translated) scene prompt, place and time, then one block per
     * character. Every keyframe carries the full block, so a character is described identically in all of them.
     */
    public static String keyframePrompt(KeyframeRequest r) {
        StringBuilder sb = new StringBuilder(shotWords(r.shot()));
        String scene = r.prompt() != null && !r.prompt().isBlank() ? r.prompt() : r.description();
        if (scene != null && !scene.isBlank()) {
            sb.append(", ").append(scene.strip());
        }
        if (r.location() != null && !r.location().isBlank()) {
            sb.append(", at ").append(r.location().strip());
        }
        if (r.timeOfDay() != null && !r.timeOfDay().isBlank()) {
            sb.append(", ").append(r.timeOfDay().strip().toLowerCase(java.util.Locale.ROOT));
        }
        if (r.characters() != null && !r.characters().isEmpty()) {
            sb.append(". Characters: ")
                    .append(r.characters().stream()
                            .map(Consistency::characterBlock)
                            .collect(Collectors.joining("; ")));
        }
        sb.append(". Cinematic storyboard frame.");
        return sb.toString();
    }

    /** The keyframe's own seed (from the scene and its characters' keys), kept in the range servers accept. */
    public static long keyframeSeed(KeyframeRequest r) {
        return r.seed() & SEED_MASK;
    }

    /** The first character with a reference image: the one the keyframe is anchored on for img2img. */
    public static java.util.Optional<CharacterLook> anchor(KeyframeRequest r) {
        if (r.characters() == null) {
            return java.util.Optional.empty();
        }
        return r.characters().stream()
                .filter(c -> c.referencePng() != null && c.referencePng().length > 0)
                .findFirst();
    }

    private static String shotWords(ShotType shot) {
        if (shot == null) {
            return "medium shot";
        }
        return switch (shot) {
            case WIDE -> "wide establishing shot";
            case MEDIUM -> "medium shot";
            case CLOSE_UP -> "close-up shot";
        };
    }

    private static byte[] digest(String key) {
        return Sha256.of("cinboard-consistency:" + (key == null ? "" : key));
    }
}
