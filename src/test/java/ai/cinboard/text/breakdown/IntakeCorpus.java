package ai.cinboard.text.breakdown;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The evaluation corpus in {@code src/test/resources/corpus/<lang>/}: each story ({@code .txt} prose or
 * {@code .fountain}) beside its {@code .gold.json} with the scene count, the characters with aliases, and names
 * that must not come out as characters, and optionally names a reader could take either way ({@code optional}:
 * a bit part, found or not, counts neither way).
 */
final class IntakeCorpus {
    /** The corpus; {@code -Dcinboard.corpus=DIR} scores another set laid out the same way (a held-out set). */
    static final Path ROOT = Path.of(System.getProperty("cinboard.corpus", "src/test/resources/corpus"));

    private static final ObjectMapper JSON = new ObjectMapper();

    record GoldCharacter(String name, List<String> aliases, List<String> descriptionMentions) {
        /** True when {@code found} is this character's name or one of its aliases (case and NFC folded). */
        boolean matches(String found) {
            String f = fold(found);
            return fold(name).equals(f) || aliases.stream().anyMatch(a -> fold(a).equals(f));
        }
    }

    record Gold(
            String language,
            String format,
            int scenes,
            List<GoldCharacter> characters,
            List<String> notCharacters,
            List<String> optional,
            String notes) {}

    record Story(Path file, String text, Gold gold) {
        String id() {
            return ROOT.relativize(file).toString();
        }
    }

    private IntakeCorpus() {}

    static List<Story> load() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            List<Story> stories = new ArrayList<>();
            for (Path gold : files.filter(p -> p.toString().endsWith(".gold.json"))
                    .sorted()
                    .toList()) {
                String base = gold.getFileName().toString().replace(".gold.json", "");
                Path txt = gold.resolveSibling(base + ".txt");
                Path fountain = gold.resolveSibling(base + ".fountain");
                Path story = Files.exists(fountain) ? fountain : txt;
                if (!Files.exists(story)) {
                    throw new IllegalStateException(gold + " has no story beside it (" + base + ".txt or .fountain)");
                }
                stories.add(new Story(story, Files.readString(story, StandardCharsets.UTF_8), parse(gold)));
            }
            return stories;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Gold parse(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        List<GoldCharacter> characters = new ArrayList<>();
        for (JsonNode c : root.path("characters")) {
            characters.add(new GoldCharacter(
                    c.path("name").asText(), strings(c.path("aliases")), strings(c.path("description_mentions"))));
        }
        if (!root.path("scenes").canConvertToInt()
                || root.path("language").asText().isBlank()) {
            throw new IllegalStateException(file + ": 'language' and 'scenes' are required");
        }
        return new Gold(
                root.path("language").asText(),
                root.path("format").asText("prose"),
                root.path("scenes").asInt(),
                characters,
                strings(root.path("not_characters")),
                strings(root.path("optional")),
                root.path("notes").asText(""));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC).strip().toLowerCase(Locale.ROOT);
    }
}
