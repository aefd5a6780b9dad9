package ai.cinboard.text.breakdown;

import ai.cinboard.domain.FileNames;
import ai.cinboard.domain.Line;
import ai.cinboard.text.LanguageDetector;
import ai.cinboard.text.Sentences;
import ai.cinboard.text.fountain.FountainElement;
import ai.cinboard.text.fountain.FountainParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heuristic scene breakdown: Fountain scripts split at their scene headings, prose at separators,
 * chapters, and time/place transitions. Deterministic: the same story always gives the same breakdown.
 */
public final class SceneBreakdown implements StoryBreakdown {
    /** Heading prefixes Fountain uses, so they can be stripped to find the location. */
    private static final Pattern HEADING_PREFIX =
            Pattern.compile("^(?i)(?:INT\\.?/EXT\\.?|INT/EXT\\.?|EXT\\.?/INT\\.?|I/E\\.?|INT\\.?|EXT\\.?|EST\\.?)\\s*");

    private static final Pattern HEADING_LINE =
            Pattern.compile("(?m)^(?i)(?:INT\\.?/EXT|INT/EXT|I/E|INT|EXT|EST)[.\\s]");
    /** Dialogue in prose: the quote marks of the languages we cover. */
    private static final Pattern QUOTE =
            Pattern.compile("“([^”]+)”|«\\s*([^»]+?)\\s*»|„([^“”]+)[“”]|「([^」]+)」|『([^』]+)』|\"([^\"]+)\"");
    /** Spanish and Russian open dialogue with a dash at the start of the paragraph. */
    private static final Pattern DASH_DIALOGUE = Pattern.compile("^[—–]\\s*([^—–]+)");
    /** Scenes without separators, chapters or cues are built from paragraphs until they are this long. */
    static final int MIN_WORDS_PER_PARAGRAPH_SCENE = 60;

    static final int MAX_HEADING = 80;

    private final FountainParser fountain = new FountainParser();
    private final LanguageDetector detector = new LanguageDetector();

    /** True for text that should be read as Fountain: by file name, or by having scene headings. */
    public static boolean looksLikeFountain(String text, String fileName) {
        String ext = FileNames.extension(fileName);
        if (ext.equals("fountain") || ext.equals("fdx")) {
            return true;
        }
        return HEADING_LINE.matcher(text).find();
    }

    public Breakdown breakdown(String text, String fileName) {
        return looksLikeFountain(text, fileName) ? fountain(text) : prose(text);
    }

    @Override
    public Breakdown breakdown(String text, String fileName, LanguageDetector.Detection language) {
        return looksLikeFountain(text, fileName) ? fountain(text) : prose(text, language);
    }

    // ---------------------------------------------------------------- Fountain

