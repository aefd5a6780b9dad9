package ai.cinboard.text.breakdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.Line;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Our own stories in eight languages: scene counts and cast must come out exactly. */
class SceneBreakdownTest {
    private static final Path SAMPLES = Path.of("assets/samples");
    private static final Path STORIES = Path.of("src/test/resources/stories");

    static Stream<Arguments> stories() {
        return Stream.of(
                Arguments.of(
                        SAMPLES.resolve("the-lighthouse-keepers-daughter.fountain"),
                        "fountain",
                        4,
                        List.of("Mira", "Old Tom", "Jonas")),
                Arguments.of(SAMPLES.resolve("la-panaderia-del-puerto.txt"), "prose", 4, List.of("Lucía", "Mateo")),
                Arguments.of(SAMPLES.resolve("der-uhrmacher.md"), "prose", 4, List.of("Lena", "Anton")),
                Arguments.of(SAMPLES.resolve("tsuki-no-yubinkyoku.txt"), "prose", 4, List.of("美羽", "健太")),
                Arguments.of(SAMPLES.resolve("al-bahr-wal-jadda.txt"), "prose", 4, List.of("الجدة", "مريم", "يوسف")),
                Arguments.of(STORIES.resolve("ru-mayak.txt"), "prose", 3, List.of("Мира", "Иван")),
                Arguments.of(STORIES.resolve("zh-chaguan.txt"), "prose", 3, List.of("林雨", "陈明")),
                Arguments.of(
                        STORIES.resolve("fr-la-gare.fountain"), "fountain", 3, List.of("Élodie", "Marc", "Kenji")));
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stories")
    void scenesAndCharactersComeOutExactly(Path file, String method, int scenes, List<String> cast) throws IOException {
        Breakdown b =
                new SceneBreakdown().breakdown(read(file), file.getFileName().toString());
        assertEquals(method, b.method());
        assertEquals(
                scenes,
                b.scenes().size(),
                () -> b.scenes().stream().map(SceneDraft::heading).toList().toString());
        assertEquals(cast, b.characters().stream().map(CharacterDraft::name).toList());
        for (int i = 0; i < b.scenes().size(); i++) {
            SceneDraft s = b.scenes().get(i);
            assertEquals(i + 1, s.number());
            assertTrue(s.durationSeconds().compareTo(BigDecimal.valueOf(2)) >= 0);
            assertEquals(2, s.durationSeconds().scale());
            assertFalse(s.lines().isEmpty(), "scene " + s.number() + " has lines");
            assertTrue(cast.containsAll(s.characterNames()), s.characterNames().toString());
        }
        for (CharacterDraft c : b.characters()) {
            assertFalse(c.description().isBlank(), "description for " + c.name());
            assertTrue(c.consistencyKey().length() <= 100);
            assertFalse(c.characterId().isBlank());
        }
        assertEquals(
                b, new SceneBreakdown().breakdown(read(file), file.getFileName().toString()), "deterministic");
    }

    @Test
    void fountainScenesCarryHeadingPartsLinesAndCast() throws IOException {
        Breakdown b = new SceneBreakdown()
                .breakdown(read(SAMPLES.resolve("the-lighthouse-keepers-daughter.fountain")), "x.fountain");
        SceneDraft two = b.scenes().get(1);
        assertEquals("INT. LIGHTHOUSE - LAMP ROOM - NIGHT", two.heading());
        assertEquals("LIGHTHOUSE - LAMP ROOM", two.location());
        assertEquals("NIGHT", two.timeOfDay());
        assertEquals(List.of("Old Tom", "Mira"), two.characterNames());
        assertEquals(
                Line.dialogue("Old Tom", "You're late. The fog came in at six."),
                two.lines().get(1));
        assertEquals(
                List.of("Jonas", "Mira"),
                b.scenes().get(2).characterNames(),
                "JONAS ^ and MIRA (O.S.) are Jonas and Mira");
        assertTrue(b.characters().get(0).description().startsWith("Wind flattens")
                || b.characters().get(0).description().contains("MIRA"));
        assertEquals("old-tom", b.characters().get(1).characterId());
        assertEquals(
                List.of("Old Tom", "Mira", "Jonas"),
                b.scenes().get(3).characterNames(),
                "silent characters named in action count");
    }

    @Test
    void proseDialogueIsAttributed() throws IOException {
        Breakdown b = new SceneBreakdown().breakdown(read(SAMPLES.resolve("la-panaderia-del-puerto.txt")), "x.txt");
        List<Line> lines = b.scenes().get(1).lines();
        assertTrue(lines.contains(Line.dialogue("Mateo", "¿Me guardas la última empanada?")), lines.toString());
        List<Line> ja = new SceneBreakdown()
                .breakdown(read(SAMPLES.resolve("tsuki-no-yubinkyoku.txt")), "x.txt")
                .scenes()
                .get(1)
                .lines();
        assertTrue(ja.contains(Line.dialogue("健太", "月に手紙を出したいんです")), ja.toString());
    }

    /** "彼女は…", "她穿着…", "그녀는…" describe the person named before, though no space follows the pronoun. */
    @Test
    void anUnspacedPronounSentenceAddsToTheDescription() {
        Map<String, String> stories = Map.of(
                "アオイ", "朝、アオイは駅の前で電車を待っていた。彼女は赤いコートを着ていた。夕方、アオイは家に帰った。",
                "陈思雨", "早上，陈思雨走进了图书馆。她穿着一件蓝色的外套。晚上，陈思雨回到了宿舍。",
                "지민", "아침에 지민은 시장에 갔다. 그녀는 노란 코트를 입고 있었다. 저녁에 지민은 집으로 돌아왔다.");
        Map<String, String> worn = Map.of("アオイ", "赤いコート", "陈思雨", "蓝色的外套", "지민", "노란 코트");
        stories.forEach((name, story) -> {
            Breakdown b = new SceneBreakdown().prose(story);
            String description = b.characters().stream()
                    .filter(c -> c.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(name + " in " + b.characters()))
                    .description();
            assertTrue(description.contains(worn.get(name)), name + ": " + description);
        });
    }

    /** Narration that only says who spoke is no line of its own: the dialogue line names the speaker. */
    @Test
    void anAttributionAloneIsNotALine() {
        List<Line> lines = SceneBreakdown.proseLines(
                "\"Hold the rope,\" Tobin said.\n\n\"It will guide her home,\" said the old keeper to Tobin as the"
                        + " lamp turned.",
                List.of("Tobin"));
        assertEquals(
                List.of(
                        Line.dialogue("Tobin", "Hold the rope,"),
                        Line.dialogue("Tobin", "It will guide her home,"),
                        Line.action("said the old keeper to Tobin as the lamp turned.")),
                lines);
    }

    /** "Gegen Mittag" and "Öğleyin" open scenes as "Am Abend" and "Akşam" do. */
    @Test
    void middayTransitionsOpenAScene() {
        String de = "Am Morgen öffnete Greta die Werkstatt am Hafen und stellte die Stühle vor die Tür. Sie kochte"
                + " Kaffee, sortierte die Schrauben und wartete auf den ersten Kunden des Tages.\n\n"
                + "Gegen Mittag kam Anton mit einem kaputten Fahrrad über den Platz. Greta drehte das Rad um,"
                + " suchte lange nach dem Fehler und fand schließlich eine gebrochene Speiche.\n\n"
                + "Am Abend saßen die beiden auf der Mauer am Wasser. Anton erzählte von seiner Reise in den"
                + " Norden, und Greta hörte zu, bis die Lichter der Fähre auftauchten.";
        assertEquals(3, new SceneBreakdown().prose(de).scenes().size());
        String tr = "Sabah Elif fırını açtı ve ilk ekmekleri tezgâha dizdi. Sokak henüz sessizdi, yalnızca martılar"
                + " limanın üstünde dönüp duruyordu ve Elif camları sildi.\n\n"
                + "Öğleyin Kerem elinde bir mektupla içeri girdi. Elif mektubu okudu, sonra uzun uzun pencereden"
                + " dışarı baktı ve hiçbir şey söylemeden ekmekleri paketledi.\n\n"
                + "Akşam ikisi birlikte sahile indi. Kerem eski günleri anlattı, Elif güldü ve güneş denizin"
                + " arkasında yavaşça kayboldu.";
        assertEquals(3, new SceneBreakdown().prose(tr).scenes().size());
    }

    /** The narration around quoted speech is read and shown too, in order; an unattributed quote stays narration. */
    @Test
    void proseDialogueKeepsTheNarrationAroundIt() {
        String story = "Mara climbed the lighthouse stairs at dawn. Mara stopped at the lamp and looked at the grey"
                + " sea for a long while. \"You two will never learn,\" Mara said, and wiped the salt from the glass"
                + " with her sleeve before the keeper woke.\n\n"
                + "Somebody shouted from the harbour far below. \"The boats are back!\" The whole village ran down"
                + " to the quay to count the sails before the fog rolled in again over the water.";
        Breakdown b = new SceneBreakdown().prose(story);
        List<Line> lines = b.scenes().stream().flatMap(s -> s.lines().stream()).toList();
        int said = lines.indexOf(Line.dialogue("Mara", "You two will never learn,"));
        assertTrue(said > 0, lines.toString());
        assertTrue(lines.get(said - 1).text().endsWith("looked at the grey sea for a long while."), lines.toString());
        assertEquals(
                Line.action("Mara said, and wiped the salt from the glass with her sleeve before the keeper woke."),
                lines.get(said + 1));
        assertTrue(lines.contains(Line.action("\"The boats are back!\"")), "no one named: " + lines);
        assertTrue(
                lines.stream().noneMatch(l -> l.kind() == ai.cinboard.domain.Line.Kind.DIALOGUE && l.speaker() == null),
                lines.toString());
        String all = String.join(" ", lines.stream().map(Line::text).toList());
        for (String word : story.replaceAll("[\"\\n]", " ").split("\\s+")) {
            assertTrue(all.contains(word.replaceAll("[,.!]$", "")), "\"" + word + "\" is in a line: " + lines);
        }
    }

    @Test
    void consistencyKeysAreStableAndStorySpecific() throws IOException {
        String story = read(SAMPLES.resolve("der-uhrmacher.md"));
        Breakdown a = new SceneBreakdown().prose(story);
        Breakdown again = new SceneBreakdown().prose(story.replace("\n", "\r\n").replace("\r\n", "\n") + "\n\n");
        assertEquals(a.characters(), again.characters(), "whitespace changes keep the keys");
        Breakdown other = new SceneBreakdown().prose(story.replace("grauen", "nassen"));
        assertNotEquals(
                a.characters().get(0).consistencyKey(),
                other.characters().get(0).consistencyKey());
        assertTrue(a.characters().get(0).consistencyKey().matches("ck-[0-9a-f]{64}"));
    }

    @Test
    void readingTimeBySpacedWordsAndCjkCharacters() {
        assertEquals(new BigDecimal("2.00"), ReadingTime.seconds("Hi."), "minimum");
        assertEquals(new BigDecimal("60.00"), ReadingTime.seconds("word ".repeat(150)));
        assertEquals(new BigDecimal("10.00"), ReadingTime.seconds("猫".repeat(50)));
        assertEquals(new BigDecimal("14.00"), ReadingTime.seconds("word ".repeat(10) + "猫".repeat(50)));
        assertEquals(new BigDecimal("5.00"), ReadingTime.seconds("ก".repeat(70)));
    }

    @Test
    void proseWithoutStructureSplitsByLength() {
        String para =
                "The rain kept falling on the old town while the shops closed one by one and the lights went out. ";
        String story = String.join("\n\n", para.repeat(3), para.repeat(3), para.repeat(3), "Short end.");
        Breakdown b = new SceneBreakdown().prose(story);
        assertEquals(3, b.scenes().size());
        assertTrue(b.scenes().get(2).text().endsWith("Short end."));
    }

    @Test
    void proseSplitsAtTransitionCues() {
        String story = "Anna packed her bag in the kitchen.\n\nShe locked the door behind her.\n\n"
                + "The next morning Anna reached the harbour.\n\nMeanwhile, far away, Anna's brother slept.";
        Breakdown b = new SceneBreakdown().prose(story);
        assertEquals(3, b.scenes().size());
        assertEquals("kitchen", b.scenes().get(0).location());
        assertEquals("morning", b.scenes().get(1).timeOfDay());
        assertEquals("harbour", b.scenes().get(1).location());
    }

    /**
     * Four short paragraphs, three times of day: morning (with a line of dialogue after it), then evening or a week
     * later, then night. Each short paragraph that opens with its time and tells something is a scene of its own,
     * a Thai first paragraph (no full stop) is a sentence of the story, not its title, and a heading takes the
     * time from the scene's opening rather than from a word later on.
     */
    @Test
    void shortParagraphsThatOpenWithANewTimeAreScenesInEveryScript() {
        Map<String, String> stories = Map.of(
                "ko",
                "아침에 지민은 시장에서 사과를 샀다. 태호가 옆에서 웃었다.\n\n\"오늘은 날씨가 좋네.\" 지민이 말했다.\n\n"
                        + "해 질 무렵 태호는 강가에서 노래를 불렀다.\n\n밤에 지민은 창밖을 바라보았다.",
                "th",
                "ตอนเช้า สมชายเดินไปที่ตลาด มาลีรอเขาอยู่ที่ประตู\n\n\"คุณมาสายนะ\" มาลีพูด\n\n"
                        + "ตอนเย็น สมชายนั่งริมแม่น้ำและเขียนจดหมายถึงมาลี\n\nตอนกลางคืน มาลีอ่านจดหมายแล้วยิ้ม",
                "ru",
                "Утром Михаил пришёл на вокзал. Анна уже ждала его у кассы.\n\n— Ты опоздал, — сказала Анна.\n\n"
                        + "Через неделю Михаил написал письмо Анне из Москвы.\n\nВечером Анна прочитала письмо и улыбнулась.");
        Map<String, List<String>> times = Map.of(
                "ko", List.of("아침", "해 질 무렵", "밤"),
                "th", List.of("เช้า", "เย็น", "กลางคืน"),
                "ru", List.of("Утром", "Через неделю", "Вечером"));
        stories.forEach((language, story) -> {
            Breakdown b = new SceneBreakdown().prose(story);
            List<String> headings = b.scenes().stream().map(SceneDraft::heading).toList();
            assertEquals(times.get(language).size(), headings.size(), language + ": " + headings);
            for (int i = 0; i < headings.size(); i++) {
                assertTrue(headings.get(i).contains(times.get(language).get(i)), language + ": " + headings);
            }
            assertTrue(
                    b.scenes().get(0).text().startsWith(story.substring(0, 10)),
                    language + ": the first paragraph is the first scene's: "
                            + b.scenes().get(0).text());
        });
        // a transition with no time of day in it names the scene's time in its heading, not as its time of day
        Breakdown ru = new SceneBreakdown().prose(stories.get("ru"));
        assertEquals(null, ru.scenes().get(1).timeOfDay(), ru.scenes().get(1).heading());
        // "Late that evening" opens a scene; a one-line fragment joins the next scene, whose own opening names its time
        assertEquals(
                List.of("Harbor · Dawn", "Evening"),
                new SceneBreakdown()
                                .prose("At dawn, Mara walked to the harbor and waited for the boats.\n\n"
                                        + "Late that evening, Mara read the letter by candlelight and cried.")
                                .scenes()
                                .stream()
                                .map(SceneDraft::heading)
                                .toList());
        assertEquals(
                List.of("시장 · 점심", "밤"),
                new SceneBreakdown()
                        .prose("비 오는 아침이었다.\n\n점심때 지영이 시장에 왔다.\n\n밤에 지영은 편지를 썼다.").scenes().stream()
                                .map(SceneDraft::heading)
                                .toList());
        // a title that opens like a transition, in a script with full stops, is still a title
        Breakdown titled = new SceneBreakdown()
                .prose("Later That Night\n\nMara cooked all morning in the kitchen. Tom came in with the bread.");
        assertFalse(
                titled.scenes().get(0).text().contains("Later That Night"),
                titled.scenes().get(0).text());
        assertEquals("morning", titled.scenes().get(0).timeOfDay());
        // Thai's sentences end at a space: a description is made of them, not of whole paragraphs
        Breakdown th = new SceneBreakdown().prose(stories.get("th"));
        String somchai = th.characters().stream()
                .filter(c -> c.name().equals("สมชาย"))
                .findFirst()
                .orElseThrow()
                .description();
        assertTrue(somchai.startsWith("สมชายเดินไปที่ตลาด"), somchai);
        assertFalse(somchai.contains("ตอนเช้า") || somchai.contains("มาลีรอเขา"), somchai);
    }

    @Test
    void displayNamesAndSlugs() {
        assertEquals("Mira", SceneBreakdown.displayName("MIRA"));
        assertEquals("Élodie", SceneBreakdown.displayName("ÉLODIE"));
        assertEquals("Мира", SceneBreakdown.displayName("МИРА"));
        assertEquals("美羽", SceneBreakdown.displayName("美羽"));
        assertEquals("McCLANE", SceneBreakdown.displayName("McCLANE"));
        java.util.Set<String> taken = new java.util.HashSet<>();
        assertEquals("elodie", CharacterKeys.slug("Élodie", taken));
        assertEquals("elodie-2", CharacterKeys.slug("ELODIE", taken));
        assertEquals("мира", CharacterKeys.slug("Мира", taken));
        assertEquals("robert-drop-table-users", CharacterKeys.slug("Robert'); DROP TABLE users;--", taken));
        assertEquals("character", CharacterKeys.slug("%%%", taken));
    }

    /**
     * Cue words are looked up in the story's own language: Spanish "taller" (a workshop) is a place in Spanish
     * prose, and only a comparative in English, where it used to head the scene as "Taller · Morning".
     */
    @Test
    void placeWordsAreTheStorysLanguage() {
        SceneBreakdown breakdown = new SceneBreakdown();
        SceneDraft english = breakdown
                .prose("Nora met her brother at the bus stop that morning. He was taller than she remembered, and"
                        + " he had grown a beard. \"You look tired,\" he said, and took her bag.")
                .scenes()
                .get(0);
        assertEquals(null, english.location(), english.heading());
        assertEquals("Morning", english.heading());

        SceneDraft spanish = breakdown
                .prose("Nicolás abrió el taller a las siete de la mañana, como siempre. Su abuelo ya estaba"
                        + " sentado junto a la puerta, con el periódico doblado sobre las rodillas.")
                .scenes()
                .get(0);
        assertEquals("taller", spanish.location());
        assertEquals("Taller · Mañana", spanish.heading());
    }

    /** Found on the held-out stories: a heading named a place only talked about, or a dog called Farol. */
    @Test
    void aHeadingsPlaceIsWhereTheSceneIsNotOneTalkedAboutOrANameAndAnOpeningLineSetsTheScene() {
        SceneBreakdown breakdown = new SceneBreakdown();
        SceneDraft talked = breakdown
                .prose("Am Abend saßen Marie und Albrecht zusammen. Marie erzählte von der Schule, und Albrecht"
                        + " hörte zu.")
                .scenes()
                .get(0);
        assertEquals(null, talked.location(), talked.heading());
        SceneDraft dog = breakdown
                .prose("De manhã, João caminhou pelo cais com o seu cão, o Farol. João olhou para o mar.")
                .scenes()
                .get(0);
        assertEquals(null, dog.location(), "Farol is the dog's name here: " + dog.heading());
        Breakdown opening = breakdown.prose("Der Sommer in Kiel war kurz in diesem Jahr.\n\nAm Freitag ging Tobias"
                + " zum Hafen. Hanna wartete dort auf ihn.\n\nAm Abend saßen Tobias und Hanna auf der Mole.");
        assertEquals(2, opening.scenes().size(), "the opening line belongs to the first scene");
        assertTrue(opening.scenes().get(0).text().startsWith("Der Sommer in Kiel"));
        SceneDraft arrival = breakdown
                .prose("Marcus waited outside. Marcus checked his watch.\n\nInside the bank, the manager, Mrs. Patel,"
                        + " was counting bills. Mrs. Patel sighed.")
                .scenes()
                .get(1);
        assertEquals("Bank", arrival.heading(), "the arrival says the place once");
    }
}
