package ai.cinboard.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.cinboard.text.fountain.FountainElement;
import ai.cinboard.text.fountain.FountainElement.CharacterCue;
import ai.cinboard.text.fountain.FountainElement.SceneHeading;
import ai.cinboard.text.fountain.FountainParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks the evaluation corpus itself (issue 16), so that a broken gold file fails the build instead of
 * silently skewing the intake benchmark: every story has a gold file that parses, names its own language
 * and format, and lists only names that occur in the story. Fountain gold is also checked against the
 * studio's own parser (scene headings and character cues), since there the answer is in the markup.
 */
class EvaluationCorpusTest {
    /** Issue 16 asks for at least 40 stories and screenplays in at least 14 languages. */
    private static final int MIN_STORIES = 40;

    private static final int MIN_LANGUAGES = 14;
    private static final Set<String> REQUIRED_LANGUAGES =
            Set.of("de", "ja", "zh", "ko", "ar", "ru", "fr", "es", "hi", "th", "tr", "pl", "pt", "en");
    private static final Set<String> GOLD_KEYS =
            Set.of("language", "format", "scenes", "characters", "not_characters", "optional", "notes");
    private static final Set<String> CHARACTER_KEYS = Set.of("name", "aliases", "description_mentions");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path root;
    private static List<Path> stories;

    @BeforeAll
    static void listCorpus() throws IOException, URISyntaxException {
        root = Path.of(EvaluationCorpusTest.class.getResource("/corpus").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            stories = files.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.endsWith(".txt") || n.endsWith(".fountain");
                    })
                    .sorted()
                    .toList();
        }
    }

    @Test
    void corpusIsAsLargeAsTheIssueAsks() {
        TreeMap<String, Integer> perLanguage = new TreeMap<>();
        for (Path story : stories) {
            perLanguage.merge(root.relativize(story).getName(0).toString(), 1, Integer::sum);
        }
        assertTrue(stories.size() >= MIN_STORIES, "stories: " + stories.size() + " " + perLanguage);
        assertTrue(perLanguage.size() >= MIN_LANGUAGES, "languages: " + perLanguage);
        assertTrue(perLanguage.keySet().containsAll(REQUIRED_LANGUAGES), "languages: " + perLanguage);
    }

    @Test
    void everyGoldFileHasItsStory() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> orphans = files.filter(p -> p.getFileName().toString().endsWith(".gold.json"))
                    .filter(gold -> stories.stream().noneMatch(s -> goldOf(s).equals(gold)))
                    .toList();
            assertEquals(List.of(), orphans, "gold files without a story");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyStoryHasAGoldFileThatMatchesIt() {
        return stories.stream()
                .map(story -> DynamicTest.dynamicTest(root.relativize(story).toString(), () -> checkStory(story)));
    }

    private static void checkStory(Path story) throws IOException {
        Path gold = goldOf(story);
        assertTrue(Files.exists(gold), "missing " + gold.getFileName());
        String text = Normalizer.normalize(strictUtf8(story), Normalizer.Form.NFC);
        JsonNode g = JSON.readTree(strictUtf8(gold));

        Set<String> keys = new HashSet<>();
        g.fieldNames().forEachRemaining(keys::add);
        assertTrue(GOLD_KEYS.containsAll(keys), "unknown keys " + keys);
        String language = story.getParent().getFileName().toString();
        assertEquals(language, g.path("language").asText(), "language must match the folder");
        boolean fountain = story.getFileName().toString().endsWith(".fountain");
        assertEquals(fountain ? "fountain" : "prose", g.path("format").asText());
        assertTrue(g.path("scenes").isInt() && g.path("scenes").asInt() >= 1, "scenes must be a positive integer");
        assertFalse(g.path("notes").asText().isBlank(), "notes must say what makes the story hard");

        Locale locale = Locale.forLanguageTag(language);
        String lowerText = text.toLowerCase(locale);
        JsonNode characters = g.path("characters");
        assertTrue(characters.isArray() && !characters.isEmpty(), "characters must be a non-empty array");
        Set<String> characterForms = new TreeSet<>();
        for (JsonNode c : characters) {
            Set<String> ck = new HashSet<>();
            c.fieldNames().forEachRemaining(ck::add);
            assertTrue(CHARACTER_KEYS.containsAll(ck) && ck.contains("name"), "character keys " + ck);
            List<String> forms = new ArrayList<>();
            forms.add(c.path("name").asText());
            c.path("aliases").forEach(a -> forms.add(a.asText()));
            for (String form : forms) {
                assertOccurs(form, lowerText, locale, "character name or alias");
                assertTrue(characterForms.add(form.toLowerCase(locale)), "listed twice: " + form);
            }
            for (JsonNode m : c.path("description_mentions")) {
                assertOccurs(m.asText(), lowerText, locale, "description mention of " + forms.get(0));
            }
        }
        for (JsonNode n : g.path("not_characters")) {
            String word = n.asText();
            assertOccurs(word, lowerText, locale, "not_character");
            assertFalse(characterForms.contains(word.toLowerCase(locale)), word + " is both a character and not one");
        }

        if (fountain) {
            checkAgainstFountainParser(text, g.path("scenes").asInt(), characterForms, locale);
        }
    }

    /** A screenplay's scenes are its headings, and every cue must name a character the gold lists. */
    private static void checkAgainstFountainParser(String text, int scenes, Set<String> characterForms, Locale locale) {
        List<FountainElement> elements = new FountainParser().parse(text);
        long headings = elements.stream().filter(SceneHeading.class::isInstance).count();
        assertEquals(scenes, headings, "scene headings the parser finds");
        Set<String> cues = new TreeSet<>();
        elements.stream()
                .filter(CharacterCue.class::isInstance)
                .map(e -> ((CharacterCue) e).name().toLowerCase(locale))
                .forEach(cues::add);
        assertFalse(cues.isEmpty(), "a screenplay without character cues");
        for (String cue : cues) {
            if (!characterForms.contains(cue)) {
                fail("cue " + cue + " is not a listed character name or alias " + characterForms);
            }
        }
    }

    private static void assertOccurs(String form, String lowerText, Locale locale, String what) {
        assertFalse(form.isBlank(), what + " is blank");
        String f = Normalizer.normalize(form, Normalizer.Form.NFC).toLowerCase(locale);
        assertTrue(lowerText.contains(f), what + " \"" + form + "\" does not occur in the text");
    }

    private static Path goldOf(Path story) {
        String n = story.getFileName().toString();
        return story.resolveSibling(n.substring(0, n.lastIndexOf('.')) + ".gold.json");
    }

    /** Fails on invalid UTF-8 and on a byte order mark: the corpus is plain UTF-8, as the README says. */
    private static String strictUtf8(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertFalse(
                bytes.length >= 3
                        && (bytes[0] & 0xFF) == 0xEF
                        && (bytes[1] & 0xFF) == 0xBB
                        && (bytes[2] & 0xFF) == 0xBF,
                file.getFileName() + " starts with a byte order mark");
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError(file.getFileName() + " is not valid UTF-8", e);
        }
    }
}