    public Breakdown fountain(String text) {
        List<FountainElement> elements = fountain.parse(text);
        List<SceneBuilder> scenes = new ArrayList<>();
        SceneBuilder current = null;
        List<FountainElement.Action> actions = new ArrayList<>();
        Map<String, Integer> cast = new LinkedHashMap<>();
        Map<String, String> actionBeforeFirstCue = new LinkedHashMap<>();
        String lastAction = null;
        String speaker = null;
        for (FountainElement e : elements) {
            if (e instanceof FountainElement.SceneHeading h) {
                current = new SceneBuilder(h.text());
                scenes.add(current);
                speaker = null;
                continue;
            }
            if (current == null
                    && (e instanceof FountainElement.Action
                            || e instanceof FountainElement.CharacterCue
                            || e instanceof FountainElement.Dialogue)) {
                current = new SceneBuilder(""); // a script without a heading first still has a scene
                scenes.add(current);
            }
            if (current == null) {
                continue;
            }
            if (e instanceof FountainElement.Action a) {
                current.lines.add(Line.action(a.text()));
                actions.add(a);
                lastAction = a.text();
                speaker = null;
            } else if (e instanceof FountainElement.CharacterCue c) {
                speaker = displayName(c.name());
                cast.putIfAbsent(speaker, cast.size());
                if (lastAction != null) {
                    actionBeforeFirstCue.putIfAbsent(speaker, lastAction);
                }
                current.characters.add(speaker);
            } else if (e instanceof FountainElement.Dialogue d) {
                current.lines.add(Line.dialogue(speaker, d.text()));
            } else if (e instanceof FountainElement.Lyric l) {
                current.lines.add(speaker == null ? Line.action(l.text()) : Line.dialogue(speaker, l.text()));
            } else if (e instanceof FountainElement.Centered c) {
                current.lines.add(Line.action(c.text()));
            }
            // transitions, notes, sections, synopses and page breaks are not read out
        }
        // Characters who are in a scene without speaking ("Mira and Jonas race up the stairs") are named in
        // its action; they count too, after the speakers, since they must be drawn in the keyframes.
        Map<String, Pattern> inAction = new LinkedHashMap<>();
        for (String name : cast.keySet()) {
            inAction.put(
                    name,
                    Pattern.compile(
                            "(?<![\\p{L}\\p{M}])" + Pattern.quote(name) + "(?![\\p{L}\\p{M}])",
                            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
        List<SceneDraft> drafts = new ArrayList<>();
        for (SceneBuilder b : scenes) {
            if (b.lines.isEmpty() && b.heading.isEmpty()) {
                continue;
            }
            for (Line l : b.lines) {
                if (l.kind() == Line.Kind.ACTION) {
                    inAction.forEach((name, p) -> {
                        if (p.matcher(l.text()).find()) {
                            b.characters.add(name);
                        }
                    });
                }
            }
            String body = b.text();
            String[] placeTime = placeAndTime(b.heading);
            drafts.add(new SceneDraft(
                    drafts.size() + 1,
                    b.heading,
                    placeTime[0],
                    placeTime[1],
                    body,
                    ReadingTime.seconds(b.spokenText()),
                    List.copyOf(b.characters),
                    b.lines));
        }
        String fingerprint = CharacterKeys.storyFingerprint(text);
        List<CharacterDraft> characters = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (String name : cast.keySet()) {
            characters.add(new CharacterDraft(
                    CharacterKeys.slug(name, taken),
                    name,
                    describeFromActions(name, actions, actionBeforeFirstCue.get(name)),
                    CharacterKeys.consistencyKey(fingerprint, name)));
        }
        return new Breakdown(drafts, characters, "fountain");
    }

    /** "MIRA" reads better as "Mira"; names in scripts without case, or already mixed case, stay as written. */
    static String displayName(String cueName) {
        if (!cueName.codePoints().anyMatch(Character::isUpperCase)
                || !cueName.equals(cueName.toUpperCase(Locale.ROOT))) {
            return cueName;
        }
        StringBuilder sb = new StringBuilder();
        boolean startOfWord = true;
        for (int i = 0; i < cueName.length(); ) {
            int cp = cueName.codePointAt(i);
            i += Character.charCount(cp);
            sb.appendCodePoint(startOfWord ? cp : Character.toLowerCase(cp));
            startOfWord = !Character.isLetter(cp) && cp != '\'' && cp != '’';
        }
        return sb.toString();
    }

    /** "INT. KITCHEN - NIGHT" → {"KITCHEN", "NIGHT"}; the time is after the last dash, when there is one. */
    static String[] placeAndTime(String heading) {
        String rest = HEADING_PREFIX.matcher(heading).replaceFirst("").strip();
        Matcher dash = Pattern.compile("\\s+[-–—]\\s+(?!.*\\s[-–—]\\s)").matcher(rest);
        if (dash.find()) {
            String place = rest.substring(0, dash.start()).strip();
            String time = rest.substring(dash.end()).strip();
            return new String[] {place.isEmpty() ? null : place, time.isEmpty() ? null : time};
        }
        return new String[] {rest.isEmpty() ? null : rest, null};
    }

    /**
     * Screenplays introduce a character in action, usually in capitals: the first sentence naming them.
     * When no action names them (a stranger who "blocks her way"), the action just before their first line
     * is usually about them, so that is used.
     */
    private static String describeFromActions(
            String name, List<FountainElement.Action> actions, String beforeFirstCue) {
        Pattern mention = NameFinder.mentionPattern(name.toUpperCase(Locale.ROOT));
        Pattern any = Pattern.compile(Pattern.quote(name), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        for (Pattern p : List.of(mention, any)) {
            for (FountainElement.Action a : actions) {
                String sentence = sentenceWith(a.text(), p);
                if (sentence != null) {
                    return sentence;
                }
            }
        }
        return beforeFirstCue == null ? "" : truncate(beforeFirstCue.strip(), 300);
    }

    // ---------------------------------------------------------------- prose

    /** Prose in the language the detector finds in it. */
    public Breakdown prose(String text) {
        return prose(text, detector.detect(text));
    }

    /** Prose read with the cues of the detected language and of the other languages found in the story. */
    public Breakdown prose(String text, LanguageDetector.Detection language) {
        ProseCues cues = cues(language);
        List<Section> sections = sections(withoutTitleLine(text, cues), cues);
        List<String> cast = new NameFinder(cues).find(text);
        Map<String, Pattern> mentions = NameFinder.mentionPatterns(cast);
        List<SceneDraft> drafts = new ArrayList<>();
        for (Section s : sections) {
            String body = String.join("\n\n", s.paragraphs);
            List<String> inScene = new ArrayList<>();
            for (String name : cast) {
                if (mentions.get(name).matcher(body).find()) {
                    inScene.add(name);
                }
            }
            inScene.sort(
                    (a, b) -> Integer.compare(firstIndex(body, mentions.get(a)), firstIndex(body, mentions.get(b))));
            // what people say ("„Guten Morgen“, sagte Marie") is not where or when the scene is
            String told = QUOTED.matcher(body).replaceAll(" ");
            String place = placeOf(told, cues);
            String opening = openingCue(s, cues);
            String time = timeOf(
                    opening,
                    QUOTED.matcher(s.paragraphs.isEmpty() ? body : s.paragraphs.get(0))
                            .replaceAll(" "),
                    cues);
            String heading =
                    s.title != null ? s.title : proseHeading(place, time != null ? time : opening, inScene, body);
            List<Line> lines = new ArrayList<>();
            s.paragraphs.forEach(p -> proseLines(p, cast, mentions, lines));
            drafts.add(new SceneDraft(
                    drafts.size() + 1, heading, place, time, body, ReadingTime.seconds(body), inScene, lines));
        }
        String fingerprint = CharacterKeys.storyFingerprint(text);
        List<CharacterDraft> characters = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        NamedSentences named = NamedSentences.of(text, mentions);
        for (String name : cast) {
            characters.add(new CharacterDraft(
                    CharacterKeys.slug(name, taken),
                    name,
                    describe(named, name, cues),
                    CharacterKeys.consistencyKey(fingerprint, name)));
        }
        return new Breakdown(drafts, characters, "prose");
    }

    /**
     * Where a scene happens, for its heading: the first place word that is not only talked about ("erzählte von
     * der Schule", "came back from the market": a word of the language's {@code away} list just before it, or
     * its article) and not a name (a place word written with a capital mid-sentence, in a language that doesn't
     * capitalise its nouns: a dog called Farol).
     */
    /** Quoted speech, in the quotes of the corpus languages. */
    private static final Pattern QUOTED = Pattern.compile("„[^“”]*[“”]|“[^”]*”|\"[^\"]*\"|«[^»]*»|「[^」]*」|『[^』]*』");

    private static String placeOf(String body, ProseCues cues) {
        boolean nounsCapitalised = NameFinder.capitalisesNouns(body);
        Matcher m = cues.place.matcher(body);
        while (m.find()) {
            String before = body.substring(Math.max(0, m.start() - 24), m.start());
            String[] words = before.strip().split("[\\s,]+");
            String last = words.length == 0 ? "" : words[words.length - 1].toLowerCase(Locale.ROOT);
            String second = words.length < 2 ? "" : words[words.length - 2].toLowerCase(Locale.ROOT);
            boolean talkedAbout = cues.away.contains(last) || cues.away.contains(second);
            boolean named = !nounsCapitalised
                    && java.lang.Character.isUpperCase(m.group().codePointAt(0))
                    && !NameFinder.isSentenceStart(body, m.start());
            if (!talkedAbout && !named) {
                return m.group();
            }
        }
        return null;
    }

    /**
     * The time of day a scene happens at: the one in the transition that opens it ("Am Abend" → Abend), else the
     * first its opening paragraph names (a time said later, "the nurse would come at noon", is not the scene's).
     * The opening comes first because a time word later in the scene may be something else ("คุณมาสาย", "you are
     * late", holds สาย, late morning).
     */
    private static String timeOf(String opening, String body, ProseCues cues) {
        String time = opening == null ? null : ProseCues.first(cues.timeOfDay, opening);
        return time != null ? time : ProseCues.first(cues.timeOfDay, body);
    }

    /**
     * The transition a section opens with ("Через неделю", "Am Abend"), without its punctuation; or null. A short
     * fragment carried into the section ("비 오는 아침이었다.") comes before it: the first paragraph that opens
     * with a transition is the one that opened the section.
     */
    private static String openingCue(Section s, ProseCues cues) {
        for (String paragraph : s.paragraphs) {
            Matcher opening = cues.transition.matcher(paragraph);
            if (opening.lookingAt()) {
                String cue = OPENING_PUNCTUATION.matcher(opening.group()).replaceAll("");
                return cue.isEmpty() ? null : cue;
            }
        }
        return null;
    }

    private static final Pattern OPENING_PUNCTUATION = Pattern.compile("^[\\s\"“„«「『—–-]+|[\\s,、，]+$");

    /** The longest first line, in a script written without full stops, still taken for a title. */
    static final int MAX_UNPUNCTUATED_TITLE = 30;

    private static final Pattern TITLE_LINE = Pattern.compile("\\A\\s*([^\\n]{1,80})\\n\\s*\\n(?=\\s*\\S)");

    /**
     * A story often starts with its title on a line of its own ("La panadería del puerto"). A short first
     * paragraph of one line without sentence punctuation is taken as that title and left out of the scenes.
     */
    static String withoutTitleLine(String text, ProseCues cues) {
        Matcher m = TITLE_LINE.matcher(text);
        if (m.find()) {
            String line = m.group(1).strip();
            // Thai and its neighbours end sentences with a space, not a stop: there a line that opens with a
            // transition ("ตอนเช้า …", "in the morning …") or is longer than a title is the story's first sentence
            boolean unpunctuatedScript = !line.matches(".*[.!?。！？؟].*")
                    && line.codePoints().anyMatch(ai.cinboard.domain.ScriptClass::isUnspacedScript);
            boolean sentence = line.matches(".*[.!?。！？؟:：»”」\"]$")
                    || (unpunctuatedScript
                            && (cues.transition.matcher(line).lookingAt()
                                    || line.codePointCount(0, line.length()) > MAX_UNPUNCTUATED_TITLE));
            if (!sentence
                    && !ProseCues.SEPARATOR.matcher(line).matches()
                    && !ProseCues.CHAPTER.matcher(line).matches()) {
                return text.substring(m.end());
            }
        }
        return text;
    }

    /** Action and dialogue lines of a prose scene, with speakers from {@code cast}. */
    public static List<Line> proseLines(String sceneText, List<String> cast) {
        Map<String, Pattern> mentions = NameFinder.mentionPatterns(cast);
        List<Line> lines = new ArrayList<>();
        for (String p : sceneText.split("\n\\s*\n")) {
            if (!p.isBlank()) {
                proseLines(p.strip(), cast, mentions, lines);
            }
        }
        return lines;
    }

    private record Section(String title, List<String> paragraphs) {}

    /**
     * Sections by explicit structure first (separators and chapter lines); without any, by paragraphs that
     * open with a transition; without those, by paragraphs gathered to a minimum length.
     */
    static ProseCues cues(LanguageDetector.Detection language) {
        Set<String> languages = new LinkedHashSet<>();
        languages.add(language.language());
        languages.addAll(language.others().keySet());
        return ProseCues.of(languages);
    }

    static List<Section> sections(String text, ProseCues cues) {
        List<Section> sections = new ArrayList<>();
        String title = null;
        List<String> paragraphs = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        boolean explicit = false;
        for (String line : text.split("\n", -1)) {
            boolean separator = ProseCues.SEPARATOR.matcher(line).matches();
            boolean chapter = !separator && ProseCues.CHAPTER.matcher(line).matches();
            if (separator || chapter || line.isBlank()) {
                if (!paragraph.isEmpty()) {
                    paragraphs.add(paragraph.toString().strip());
                    paragraph.setLength(0);
                }
            }
            if (separator || chapter) {
                explicit = true;
                if (!paragraphs.isEmpty()) {
                    sections.add(new Section(title, paragraphs));
                    paragraphs = new ArrayList<>();
                    title = null;
                }
                if (chapter) {
                    title = line.strip().replaceFirst("^#+\\s*", "");
                }
            } else if (!line.isBlank()) {
                if (!paragraph.isEmpty()) {
                    paragraph.append('\n');
                }
                paragraph.append(line.strip());
            }
        }
        if (!paragraph.isEmpty()) {
            paragraphs.add(paragraph.toString().strip());
        }
        if (!paragraphs.isEmpty()) {
            sections.add(new Section(title, paragraphs));
        }
        if (explicit || sections.isEmpty()) {
            return sections;
        }
        List<String> all = new ArrayList<>();
        sections.get(0).paragraphs().forEach(p -> all.addAll(splitLongParagraph(p, cues)));
        List<Section> byCue =
                mergeShort(splitAt(all, p -> cues.transition.matcher(p).lookingAt()), cues);
        if (byCue.size() > 1) {
            return byCue;
        }
        return byLength(all);
    }

    /** A paragraph longer than this (in reading seconds) is split at sentences that open with a transition. */
    static final double LONG_PARAGRAPH_SECONDS = 45;
    /** A scene no longer than this (five words, ten CJK characters) is a fragment: it joins the scene after it. */
    static final double SHORT_SCENE_SECONDS = ReadingTime.MIN_SECONDS;

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=" + Sentences.end(".!?。！？؟") + ")[\\s]*(?=\\S)");

    static List<String> splitLongParagraph(String paragraph, ProseCues cues) {
        if (ReadingTime.seconds(paragraph).doubleValue() < LONG_PARAGRAPH_SECONDS) {
            return List.of(paragraph);
        }
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String sentence : SENTENCE_END.split(paragraph)) {
            if (!current.isEmpty() && cues.transition.matcher(sentence).lookingAt()) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
            current.append(
                            current.isEmpty()
                                            || ai.cinboard.domain.ScriptClass.of(sentence)
                                                    == ai.cinboard.domain.ScriptClass.UNSPACED
                                    ? ""
                                    : " ")
                    .append(sentence);
        }
        out.add(current.toString().strip());
        return out;
    }

    /**
     * Very short scenes ("Am Abend." on its own) belong with the scene after them, or the one before at the end;
     * a short one that opens with its transition and goes on to tell something ("밤에 지민은 창밖을 바라보았다.",
     * "At night Jimin looked out of the window.") is a scene of its own, however short: the time has changed.
     */
    private static List<Section> mergeShort(List<Section> sections, ProseCues cues) {
        List<Section> out = new ArrayList<>();
        List<String> carry = new ArrayList<>();
        for (Section s : sections) {
            List<String> paragraphs = new ArrayList<>(carry);
            paragraphs.addAll(s.paragraphs());
            carry = new ArrayList<>();
            double seconds = ReadingTime.seconds(String.join("\n", paragraphs)).doubleValue();
            boolean fragment = seconds <= SHORT_SCENE_SECONDS && !tellsAfterItsTransition(paragraphs, cues);
            // a story that opens on one short sentence of its own ("Der Sommer in Kiel war kurz in diesem Jahr.")
            // sets the scene that follows; it is no scene by itself
            boolean overture = out.isEmpty()
                    && s.title() == null
                    && paragraphs.size() == 1
                    && seconds <= OVERTURE_SECONDS
                    && paragraphs.get(0).strip().matches("(?s).*[.!?。！？؟…]$") // a script that marks its sentences
                    && SENTENCE_END.split(paragraphs.get(0).strip()).length == 1
                    && !cues.transition.matcher(paragraphs.get(0)).lookingAt();
            if (fragment || overture) {
                carry = paragraphs;
            } else {
                out.add(new Section(s.title(), paragraphs));
            }
        }
        if (!carry.isEmpty()) {
            if (out.isEmpty()) {
                out.add(new Section(null, carry));
            } else {
                Section last = out.remove(out.size() - 1);
                List<String> merged = new ArrayList<>(last.paragraphs());
                merged.addAll(carry);
                out.add(new Section(last.title(), merged));
            }
        }
        return out;
    }

    /** An opening paragraph of one sentence this short (about fifteen words) joins the scene after it. */
    static final double OVERTURE_SECONDS = 3 * SHORT_SCENE_SECONDS;

    /** Letters after the opening transition that make a scene of a short section, not a fragment. */
    static final int MIN_LETTERS_TOLD = 6;

    private static boolean tellsAfterItsTransition(List<String> paragraphs, ProseCues cues) {
        Matcher opening = cues.transition.matcher(paragraphs.get(0));
        if (!opening.lookingAt()) {
            return false;
        }
        String rest = String.join("\n", paragraphs).substring(opening.end());
        return rest.codePoints().filter(java.lang.Character::isLetter).count() >= MIN_LETTERS_TOLD;
    }

    private static List<Section> splitAt(List<String> paragraphs, java.util.function.Predicate<String> startsScene) {
        List<Section> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String p : paragraphs) {
            if (startsScene.test(p) && !current.isEmpty()) {
                out.add(new Section(null, current));
                current = new ArrayList<>();
            }
            current.add(p);
        }
        if (!current.isEmpty()) {
            out.add(new Section(null, current));
        }
        return out;
    }

    /** No structure at all: one scene per run of paragraphs reaching a readable length. */
    private static List<Section> byLength(List<String> paragraphs) {
        List<Section> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        double seconds = 0;
        double minSeconds = MIN_WORDS_PER_PARAGRAPH_SCENE / ReadingTime.WORDS_PER_MINUTE * 60;
        for (String p : paragraphs) {
            current.add(p);
            seconds += ReadingTime.seconds(p).doubleValue();
            if (seconds >= minSeconds) {
                out.add(new Section(null, current));
                current = new ArrayList<>();
                seconds = 0;
            }
        }
        if (!current.isEmpty()) {
            if (out.isEmpty()) {
                out.add(new Section(null, current));
            } else {
                List<String> merged = new ArrayList<>(out.remove(out.size() - 1).paragraphs());
                merged.addAll(current); // a short tail belongs to the scene before it
                out.add(new Section(null, merged));
            }
        }
        return out;
    }

    /**
     * A prose paragraph as lines, in its order. Quoted speech becomes dialogue, spoken by the first character named
     * outside the quotes; the narration around it stays, as narration (a reader of the story hears it, and the
     * voiceover must too). A quote with no character named beside it stays narration: there is no one to show.
     */
    private static void proseLines(String paragraph, List<String> cast, Map<String, Pattern> mentions, List<Line> out) {
        List<int[]> quotes = new ArrayList<>(); // {start, end, group start, group end}
        Matcher q = QUOTE.matcher(paragraph);
        while (q.find()) {
            for (int g = 1; g <= q.groupCount(); g++) {
                if (q.group(g) != null) {
                    quotes.add(new int[] {q.start(), q.end(), q.start(g), q.end(g)});
                    break;
                }
            }
        }
        Matcher dash = DASH_DIALOGUE.matcher(paragraph);
        if (quotes.isEmpty() && dash.find()) {
            quotes.add(new int[] {dash.start(), dash.end(), dash.start(1), dash.end(1)});
        }
        if (quotes.isEmpty()) {
            out.add(Line.action(paragraph));
            return;
        }
        StringBuilder narration = new StringBuilder();
        int last = 0;
        for (int[] quote : quotes) {
            narration.append(paragraph, last, quote[0]).append(' ');
            last = quote[1];
        }
        narration.append(paragraph.substring(last));
        String rest = narration.toString();
        String speaker = null;
        int best = Integer.MAX_VALUE;
        for (String name : cast) {
            int at = firstIndex(rest, mentions.get(name));
            if (at < best) {
                best = at;
                speaker = name;
            }
        }
        last = 0;
        for (int[] quote : quotes) {
            narrationLine(paragraph.substring(last, quote[0]), out);
            String said = paragraph.substring(quote[2], quote[3]).strip();
            if (!said.isEmpty()) {
                out.add(
                        speaker == null
                                ? Line.action(
                                        paragraph.substring(quote[0], quote[1]).strip())
                                : Line.dialogue(speaker, said));
            }
            last = quote[1];
        }
        narrationLine(paragraph.substring(last), out);
    }

    /**
     * Narration between quotes, without the punctuation the quotes leave at its edges. Nothing if it says nothing,
     * nor when it only says who spoke ("Tomas said.", "demanda Étienne"): the dialogue line already names them, and
     * such a line would be a keyframe's whole description or a subtitle of its own.
     */
    private static void narrationLine(String text, List<Line> out) {
        String t = EDGE_PUNCTUATION.matcher(text).replaceAll("");
        if (!t.codePoints().anyMatch(java.lang.Character::isLetter)) {
            return;
        }
        String[] words = t.toLowerCase(java.util.Locale.ROOT).split("[\\s\\p{Punct}]+");
        boolean attributionOnly = words.length <= MAX_ATTRIBUTION_WORDS
                && java.util.Arrays.stream(words).anyMatch(SPEECH_VERBS::contains);
        if (!attributionOnly) {
            out.add(Line.action(t));
        }
    }

    /** "Tomas said", "said the old keeper": at most this many words, one of them a speech verb. */
    private static final int MAX_ATTRIBUTION_WORDS = 4;

    private static final Set<String> SPEECH_VERBS = ProseCues.all().speech;

    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\s,;:—–-]+|[\\s,;:—–-]+$");

    private static int firstIndex(String text, Pattern p) {
        Matcher m = p.matcher(text);
        return m.find() ? m.start() : Integer.MAX_VALUE;
    }

    /** Thai ends a sentence (or a clause) with a space, not a stop. */
    private static final Pattern THAI_SPACE = Pattern.compile("(?<=\\p{IsThai})\\s+(?=\\p{IsThai})");

    private static final Pattern SENTENCE = Pattern.compile(Sentences.body(".!?。！？؟") + "+[.!?。！？؟]*[」』”»\"]?");

    /** Sentences opening with these refer back to the last person named ("Sie trug …", "她穿着 …"). */
    private static final Pattern PRONOUN_START = Pattern.compile(
            "^[\\s\"“„«「—–-]*(?:(?:he|she|er|sie|il|elle|él|ella|ele|ela|он|она|o|ona|on|वह|هو|هي)(?![\\p{L}\\p{M}])"
                    // unspaced scripts: the pronoun runs into its particle or verb (彼女は, 她穿着, 그녀는)
                    + "|彼女[はがもの]|彼[はがもの]|[她他](?![们們])|그녀[는가도의]|그[는가도])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    static final int MAX_DESCRIPTION = 300;

    /**
     * What the story says about a character: the sentence that introduces them, then the sentences that
     * relate them to someone ("ihren Bruder Jonas", "幼なじみのハルト") or describe how they look, including a
     * following sentence that refers to them by pronoun ("Er trug seine grüne Regenjacke").
     */
    /** The story's sentences, each with the characters it names, ordered by where each is last named. */
    record NamedSentences(List<String> sentences, List<List<String>> named) {
        static NamedSentences of(String text, Map<String, Pattern> mentions) {
            List<String> sentences = new ArrayList<>();
            List<List<String>> named = new ArrayList<>();
            Matcher s = SENTENCE.matcher(THAI_SPACE.matcher(text).replaceAll("\n"));
            while (s.find()) {
                String sentence = s.group().strip();
                Map<String, Integer> last = new LinkedHashMap<>();
                mentions.forEach((name, p) -> {
                    int at = lastIndex(sentence, p);
                    if (at >= 0) {
                        last.put(name, at);
                    }
                });
                List<String> names = new ArrayList<>(last.keySet());
                names.sort(java.util.Comparator.comparing(last::get));
                sentences.add(sentence);
                named.add(names);
            }
            return new NamedSentences(sentences, named);
        }
    }

    static String describe(NamedSentences story, String name, ProseCues cues) {
        Set<String> picked = new LinkedHashSet<>();
        int length = 0;
        boolean lastNamedIsMe = false;
        for (int i = 0; i < story.sentences().size() && length < MAX_DESCRIPTION; i++) {
            String sentence = story.sentences().get(i);
            List<String> names = story.named().get(i);
            boolean mine = names.contains(name);
            boolean others = names.size() > (mine ? 1 : 0);
            boolean pick = mine
                    ? picked.isEmpty() || relatesOrDescribes(sentence, cues)
                    : lastNamedIsMe
                            && !others
                            && PRONOUN_START.matcher(sentence).find()
                            && cues.appearance.matcher(sentence).find();
            if (pick && picked.add(sentence)) {
                length += sentence.length() + 1;
            }
            if (!names.isEmpty()) {
                lastNamedIsMe = names.get(names.size() - 1).equals(name);
            }
        }
        return truncate(String.join(" ", picked), MAX_DESCRIPTION);
    }

    private static boolean relatesOrDescribes(String sentence, ProseCues cues) {
        if (cues.appearance.matcher(sentence).find()) {
            return true;
        }
        Matcher w = Pattern.compile("[\\p{L}\\p{M}]+").matcher(sentence);
        while (w.find()) {
            if (cues.kinship.contains(w.group().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        // unspaced scripts and Hangul: kinship words inside the run ("幼なじみのハルト", "동생 태호를")
        for (String k : cues.kinship) {
            if (k.codePoints()
                            .anyMatch(cp -> ai.cinboard.domain.ScriptClass.isUnspacedScript(cp)
                                    || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL)
                    && k.length() >= 2
                    && sentence.contains(k)) {
                return true;
            }
        }
        return false;
    }

    private static int lastIndex(String text, Pattern p) {
        Matcher m = p.matcher(text);
        int last = -1;
        while (m.find()) {
            last = m.start();
        }
        return last;
    }

    static String sentenceWith(String text, Pattern mention) {
        Matcher s = SENTENCE.matcher(text);
        while (s.find()) {
            if (mention.matcher(s.group()).find()) {
                return truncate(s.group().strip(), 300);
            }
        }
        return null;
    }

    /**
     * "Marktplatz · Morgen": the scene's place and time as the text names them. Without either, the people in
     * it ("Lena, Jonas"); without those, the opening words.
     */
    static String proseHeading(String place, String time, List<String> people, String body) {
        List<String> parts = new ArrayList<>();
        if (place != null) {
            parts.add(capitalise(place));
        }
        // an opening that arrives at the place ("Inside the bank") says the place again, not a time
        boolean sayOnce =
                place != null && time != null && time.toLowerCase(Locale.ROOT).contains(place.toLowerCase(Locale.ROOT));
        if (time != null && !sayOnce) {
            parts.add(capitalise(time));
        }
        if (parts.isEmpty() && !people.isEmpty()) {
            parts.add(String.join(", ", people.subList(0, Math.min(3, people.size()))));
        }
        if (parts.isEmpty()) {
            return truncate(firstSentence(body), 40);
        }
        return truncate(String.join(" · ", parts));
    }

    private static String capitalise(String word) {
        String w = word.strip();
        return w.isEmpty()
                ? w
                : w.substring(0, w.offsetByCodePoints(0, 1)).toUpperCase(Locale.ROOT)
                        + w.substring(w.offsetByCodePoints(0, 1));
    }

    private static String firstSentence(String text) {
        Matcher s = SENTENCE.matcher(text);
        return s.find() ? s.group().strip() : text.strip();
    }

    private static String truncate(String s) {
        return truncate(s, MAX_HEADING);
    }

    private static String truncate(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }

    private static final class SceneBuilder {
        final String heading;
        final List<Line> lines = new ArrayList<>();
        final Set<String> characters = new LinkedHashSet<>();

        SceneBuilder(String heading) {
            this.heading = heading;
        }

        /** What the voiceover reads: the lines without the "NAME:" labels, which are not spoken. */
        String spokenText() {
            StringBuilder sb = new StringBuilder();
            lines.forEach(l -> sb.append(l.text()).append('\n'));
            return sb.toString();
        }

        String text() {
            StringBuilder sb = new StringBuilder();
            for (Line l : lines) {
                if (!sb.isEmpty()) {
                    sb.append('\n');
                }
                sb.append(l.kind() == Line.Kind.DIALOGUE ? l.speaker() + ": " + l.text() : l.text());
            }
            return sb.toString();
        }
    }
}
