package ai.cinboard.text.breakdown;

import ai.cinboard.text.Sentences;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds character names in prose. Two signals, both heuristics:
 * <ul>
 * <li><b>Capitals</b> (Latin, Cyrillic, Greek): a capitalised word that recurs, appears at least once in
 * mid-sentence, is never written in lower case, never follows an article (German capitalises every noun,
 * but says "die Küche", never "die Lena") and is not a known title, pronoun, weekday or month.</li>
 * <li><b>Attribution</b> (every language, the only signal for Japanese, Chinese and Arabic): the word next to
 * a speech verb (言った, 说, قال, said, sagte, dijo, dit, сказал), confirmed by recurring elsewhere.</li>
 * </ul>
 * Limits: single-word names only (the surname of "Frau Berger"), nicknames and inflected forms outside
 * Russian's common endings are separate people, and a recurring capitalised place ("Lisboa") can pass as a
 * person unless an article or preposition precedes it. Scripts with no attribution verbs listed (Thai,
 * Korean, Hindi, Hebrew) get no prose names.
 */
final class NameFinder {
    /** The cues of the story's languages. */
    private final ProseCues cues;

    NameFinder(ProseCues cues) {
        this.cues = cues;
    }

    private static final Pattern CASED_TOKEN = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M}'’]*");
    private static final Pattern SENTENCE_SPACE = Pattern.compile("(?<=" + Sentences.end(".!?؟…") + ")\\s+");
    private static final String SENTENCE_BREAKERS = ".!?…:;\"«»„“”‘’—–-「『(\n¡¿";

    /** Words that precede common nouns but not names (articles, possessives), in the cased languages we know. */
    private static final Set<String> DETERMINERS = Set.of(
            "the", "an", "this", "that", "his", "her", "my", "our", "their", "your", "its", "der", "die", "das", "den",
            "dem", "des", "ihres", "seines", "meines", "deines", "unseres", "ein", "eine", "einen", "einem", "einer",
            "eines", "kein", "keine", "mein", "meine", "sein", "seine", "ihr", "ihre", "unser", "unsere", "diese",
            "dieser", "dieses", "im", "am", "zum", "zur", "vom", "beim", "ins", "ans", "el", "la", "los", "las", "un",
            "una", "del", "al", "su", "sus", "mi", "este", "esta", "le", "les", "une", "du", "au", "aux", "sa", "son",
            "ses", "ce", "cette", "mon", "ma");

    /**
     * Prepositions: before a place ("in Lisbon", "à Paris", "в Москве") and before a person alike ("to Tobin",
     * "à Étienne", "к Анне"). A word found after one nearly every time it appears, and never shown acting or
     * speaking, is taken for a place; once among other evidence it says nothing.
     */
    private static final Set<String> PREPOSITIONS = Set.of(
            "в", "во", "на", "из", "к", "по", "у", "о", "об", "с", "со", "за", "под", "над", "через", "in", "at", "on",
            "to", "from", "into", "nach", "aus", "bei", "en", "de", "à", "dans", "sur", "vers");

    /** Words for a street, named after them for a person ("на улице Гагарина", "rue Victor Hugo"): a place. */
    private static final Set<String> STREETS = Set.of(
            "улица",
            "улице",
            "улицу",
            "улицы",
            "проспект",
            "проспекте",
            "переулок",
            "переулке",
            "площадь",
            "площади",
            "бульвар",
            "бульваре",
            "набережной",
            "вулиці",
            "вулиця",
            "ulica",
            "ulicy",
            "ulicę",
            "ulicą",
            "rue",
            "avenue",
            "boulevard",
            "calle",
            "avenida",
            "via",
            "viale",
            "piazza",
            "rua",
            "praça",
            "plaza",
            "straße",
            "strasse",
            "platz",
            "sokak",
            "sokağı",
            "caddesi");

    private static final Set<String> STOPWORDS = Set.of(
            "i",
            "he",
            "she",
            "it",
            "we",
            "you",
            "they",
            "mr",
            "mrs",
            "ms",
            "dr",
            "sir",
            "god",
            "captain",
            "er",
            "sie",
            "es",
            "wir",
            "du",
            "ihr",
            "ihnen",
            "ihre",
            "ihren",
            "ihrem",
            "ihrer",
            "dich",
            "dir",
            "dein",
            "herr",
            "frau",
            "gott",
            "doktor",
            "él",
            "ella",
            "ellos",
            "ellas",
            "usted",
            "señor",
            "señora",
            "señorita",
            "don",
            "doña",
            "dios",
            "il",
            "elle",
            "ils",
            "elles",
            "on",
            "nous",
            "vous",
            "monsieur",
            "madame",
            "mademoiselle",
            "dieu",
            "он",
            "она",
            "они",
            "мы",
            "вы",
            "я",
            "ты",
            "бог",
            "господин",
            "госпожа",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "january",
            "february",
            "march",
            "april",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
            "montag",
            "dienstag",
            "mittwoch",
            "donnerstag",
            "freitag",
            "samstag",
            "sonntag",
            "januar",
            "februar",
            "märz",
            "juni",
            "juli",
            "oktober",
            "dezember",
            "lunes",
            "martes",
            "miércoles",
            "jueves",
            "viernes",
            "sábado",
            "domingo",
            "lundi",
            "mardi",
            "mercredi",
            "jeudi",
            "vendredi",
            "samedi",
            "dimanche",
            "chapter",
            "kapitel",
            "capítulo",
            "chapitre",
            "глава",
            "scene",
            "szene",
            "escena");

    /** "said Tom" / "Tom said" and equivalents; group 1 is the name. */
    private static final List<Pattern> CASED_ATTRIBUTION = List.of(
            Pattern.compile(
                    "(?:said|asked|replied|whispered|shouted|called|answered|murmured)\\s+(\\p{Lu}[\\p{L}\\p{M}]+)"),
            Pattern.compile(
                    "(\\p{Lu}[\\p{L}\\p{M}]+)\\s+(?:said|asked|replied|whispered|shouted|answered|murmured)\\b"),
            Pattern.compile("(?:sagte|fragte|antwortete|flüsterte|rief|murmelte)\\s+(\\p{Lu}[\\p{L}\\p{M}]+)"),
            Pattern.compile("(?:dijo|preguntó|respondió|susurró|gritó|contestó|murmuró)\\s+(\\p{Lu}[\\p{L}\\p{M}]+)"),
            Pattern.compile("(?:dit|demanda|répondit|murmura|cria|souffla)\\s+(\\p{Lu}[\\p{L}\\p{M}]+)"),
            Pattern.compile(
                    "(?:сказал|сказала|спросил|спросила|ответил|ответила|прошептал|прошептала|крикнул|крикнула)\\s+(\\p{Lu}[\\p{L}\\p{M}]+)"));

    private static final Pattern ARABIC_ATTRIBUTION = Pattern.compile(
            "(?:قال|قالت|سأل|سألت|أجاب|أجابت|صاح|صاحت|همس|همست|ردّ|رد|ردت|ضحكت|ضحك|هتف|هتفت)\\s+([\\p{IsArabic}&&[\\p{L}\\p{M}]]+)");
    private static final Set<String> ARABIC_STOPWORDS = Set.of(
            "له", "لها", "لهم", "لي", "في", "إن", "إنه", "إنها", "أن", "بصوت", "بهدوء", "ثم", "وهو", "وهي", "مبتسما",
            "مبتسمة", "ضاحكا", "ضاحكة", "بحزن", "بفرح", "فجأة");
    private static final Pattern JAPANESE_ATTRIBUTION =
            Pattern.compile("([\\p{IsHan}\\p{IsKatakana}ー]{1,8}?)(?:さん|くん|ちゃん|先生|さま)?(?:は|が)"
                    + "(?:静かに|小さく|笑って|笑いながら|そっと)?"
                    + "(?:言った|答えた|叫んだ|つぶやいた|呟いた|尋ねた|聞いた|ささやいた|笑った|言う)");
    private static final Pattern CHINESE_ATTRIBUTION =
            Pattern.compile("([\\p{IsHan}]{1,6}?)(?:轻声|低声|大声|笑着|小声|又|也|认真地|慢慢地)?(?:说|问|答道|回答|喊道|叹气)");
    private static final String CHINESE_PRONOUNS = "他她我你们它咱您谁这那";

    /** Finds names, in order of first appearance. */
    List<String> find(String text) {
        Map<String, Integer> firstSeen = new LinkedHashMap<>();
        findCased(text, firstSeen);
        dropSurnames(text, firstSeen);
        findAttributed(text, firstSeen);
        findKorean(text, firstSeen);
        findHindi(text, firstSeen);
        findByRelation(text, firstSeen);
        findRoles(text, firstSeen);
        findSpeakingRoles(text, firstSeen);
        findAttributedRoles(text, firstSeen);
        findArabic(text, firstSeen);
        findPossessiveKin(text, firstSeen);
        findJapaneseTopics(text, firstSeen);
        if (JapaneseNames.isJapanese(text)) {
            JapaneseNames.find(text).forEach(firstSeen::putIfAbsent);
        }
        findChineseFullNames(text, firstSeen);
        findThai(text, firstSeen);
        dropShortForms(firstSeen);
        List<Map.Entry<String, Integer>> ordered = new ArrayList<>(firstSeen.entrySet());
        ordered.sort(Map.Entry.comparingByValue());
        List<String> names = new ArrayList<>();
        ordered.forEach(e -> names.add(e.getKey()));
        return names;
    }

    private static final class Candidate {
        final Map<String, Integer> forms = new LinkedHashMap<>();
        int total;
        int mid;
        boolean afterDeterminer;
        /** How often it follows a preposition. */
        int afterPreposition;
        /** The forms it takes as a sentence's subject: the nominative, in languages that inflect names. */
        final Set<String> subjectForms = new HashSet<>();
        /** After a kinship or title word ("Bruder Jonas"), or next to a speech verb ("fragte Jonas"). */
        boolean related;
        /** Opens a sentence and a lower-case word follows: the subject of its verb ("Lena nickte"). */
        int subjects;
        /** Right after a kinship word ("my sister June"): a person even when the word is also a month. */
        boolean afterKin;
        /**
         * Named as a person where it stands, so once is enough: called by a line that is only the name ("Theo,"
         * she said), the narrator naming themselves ("und ich, Paul, zwölf Jahre alt"), or a relation word's
         * name acting as the subject ("la novia, Esperanza, no reconoció…", "my sister June had not spoken").
         */
        boolean named;
        /** Opens a sentence, a plain lower-case word after it ("Marcus waited …"): not "The old…", "Then he…". */
        int bareSubjects;
        /** Mentions written after an abbreviated title, and the title ("Mrs."): every one, and it is the name. */
        int titled;

        String title;

        int first = Integer.MAX_VALUE;
    }

    /** German capitalises every noun; a text with this share of its frequent function words is treated so. */
    private static final Set<String> GERMAN_FUNCTION_WORDS =
            Set.of("der", "die", "das", "und", "nicht", "ist", "ein", "eine", "mit", "den", "dem", "sich", "auf");

    static boolean capitalisesNouns(String text) {
        Matcher m = CASED_TOKEN.matcher(text);
        int words = 0;
        int german = 0;
        while (m.find() && words < 2000) {
            words++;
            german += GERMAN_FUNCTION_WORDS.contains(m.group().toLowerCase(Locale.ROOT)) ? 1 : 0;
        }
        return words > 0 && german / (double) words > 0.06;
    }

    private static final Pattern PATRONYMIC =
            Pattern.compile("\\p{Lu}\\p{L}+(?:ович|евич|ьич|овна|евна|ична)\\p{L}{0,2}");

    private static final Pattern NEXT_WORD = Pattern.compile("\\G[\\s,]*([\\p{L}\\p{M}]+)");

    private static String nextWord(String text, int from) {
        Matcher m = NEXT_WORD.matcher(text);
        return m.find(from) ? m.group(1) : null;
    }

    /** What stands between a relation word or a pronoun and a name in apposition: "la novia, Esperanza,". */
    private static final Pattern APPOSITION = Pattern.compile("\\s*,\\s*");

    private static boolean commaAfter(String text, int end) {
        return end < text.length() && text.charAt(end) == ',';
    }

    /** A line that is only a name, called: "Theo," she said / „Marto!“ – zawołała. */
    private static final Pattern CALL = Pattern.compile("[,!?]\\s*[\"”“»」]");

    /** A name that closes a line of dialogue after a comma, called: « Comme d'habitude, Camille ? » */
    private static final Pattern CALL_AT_END = Pattern.compile("\\s*[?!.…]?\\s*[\"”“»」]");

    /** The word opens a line of dialogue: an opening quote or dash before it ("Theo," / «Marie, …» / —Luz, …). */
    private static boolean opensLine(String text, int start) {
        int i = start - 1;
        while (i >= 0 && text.charAt(i) == ' ') {
            i--;
        }
        return i >= 0 && "\"“„«「『—―–".indexOf(text.charAt(i)) >= 0;
    }

    /**
     * The word follows a time or place transition that opens its sentence and a comma ("A la mañana siguiente,
     * Luz se perdió", "That evening, Grace…"): the subject's place, as at a sentence start.
     */
    private boolean afterOpeningTransition(String text, int start) {
        int i = start - 1;
        while (i >= 0 && ".!?…\n".indexOf(text.charAt(i)) < 0) {
            i--;
        }
        String opening = text.substring(i + 1, start).strip();
        Matcher t = cues.transition.matcher(opening);
        if (!opening.endsWith(",") || !t.lookingAt()) {
            return false;
        }
        // the transition and its comma, or a short place after it ("That evening at the harbour,"), not a clause
        // (the transition's own pattern may take the comma too: "Night," is then all transition)
        String rest = opening.substring(Math.min(t.end(), opening.length() - 1), opening.length() - 1)
                .strip();
        return rest.isEmpty() || (!rest.contains(",") && rest.split("\\s+").length <= 3);
    }

    /** A form met once that differs from another candidate only in its last letter: a vocative ending. */
    private static boolean vocativeOf(String stem, Set<String> stems) {
        return stems.stream()
                .anyMatch(o -> !o.equals(stem)
                        && o.length() == stem.length()
                        && o.length() >= 4
                        && o.regionMatches(0, stem, 0, stem.length() - 1));
    }

    /**
     * "Grace Holloway … Mrs. Holloway": a capitalised word written straight after a name found is its surname,
     * the same person, not a second one.
     */
    private static void dropSurnames(String text, Map<String, Integer> found) {
        // One pass per candidate over its own occurrences (not a regex over the whole text per pair of names,
        // which made a 5,000-word story's breakdown take seconds).
        for (String surname : List.copyOf(found.keySet())) {
            if (followsAnotherName(text, surname, found.keySet())) {
                found.remove(surname);
            }
        }
    }

    /** Whether {@code surname} occurs as a whole word right after another of {@code names} and one space. */
    private static boolean followsAnotherName(String text, String surname, Set<String> names) {
        for (int at = text.indexOf(surname); at >= 0; at = text.indexOf(surname, at + 1)) {
            int end = at + surname.length();
            if (at < 2 || text.charAt(at - 1) != ' ' || isLetterOrMark(text, end) || isLetterOrMarkBefore(text, at)) {
                continue;
            }
            for (String name : names) {
                int start = at - 1 - name.length();
                if (!name.equals(surname)
                        && start >= 0
                        && text.startsWith(name, start)
                        && !isLetterOrMarkBefore(text, start)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isLetterOrMark(String text, int at) {
        return at < text.length() && isLetterOrMark(text.codePointAt(at));
    }

    private static boolean isLetterOrMarkBefore(String text, int at) {
        return at > 0 && isLetterOrMark(text.codePointBefore(at));
    }

    private static boolean isLetterOrMark(int cp) {
        int type = Character.getType(cp);
        return Character.isLetter(cp)
                || type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    private void findCased(String text, Map<String, Integer> out) {
        boolean nounsCapitalised = capitalisesNouns(text);
        // a role's noun written before a name is used as a title: "bakkal Rıza", "Mayor Quimby"
        Set<String> titles = new HashSet<>();
        cues.entries("roles")
                .forEach(r -> titles.add(r.substring(r.lastIndexOf(' ') + 1).toLowerCase(Locale.ROOT)));
        Set<String> lowerSeen = new HashSet<>();
        Map<String, Candidate> byStem = new LinkedHashMap<>();
        Map<String, Candidate> titled = new LinkedHashMap<>(); // "Frau Sommer": title or kinship word + name
        Matcher m = CASED_TOKEN.matcher(text);
        String previousWord = null;
        int previousEnd = 0;
        while (m.find()) {
            String token = stripPossessive(m.group());
            boolean located = LOCATIVE.matcher(m.group()).find();
            int cp = token.codePointAt(0);
            boolean sentenceStart = isSentenceStart(text, m.start());
            if (Sentences.closesTitle(text, m.end())) {
                // "Frau Dr. Brandt": the title's abbreviation is no name of its own
            } else if (Character.isLowerCase(cp)) {
                lowerSeen.add(token.toLowerCase(Locale.ROOT));
            } else if (Character.isUpperCase(cp)
                    && token.length() >= 2
                    && token.codePoints().skip(1).anyMatch(Character::isLowerCase)) {
                Candidate c = byStem.computeIfAbsent(stem(token), k -> new Candidate());
                c.forms.merge(token, 1, Integer::sum);
                c.total++;
                if (!sentenceStart) {
                    c.mid++;
                }
                String before = previousWord == null || sentenceStart ? null : previousWord.toLowerCase(Locale.ROOT);
                String next = nextWord(text, m.end());
                boolean verbAfter = next != null && Character.isLowerCase(next.codePointAt(0));
                // "that" before a name and its verb is the conjunction ("saw that Tomas could"), not a determiner
                boolean determiner = before != null
                        && (DETERMINERS.contains(before) || STREETS.contains(before))
                        && !(before.equals("that") && verbAfter);
                if (located || determiner) {
                    c.afterDeterminer = true;
                } else if (before != null && PREPOSITIONS.contains(before)) {
                    c.afterPreposition++;
                }
                String between = previousWord == null ? "" : text.substring(previousEnd, m.start());
                boolean apposition = APPOSITION.matcher(between).matches() && commaAfter(text, m.end());
                // "my sister June had…", "la novia, Esperanza, no reconoció…"; not "Herr Müller, der …"
                boolean actsAfter = verbAfter
                        // "su abuelo Ernesto en un baile": a preposition or an article after it is no verb
                        && !PREPOSITIONS.contains(next.toLowerCase(Locale.ROOT))
                        && !DETERMINERS.contains(next.toLowerCase(Locale.ROOT))
                        && (apposition || Character.isWhitespace(text.charAt(Math.min(m.end(), text.length() - 1))));
                if (previousWord != null
                        && (between.isBlank() || apposition)
                        && (cues.kinship.contains(previousWord.toLowerCase(Locale.ROOT))
                                || titles.contains(previousWord.toLowerCase(Locale.ROOT)))
                        && actsAfter) {
                    c.named = true;
                }
                if (previousWord != null && apposition && cues.self.contains(previousWord.toLowerCase(Locale.ROOT))) {
                    c.named = true;
                }
                String title = Sentences.titleBefore(text, m.start());
                if (title != null) {
                    c.titled++;
                    c.title = title;
                }
                // a call, not a greeting ("Morning," said Mr. Okafor) nor a one-word exclamation ("Higher!" Ada
                // shouted), which a name met once cannot be told from
                if (opensLine(text, m.start())
                        && !cues.timeOfDay.matcher(token).matches()
                        && CALL.matcher(text).region(m.end(), text.length()).lookingAt()
                        && !text.startsWith("!", m.end())) {
                    c.named = true;
                }
                if (between.strip().equals(",")
                        && !nounsCapitalised // German calls nouns too ("„Na, Prinzessin“"): a name needs more there
                        && CALL_AT_END
                                .matcher(text)
                                .region(m.end(), text.length())
                                .lookingAt()) {
                    c.named = true;
                }
                if (previousWord != null
                        && (between.isBlank() || apposition)
                        && (cues.kinship.contains(previousWord.toLowerCase(Locale.ROOT))
                                || cues.speech.contains(previousWord.toLowerCase(Locale.ROOT)))) {
                    c.related = true;
                    if (cues.kinship.contains(previousWord.toLowerCase(Locale.ROOT))) {
                        c.afterKin = true;
                        Candidate pair =
                                titled.computeIfAbsent(capitalise(previousWord) + " " + token, k -> new Candidate());
                        pair.total++;
                        pair.first = Math.min(pair.first, text.lastIndexOf(previousWord, m.start()));
                    }
                }
                if (next != null && cues.speech.contains(next.toLowerCase(Locale.ROOT))) {
                    c.related = true;
                }
                if ((sentenceStart || afterOpeningTransition(text, m.start())) && verbAfter) {
                    c.subjects++;
                    c.subjectForms.add(token);
                    String nextLower = next.toLowerCase(Locale.ROOT);
                    if (sentenceStart
                            && text.substring(m.end(), text.indexOf(next, m.end()))
                                    .isBlank()
                            && !DETERMINERS.contains(nextLower)
                            && !PREPOSITIONS.contains(nextLower)
                            && !STOPWORDS.contains(nextLower)
                            && !cues.stop.contains(nextLower)) {
                        c.bareSubjects++;
                    }
                }
                c.first = Math.min(c.first, m.start());
            }
            previousWord = token;
            previousEnd = m.end();
        }
        Set<String> attributed = new HashSet<>();
        for (Pattern p : CASED_ATTRIBUTION) {
            Matcher a = p.matcher(text);
            while (a.find()) {
                attributed.add(stem(a.group(1)));
            }
        }
        for (Map.Entry<String, Candidate> e : byStem.entrySet()) {
            Candidate c = e.getValue();
            String name = mostFrequent(c.forms, c.subjectForms);
            String lower = name.toLowerCase(Locale.ROOT);
            boolean stop = STOPWORDS.contains(lower) || cues.stop.contains(lower);
            if ((stop && !(c.afterKin && !cues.kinship.contains(lower)))
                    || (c.total < 2 && !(c.named && !cues.kinship.contains(lower) && !lowerSeen.contains(lower)))) {
                continue;
            }
            // a name that is also a word ("Hope", "Paz", "Graça") is written in lower case elsewhere: then it
            // needs evidence of a person (speech, a kinship word, or the subject of two sentences)
            boolean evidence = c.related || c.named || c.subjects >= 2 || attributed.contains(e.getKey());
            boolean placeLike = c.afterPreposition * 2 > c.total && !evidence;
            // a name only ever opening its sentences, a verb after it each time ("Marcus waited … Marcus checked"),
            // never written in lower case and not a word that opens sentences as a time does
            boolean opensOnly = !nounsCapitalised
                    && c.bareSubjects >= 2
                    && !lowerSeen.contains(lower)
                    && !stop
                    && !DETERMINERS.contains(lower)
                    && !PREPOSITIONS.contains(lower)
                    && !cues.transition.matcher(name).lookingAt()
                    && !cues.timeOfDay.matcher(name).matches();
            boolean capitalRule = (c.mid >= 1 || c.named || opensOnly)
                    && !c.afterDeterminer
                    && !placeLike
                    && (!lowerSeen.contains(lower) || evidence);
            if (c.total == 1 && vocativeOf(e.getKey(), byStem.keySet())) {
                continue; // "Heleno," is Helena called by name (Polish, Czech, Ukrainian vocative)
            }
            if (PATRONYMIC.matcher(name).matches()) {
                continue; // "Петрович" is the second half of "Михаил Петрович", found as Михаил
            }
            // In German a capital marks every noun ("Zeile für Zeile"): a name also needs syntactic evidence.
            if (nounsCapitalised) {
                capitalRule =
                        capitalRule && (c.related || c.named || c.subjects >= 1 || attributed.contains(e.getKey()));
            }
            if (capitalRule || (attributed.contains(e.getKey()) && !c.afterDeterminer && !lowerSeen.contains(lower))) {
                // "Mrs. Patel" when the story never calls her anything else: the title says who she is
                out.putIfAbsent(c.titled == c.total ? c.title + " " + name : name, c.first);
            }
        }
        // A name that is also a word the rules above turned down ("Im Sommer" / "Frau Sommer") still names a
        // person where it recurs after the same title or kinship word: then the pair is the name.
        titled.forEach((pair, c) -> {
            String bare = pair.substring(pair.indexOf(' ') + 1);
            boolean found = out.keySet().stream().anyMatch(n -> stem(n).equals(stem(bare)));
            if (c.total >= 2 && !found && !cues.kinship.contains(bare.toLowerCase(Locale.ROOT))) {
                out.putIfAbsent(pair, c.first);
            }
        });
    }

    private static String capitalise(String word) {
        return word.isEmpty() ? word : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    /** Possessives before a kinship word: "meine Mutter", "my aunt", "sa sœur", "su tía", "minha avó". */
    private static final Pattern POSSESSIVE_KIN = Pattern.compile(
            "(?<![\\p{L}\\p{M}])(?:my|his|her|our|their|mein|meine|meiner|meinem|sein|seine|seiner|seinem|ihr|ihre"
                    + "|ihrer|ihrem|unser|unsere|unserer|ma|mon|sa|son|notre|mi|su|nuestra|nuestro|minha|meu|sua|seu"
                    + "|nossa|nosso|mia|mio|suo|nostra|nostro)\\s+([\\p{L}\\p{M}-]+)(?![\\p{L}\\p{M}])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** What stands before the subject of a clause: its start, a comma, or "and". */
    private static final Pattern CLAUSE_OPENING = Pattern.compile(
            "(?:\\A|[.!?…:;,\"«»„“”—–]|(?<![\\p{L}\\p{M}])(?:and|und|y|et|e|i))\\s*\\z", Pattern.CASE_INSENSITIVE);

    /**
     * A relative never named but spoken of with a possessive at least twice, once as the subject of a clause
     * ("meine Mutter brachte ihr Suppe", not "murió su padre"), and never followed by a name ("my sister June" is
     * June): a character named as the text names them. Titles that are also stop words ("seine Frau", "mon
     * monsieur") are left out: they are as often forms of address.
     */
    private void findPossessiveKin(String text, Map<String, Integer> out) {
        Map<String, int[]> counts = new LinkedHashMap<>(); // lower-case phrase -> {count, first, as subject}
        Map<String, String> written = new HashMap<>();
        Matcher m = POSSESSIVE_KIN.matcher(text);
        while (m.find()) {
            String kin = m.group(1).toLowerCase(Locale.ROOT);
            String next = nextWord(text, m.end());
            boolean named = next != null && Character.isUpperCase(next.codePointAt(0));
            if (!cues.kinship.contains(kin) || cues.stop.contains(kin) || STOPWORDS.contains(kin) || named) {
                continue;
            }
            String phrase = m.group().toLowerCase(Locale.ROOT);
            int[] c = counts.computeIfAbsent(phrase, k -> new int[] {0, m.start(), 0});
            c[0]++;
            c[2] += CLAUSE_OPENING
                            .matcher(text.substring(Math.max(0, m.start() - 12), m.start()))
                            .find()
                    ? 1
                    : 0;
            written.putIfAbsent(phrase, m.group());
        }
        counts.forEach((phrase, c) -> {
            if (c[0] >= 2 && c[2] >= 1) {
                out.putIfAbsent(written.get(phrase), c[1]);
            }
        });
    }

    /** Korean particles, longest first: 지민은 → 지민, 태호에게 → 태호. */
    private static final List<String> KOREAN_PARTICLES = List.of(
            "에게서", "에게", "한테", "께서", "이랑", "으로", "에서", "처럼", "보다", "까지", "부터", "이는", "이가", "이를", "은", "는", "이", "가",
            "을", "를", "와", "과", "의", "도", "로", "에", "랑", "만", "아", "야", "씨", "님");

    private static final Set<String> KOREAN_SUBJECT = Set.of("은", "는", "이", "가", "께서", "이는", "이가");
    private static final Pattern HANGUL_WORD = Pattern.compile("[\\p{IsHangul}]+");

    /**
     * Korean names carry particles and have no capitals. A candidate is a two- or three-syllable stem seen
     * with particles at least twice, with evidence: after a kinship word ("동생 태호를"), next to a speech
     * verb ("태호가 말했다"), or the subject (은/는/이/가) of two sentences. Places, times and the words in the
     * stop list are never names.
     */
    /** A Korean surname, a space and a title: "박 선생님", "김 씨", "최 사장님". */
    private static final Pattern KOREAN_TITLED =
            Pattern.compile("(?<![\\p{IsHangul}])([김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄]"
                    + " (?:선생님|씨|님|아저씨|아주머니|할머니|할아버지|사장님|기사님|교수님|의사 선생님))");

    private void findKorean(String text, Map<String, Integer> out) {
        Map<String, Integer> titled = new LinkedHashMap<>();
        Matcher t = KOREAN_TITLED.matcher(text);
        while (t.find()) {
            titled.merge(t.group(1), 1, Integer::sum);
        }
        titled.forEach((name, n) -> {
            if (n >= 2) {
                out.putIfAbsent(name, text.indexOf(name));
            }
        });
        Map<String, int[]> counts = new LinkedHashMap<>(); // stem -> {with particle, subject, related, first}
        Matcher m = HANGUL_WORD.matcher(text);
        String previous = null;
        while (m.find()) {
            String word = m.group();
            for (String particle : KOREAN_PARTICLES) {
                int stemLength = word.length() - particle.length();
                if (word.endsWith(particle) && stemLength >= 2 && stemLength <= 3) {
                    String stem = word.substring(0, stemLength);
                    int[] c = counts.computeIfAbsent(stem, k -> new int[] {0, 0, 0, Integer.MAX_VALUE});
                    c[0]++;
                    c[3] = Math.min(c[3], m.start());
                    if (KOREAN_SUBJECT.contains(particle)) {
                        c[1]++;
                    }
                    String next = nextWord(text, m.end());
                    if ((previous != null && cues.kinship.contains(previous))
                            || (next != null && cues.speech.contains(next))) {
                        c[2]++;
                    }
                    break;
                }
            }
            previous = word;
        }
        Pattern nonNames = Pattern.compile(
                "^(?:" + cues.place.pattern() + "|" + cues.timeOfDay.pattern() + ")$",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        counts.forEach((stem, c) -> {
            boolean evidence = c[2] > 0 || c[1] >= 2;
            if (c[0] >= 2
                    && evidence
                    && !cues.stop.contains(stem)
                    && !cues.kinship.contains(stem)
                    && !nonNames.matcher(stem).find()) {
                out.putIfAbsent(stem, c[3]);
            }
        });
    }

    /** Hindi marks the subject of a past action with ने and speech with बोला/बोली/कहा: "राधा ने कहा". */
    private static final Pattern HINDI_SUBJECT =
            Pattern.compile("([\\p{IsDevanagari}&&[\\p{L}\\p{M}]]{2,})\\s+(?:ने|बोला|बोली|बोले|जी)(?![\\p{L}\\p{M}])");

    /** Titles that follow a surname in Hindi: "खन्ना मैडम", "शर्मा साहब"; the name is the pair. */
    private static final Set<String> HINDI_TITLES = Set.of("मैडम", "साहब", "बाबू", "मास्टर", "दीदी", "भैया");

    private static final Pattern DEVANAGARI_WORD_BEFORE =
            Pattern.compile("([\\p{IsDevanagari}&&[\\p{L}\\p{M}]]{2,})\\s+$");

    private void findHindi(String text, Map<String, Integer> out) {
        Matcher m = HINDI_SUBJECT.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            if (HINDI_TITLES.contains(name)) {
                Matcher before = DEVANAGARI_WORD_BEFORE.matcher(text.substring(Math.max(0, m.start() - 40), m.start()));
                if (!before.find() || cues.stop.contains(before.group(1))) {
                    continue;
                }
                name = before.group(1) + " " + name;
            }
            if (!cues.stop.contains(name) && !cues.kinship.contains(name) && count(text, name) >= 2) {
                out.putIfAbsent(name, text.indexOf(name));
            }
        }
    }

    /**
     * Names after a relation word in Japanese ("幼なじみのハルト") and Chinese ("邻居张伟"), and Chinese roles made
     * of a surname and a title ("王师傅", "李老师"): characters when they recur.
     */
    private static final Pattern CHINESE_ROLE = Pattern.compile(
            "[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史黎贺顾毛郝龚邵万钱严武戴莫孔向汤老]"
                    + "(?:师傅|老师|医生|大爷|阿姨|先生|小姐|太太|老板|经理|大妈|大叔|奶奶|爷爷|婆婆|伯伯|叔叔|船长)");

    private void findByRelation(String text, Map<String, Integer> out) {
        Matcher role = CHINESE_ROLE.matcher(text);
        while (role.find()) {
            if (count(text, role.group()) >= 2) {
                out.putIfAbsent(role.group(), text.indexOf(role.group()));
            }
        }
        List<String> kin = cues.entries("kinship").stream()
                .filter(k -> k.codePoints().anyMatch(ai.cinboard.domain.ScriptClass::isUnspacedScript))
                .toList();
        if (kin.isEmpty()) {
            return;
        }
        Pattern after = Pattern.compile("(?:" + String.join("|", kin) + ")[の的]?([\\p{IsKatakana}ー]{2,8})");
        Matcher m = after.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            if (count(text, name) >= 2) {
                out.putIfAbsent(name, text.indexOf(name));
            }
        }
    }

    /** Articles that can stand in a role's place when the story first meets it ("a fisherman", "un pêcheur"). */
    private static final String DEFINITE = "the|le|la|l'|el|o|a|il|lo|der|die|das";

    private static final String INDEFINITE = "an|a|un|une|una|uno|um|uma|ein|eine|einen|einem|einer";

    private record RolePattern(String role, String noun, Pattern listed, Pattern any) {}

    /**
     * Compiled once per set of languages: the role lists are long, and most stories contain few of them
     * (checked by substring).
     */
    private static final Map<Set<String>, List<RolePattern>> ROLE_PATTERNS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static List<RolePattern> rolePatterns(ProseCues cues) {
        List<RolePattern> out = new ArrayList<>();
        int flags = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        for (String role : cues.entries("roles")) {
            int cp = role.codePointAt(0);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.THAI) {
                continue;
            }
            String listed;
            String any;
            String noun = role;
            if (ai.cinboard.domain.ScriptClass.isUnspacedScript(cp)) {
                listed = any = Pattern.quote(role);
            } else if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL) {
                listed = any = "(?<![\\p{IsHangul}])" + Pattern.quote(role) + "(?:" + String.join("|", KOREAN_PARTICLES)
                        + ")?(?![\\p{IsHangul}])";
            } else {
                String[] words = role.split(" ", 2);
                boolean article = words.length == 2 && ("|" + DEFINITE + "|").contains("|" + words[0] + "|");
                String edge = "(?<![\\p{L}\\p{M}])(?:[وفل])?";
                listed = edge + Pattern.quote(role) + "(?![\\p{L}\\p{M}])";
                any = article
                        ? edge + "(?:" + Pattern.quote(words[0]) + "|" + INDEFINITE + ")\\s+" + Pattern.quote(words[1])
                                + "(?![\\p{L}\\p{M}])"
                        : listed;
                noun = article ? words[1] : role;
            }
            out.add(new RolePattern(
                    role, noun.toLowerCase(Locale.ROOT), Pattern.compile(listed, flags), Pattern.compile(any, flags)));
        }
        return List.copyOf(out);
    }

    /**
     * Unnamed roles ("the mayor", "la boulangère", "الجدة", "दादी", "проводница", "외할머니") that recur are
     * characters: the role as listed at least once, and twice in all, counting the same noun after an indefinite
     * article (the story's first "a fisherman" and its later "the fisherman" are one person). Korean roles carry
     * particles (외할머니는); Chinese and Japanese ones are matched inside the unspaced text; Thai ones are
     * found among ICU's words in {@link #findThai}.
     */
    private void findRoles(String text, Map<String, Integer> out) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (RolePattern r : ROLE_PATTERNS.computeIfAbsent(cues.languages, k -> rolePatterns(cues))) {
            if (!lower.contains(r.noun()) || !r.listed().matcher(text).find()) {
                continue;
            }
            Matcher m = r.any().matcher(text);
            int n = 0;
            int first = -1;
            while (m.find()) {
                n++;
                first = first < 0 ? m.start() : first;
            }
            if (n >= 2) {
                out.putIfAbsent(r.role(), first);
            }
        }
    }

    /** Openings of a clause inside a sentence: "…, and a deckhand came past", "…, y la vecina", "… و". */
    private static final Pattern CLAUSE_START = Pattern.compile(
            "(?:^|[,;:]\\s*(?:and|y|e|et|und|i|и|ve|og|och|en)?\\s+|\\s(?:and|y|et|und|и)\\s+|(?<=\\s)و)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** A role's qualifier in the Romance languages: "la vecina del quinto", "o homem da banca". */
    private static final Pattern ROLE_COMPLEMENT = Pattern.compile(
            "\\G\\s+(?:del|de la|de los|de las|du|de|des|della|dello|delle|da|do|dos|das)\\s+[\\p{Ll}\\p{M}]+(?![\\p{L}\\p{M}])");

    /** Words after an article in an attribution that are not a person ("the other said", "the voice said"). */
    private static final Set<String> NOT_ROLES = Set.of(
            "other", "others", "first", "second", "last", "one", "two", "three", "both", "same", "rest", "voice",
            "radio", "sign", "note", "letter", "otra", "otro", "autre", "andere", "altro", "altra", "outro", "outra",
            "voz", "voix", "stimme");

    /**
     * A role no list names still speaks: a line of dialogue attributed to "the vet" ("…," the vet told them /
     * —dijo la alcaldesa / said the vet), an article and a lower-case noun next to a speech verb right after the
     * quote, is a character when the story names that role at least twice; not a title before a name ("disse la
     * signora Bianchi").
     */
    private void findAttributedRoles(String text, Map<String, Integer> out) {
        List<String> speech = cues.speech.stream()
                .filter(v -> v.codePoints().allMatch(Character::isLetter))
                .sorted(java.util.Comparator.comparingInt(String::length).reversed())
                .toList();
        if (speech.isEmpty()) {
            return;
        }
        String verbs =
                "(?:" + String.join("|", speech.stream().map(Pattern::quote).toList()) + ")";
        String role = "(" + DEFINITE.replace("l'|", "") + ")\\s+(\\p{Ll}[\\p{Ll}\\p{M}-]{2,})";
        int flags = Pattern.UNICODE_CASE;
        Pattern before = Pattern.compile("[,!?…]\\s*[\"”»]\\s+" + role + "\\s+" + verbs + "(?![\\p{L}\\p{M}])", flags);
        Pattern after =
                Pattern.compile("[\"”»—–],?\\s*" + verbs + "\\s+" + role + "(?![\\p{L}\\p{M}])(?!\\s+\\p{Lu})", flags);
        for (Pattern p : List.of(before, after)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                String noun = m.group(2);
                // a relative who speaks is a character ("—dijo la abuela"), though "abuela" is no name
                boolean kin = cues.kinship.contains(noun);
                if (NOT_ROLES.contains(noun) || (!kin && cues.stop.contains(noun)) || STOPWORDS.contains(noun)) {
                    continue;
                }
                String written = m.group(1) + " " + noun;
                Pattern mention = Pattern.compile(
                        "(?<![\\p{L}\\p{M}])" + Pattern.quote(written) + "(?![\\p{L}\\p{M}])",
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                Matcher all = mention.matcher(text);
                int n = 0;
                int first = -1;
                while (all.find()) {
                    n++;
                    first = first < 0 ? all.start() : first;
                }
                boolean known = out.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(written));
                if (n >= 2 && !known) {
                    out.putIfAbsent(written, first);
                }
            }
        }
    }

    /** An Arabic word that opens like a present-tense verb (يصلح, تنظر, نذهب) rather than an adjective. */
    private static final Pattern ARABIC_VERB_LIKE = Pattern.compile("^[يتن]");

    /**
     * An unnamed role met only once is a character when it speaks: it opens a clause ("La vecina del quinto se
     * asomó…", "Im Hof fegte der Hausmeister…", "كان صياد عجوز…") and either a speech verb follows later in the
     * same sentence with no one else named in between ("…, and a deckhand … came past, shouting that…"), or
     * the next line of dialogue is attributed to no one by name ("—¿Y esta niña? —preguntó.", "„…“, fragte
     * er", "سألها: «…»"). The role is named as the text writes it, with a Romance qualifier ("del quinto") and,
     * in Arabic, the indefinite noun with its adjective ("صياد عجوز").
     */
    private void findSpeakingRoles(String text, Map<String, Integer> out) {
        List<String> speech = cues.speech.stream()
                .filter(v -> v.codePoints().allMatch(Character::isLetter))
                .sorted(java.util.Comparator.comparingInt(String::length).reversed())
                .toList();
        if (speech.isEmpty()) {
            return;
        }
        String verbs = String.join("|", speech.stream().map(Pattern::quote).toList());
        int flags = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        // a speech verb straight after a closing quote or dash, or an Arabic one (with an object suffix) before
        // its quote: the line names no speaker
        Pattern unattributed = Pattern.compile(
                "(?:[”\"»“]\\s*,?\\s*|[—―–]\\s*)(?:" + verbs + ")(?![\\p{L}\\p{M}])" + "|(?<![\\p{L}\\p{M}])[وف]?(?:"
                        + verbs + ")(?:ها|ه|هم|ني|ك)?\\s*[:：]\\s*[«\"“]",
                flags);
        Pattern speechWord = Pattern.compile("(?<![\\p{L}\\p{M}])(?:" + verbs + ")(?![\\p{L}\\p{M}])", flags);
        List<RolePattern> roles = ROLE_PATTERNS.computeIfAbsent(cues.languages, k -> rolePatterns(cues));
        for (String paragraph : text.split("\n")) {
            Matcher u = unattributed.matcher(paragraph);
            while (u.find()) {
                String next = nextWord(paragraph, u.end());
                boolean arabic = u.group()
                        .codePoints()
                        .anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC);
                if (!arabic && next != null && Character.isUpperCase(next.codePointAt(0))) {
                    continue; // "—contestó Paz": attributed
                }
                int open = arabic ? u.start() : openingOf(paragraph, u.start());
                String narration = paragraph.substring(0, Math.max(0, open)).stripTrailing();
                int sentenceStart = Math.max(
                        Math.max(narration.lastIndexOf('.', narration.length() - 2), narration.lastIndexOf('!')),
                        Math.max(narration.lastIndexOf('?'), narration.lastIndexOf('؟')));
                String sentence = narration.substring(sentenceStart + 1);
                speaker(sentence, roles, null).ifPresent(r -> putRole(out, r, text));
            }
            for (String sentence : SENTENCE_SPACE.split(paragraph)) {
                Matcher v = speechWord.matcher(sentence);
                if (v.find()) {
                    speaker(sentence.substring(0, v.start()), roles, sentence.substring(0, v.start()))
                            .ifPresent(r -> putRole(out, r, text));
                }
            }
        }
    }

    /** Where the line of dialogue that ends at {@code closing} opened: the quote or dash before it. */
    private static int openingOf(String paragraph, int closing) {
        for (int i = closing - 1; i >= 0; i--) {
            if ("“„«\"—―–".indexOf(paragraph.charAt(i)) >= 0) {
                return i;
            }
        }
        return 0;
    }

    /**
     * The role that opens a clause of {@code sentence} (within its first four words), as written. With
     * {@code noNameBefore}, a role followed by a capitalised name in that text is not the speaker.
     */
    private java.util.Optional<String> speaker(String sentence, List<RolePattern> roles, String noNameBefore) {
        String lower = sentence.toLowerCase(Locale.ROOT);
        for (RolePattern r : roles) {
            int cp = r.noun().codePointAt(0);
            if (ai.cinboard.domain.ScriptClass.isUnspacedScript(cp)
                    || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL) {
                continue; // no word to stand first in a clause: those roles are found when they recur
            }
            String bare = r.noun().startsWith("ال") ? r.noun().substring(2) : null;
            if (!lower.contains(bare != null ? bare : r.noun())) {
                continue;
            }
            Pattern p = bare != null
                    ? Pattern.compile("(?<![\\p{L}\\p{M}])(?:ال)?" + Pattern.quote(bare) + "(?![\\p{L}\\p{M}])")
                    : r.any();
            Matcher m = p.matcher(sentence);
            while (m.find()) {
                if (!opensClause(sentence, m.start())) {
                    continue;
                }
                if (noNameBefore != null
                        && Pattern.compile("(?<![\\p{L}\\p{M}])\\p{Lu}")
                                .matcher(noNameBefore.substring(m.end()))
                                .find()) {
                    continue;
                }
                String written = m.group();
                int end = m.end();
                Matcher complement = ROLE_COMPLEMENT.matcher(sentence);
                if (bare == null && complement.find(end)) {
                    written += complement.group();
                } else if (bare != null && !m.group().startsWith("ال")) {
                    String adjective = nextWord(sentence, end);
                    if (adjective != null
                            && !adjective.startsWith("ال")
                            && !ARABIC_VERB_LIKE.matcher(adjective).find()
                            && !cues.stop.contains(adjective)) {
                        written += " " + adjective;
                    }
                }
                written = written.strip();
                return java.util.Optional.of(written.substring(0, 1).toLowerCase(Locale.ROOT) + written.substring(1));
            }
        }
        return java.util.Optional.empty();
    }

    /** The match starts a clause, or stands within its first four words (after a verb or a place: V2, VSO). */
    private static boolean opensClause(String sentence, int at) {
        Matcher c = CLAUSE_START.matcher(sentence);
        int clause = 0;
        while (c.find() && c.end() <= at) {
            clause = c.end();
        }
        String before = sentence.substring(clause, at).strip();
        return before.isEmpty() || before.split("\\s+").length <= 3;
    }

    /** A role found once is added unless the same role was found already ("the deckhand" / "a deckhand"). */
    private static void putRole(Map<String, Integer> out, String role, String text) {
        String noun = role.substring(role.indexOf(' ') + 1).toLowerCase(Locale.ROOT);
        String head = noun.split(" ")[0];
        boolean known = out.keySet().stream().anyMatch(k -> {
            String l = k.toLowerCase(Locale.ROOT);
            String r = role.toLowerCase(Locale.ROOT);
            return r.startsWith(l) || l.startsWith(r) || l.endsWith(" " + head) || l.contains(" " + head + " ");
        });
        if (!known) {
            out.putIfAbsent(role, Math.max(0, text.toLowerCase(Locale.ROOT).indexOf(role.toLowerCase(Locale.ROOT))));
        }
    }

    private static final Pattern ARABIC_WORD = Pattern.compile("[\\p{IsArabic}&&[\\p{L}\\p{M}]]+");
    /** "كان" and its kin take an indefinite noun as subject ("كان صياد عجوز"): not evidence of a name. */
    private static final Set<String> ARABIC_COPULAS =
            Set.of("كان", "كانت", "يكون", "تكون", "أصبح", "أصبحت", "صار", "صارت", "ليس", "ليست");
    /** Particles between a clause's start and its verb: negation and "قد". */
    private static final Set<String> ARABIC_BEFORE_VERB = Set.of("لم", "لا", "لن", "ما", "قد");
    /** A prepositional pronoun between a verb and its subject: "فتح لها كريم". */
    private static final Set<String> ARABIC_OBJECTS =
            Set.of("له", "لها", "لهم", "لي", "لنا", "لك", "إليه", "إليها", "عليه", "عليها", "معه", "معها");
    /** A kunya, "mother/father of …": one person's name ("أم سعيد"). */
    private static final Pattern KUNYA = Pattern.compile(
            "(?<![\\p{L}\\p{M}])((?:أم|أبو|أبا|أبي)\\s+(?!ال)[\\p{IsArabic}&&[\\p{L}\\p{M}]]{3,})(?![\\p{L}\\p{M}])");

    /**
     * Arabic has no capitals, writes و ف ب ل ك onto the next word, and puts the subject after its verb. A name
     * is a word without the article ال that is the subject (the word after a clause's first word, its verb, or
     * after a prepositional pronoun: "فتح لها كريم", "ولم يقل كريم"; after the time the clause opens with: "في
     * المساء جلس سامي") of two clauses, and recurs. A kunya ("أم
     * سعيد") after a role or a title ("الجارة أم سعيد") is a person's name, met once or more.
     */
    private void findArabic(String text, Map<String, Integer> out) {
        if (text.codePoints().noneMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC)) {
            return;
        }
        List<int[]> words = new ArrayList<>();
        Matcher w = ARABIC_WORD.matcher(text);
        while (w.find()) {
            words.add(new int[] {w.start(), w.end()});
        }
        Map<String, Integer> subjects = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            int start = words.get(i)[0];
            boolean clauseStart =
                    i == 0 || text.substring(words.get(i - 1)[1], start).matches("(?s).*[.،,!?؟:؛«»\"“”\n].*");
            if (!clauseStart) {
                continue;
            }
            int v = i;
            // a clause may open with its time ("في الصباح خرج سامي"): the verb comes after it
            Matcher opening = cues.transition.matcher(text).region(start, text.length());
            if (opening.lookingAt()) {
                while (v < words.size() && words.get(v)[0] < opening.end()) {
                    v++;
                }
                if (v >= words.size()) {
                    continue;
                }
            }
            String verb = withoutConjunction(text.substring(words.get(v)[0], words.get(v)[1]));
            if (ARABIC_BEFORE_VERB.contains(verb) && v + 1 < words.size()) {
                v++;
                verb = text.substring(words.get(v)[0], words.get(v)[1]);
            }
            if (verb.startsWith("ال")
                    || ARABIC_COPULAS.contains(verb)
                    || cues.stop.contains(verb)
                    || ARABIC_STOPWORDS.contains(verb)
                    || cues.place.matcher(verb).matches()
                    || cues.timeOfDay.matcher(verb).matches()) {
                continue;
            }
            int s = v + 1;
            if (s < words.size() && ARABIC_OBJECTS.contains(text.substring(words.get(s)[0], words.get(s)[1]))) {
                s++;
            }
            if (s >= words.size()
                    || !text.substring(words.get(s - 1)[1], words.get(s)[0]).isBlank()) {
                continue;
            }
            String subject = text.substring(words.get(s)[0], words.get(s)[1]);
            if (subject.length() >= 3
                    && !subject.startsWith("ال")
                    && !subject.endsWith("ها")
                    && !subject.endsWith("هم")
                    && !cues.stop.contains(subject)
                    && !ARABIC_STOPWORDS.contains(subject)
                    && !cues.kinship.contains(subject)
                    && !cues.place.matcher(subject).find()
                    && !cues.timeOfDay.matcher(subject).find()) {
                subjects.merge(subject, 1, Integer::sum);
            }
        }
        subjects.forEach((name, n) -> {
            if (n >= 2 && mentionPattern(name).matcher(text).results().count() >= 2) {
                out.putIfAbsent(name, text.indexOf(name));
            }
        });
        Set<String> before = new HashSet<>(cues.entries("roles"));
        before.addAll(cues.kinship);
        Matcher k = KUNYA.matcher(text);
        while (k.find()) {
            Matcher previous = Pattern.compile("([\\p{IsArabic}&&[\\p{L}\\p{M}]]+)\\s+$")
                    .matcher(text.substring(Math.max(0, k.start() - 30), k.start()));
            if (previous.find() && before.contains(withoutConjunction(previous.group(1)))) {
                out.putIfAbsent(k.group(1), k.start());
            }
        }
    }

    /** "وقالت" → "قالت", "فهزّ" → "هزّ": a conjunction written onto the word, when what is left is a word. */
    private static String withoutConjunction(String word) {
        return word.length() >= 3 && (word.startsWith("و") || word.startsWith("ف")) ? word.substring(1) : word;
    }

    /** A katakana name marked as topic or subject (ユキは, ハルトが) in two places is a person in Japanese prose. */
    private static final Pattern KATAKANA_TOPIC =
            Pattern.compile("(?<![\\p{IsKatakana}ー])([\\p{IsKatakana}ー]{2,6})(?:さん|くん|ちゃん)?[はが]");

    private void findJapaneseTopics(String text, Map<String, Integer> out) {
        Map<String, Integer> counts = new HashMap<>();
        Matcher m = KATAKANA_TOPIC.matcher(text);
        while (m.find()) {
            counts.merge(m.group(1), 1, Integer::sum);
        }
        counts.forEach((name, n) -> {
            if (n >= 2 && !cues.place.matcher(name).find()) {
                out.putIfAbsent(name, text.indexOf(name));
            }
        });
    }

    /** The commonest Chinese surnames. */
    private static final String CHINESE_SURNAMES =
            "[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史黎贺顾毛郝龚邵万钱严武戴莫孔向汤]";

    /**
     * Chinese full names: a common surname and a two-character given name ("林小梅") that recurs at the start
     * of a clause, where a subject stands. Titles after a surname ("王师傅") are roles, found separately.
     */
    private static final Pattern CHINESE_FULL_NAME = Pattern.compile(
            "(?:^|(?<=[，。！？：；“”、\\s]))(" + CHINESE_SURNAMES + "[\\p{IsHan}&&[^的了是在不也都就着过们个和说问把被给向]]{2})",
            Pattern.MULTILINE);

    /**
     * Someone giving their name ("我叫周航，"): a surname and a one- or two-character given name, ended by
     * punctuation. It names a person where it stands, so once is enough.
     */
    private static final Pattern CHINESE_SELF_INTRODUCTION =
            Pattern.compile("(?:我叫|我名叫|我的名字叫|我的名字是)(" + CHINESE_SURNAMES + "[\\p{IsHan}]{1,2})(?=[，。！？、”,.!?\\s])");

    private static void findChineseFullNames(String text, Map<String, Integer> out) {
        Map<String, Integer> counts = new HashMap<>();
        Matcher m = CHINESE_FULL_NAME.matcher(text);
        while (m.find()) {
            counts.merge(m.group(1), 1, Integer::sum);
        }
        Matcher introduced = CHINESE_SELF_INTRODUCTION.matcher(text);
        while (introduced.find()) {
            if (!CHINESE_ROLE.matcher(introduced.group(1)).lookingAt()) { // 我叫王老师: a role, found as one
                out.putIfAbsent(introduced.group(1), text.indexOf(introduced.group(1)));
            }
        }
        counts.forEach((name, n) -> {
            boolean role = CHINESE_ROLE.matcher(name).lookingAt();
            // "林晓东是镇上唯一的邮递员 … 晓东笑着": named in full once, then by the given name as the subject
            boolean givenNameRecurs = n == 1 && CHINESE_CLAUSE_START_COUNT.apply(text, name.substring(1)) >= 2;
            if (!role && ((n >= 2 && count(text, name) >= 2) || givenNameRecurs)) {
                out.putIfAbsent(name, text.indexOf(name));
            }
        });
        // "表哥张伟 … 张伟戴着": after a relation word, a surname and a one- or two-character given name
        Matcher kin = CHINESE_KIN_NAME.matcher(text);
        while (kin.find()) {
            String name = kin.group(1);
            if (count(text, name) >= 2 && !CHINESE_ROLE.matcher(name).lookingAt()) {
                out.putIfAbsent(name, text.indexOf(name));
            }
        }
        // "小雨来到外婆家 … 小雨闻到 … 小雨坐在": a 小/老 pet name as the subject of three clauses
        Map<String, Integer> petNames = new LinkedHashMap<>();
        Matcher pet = CHINESE_PET_NAME.matcher(text);
        while (pet.find()) {
            if (!CHINESE_NOT_PET_NAMES.contains(pet.group(1))) {
                petNames.merge(pet.group(1), 1, Integer::sum);
            }
        }
        // "安安站在小板凳上 … 安安点点头": a doubled syllable as the subject of three clauses
        Matcher doubled = CHINESE_DOUBLED_NAME.matcher(text);
        while (doubled.find()) {
            if (!CHINESE_DOUBLED_WORDS.contains(doubled.group(1))) {
                petNames.merge(doubled.group(1), 1, Integer::sum);
            }
        }
        petNames.forEach((name, n) -> {
            if (n >= 3) {
                out.putIfAbsent(name, text.indexOf(name));
            }
        });
    }

    private static final Pattern CHINESE_KIN_NAME =
            Pattern.compile("(?:表哥|表姐|表弟|表妹|堂哥|堂姐|哥哥|姐姐|弟弟|妹妹|丈夫|妻子|儿子|女儿|同学|朋友|邻居|同事)(" + CHINESE_SURNAMES
                    + "[\\p{IsHan}&&[^的了是在不也都就着过们个和说问把被给向骑来去]]{1,2}?)(?=[骑来去说问走站坐看拿把在是，。！？、])");

    private static final Pattern CHINESE_PET_NAME = Pattern.compile(
            "(?:^|(?<=[，。！？：；“”、\\s]))((?:小[\\p{IsHan}&&[^的了是在不也都就着过们个和说问把被给向时心孩说声学镇狗猫路河屋店姐]]|老" + CHINESE_SURNAMES
                    + "))(?=[\\p{IsHan}])",
            Pattern.MULTILINE);

    private static final Pattern CHINESE_DOUBLED_NAME =
            Pattern.compile("(?:^|(?<=[，。！？：；“”、\\s]))(([\\p{IsHan}])\\2)(?=[\\p{IsHan}，。！？])", Pattern.MULTILINE);

    /** Doubled words that open clauses and are not names (adverbs, verbs tried once, family words). */
    private static final Set<String> CHINESE_DOUBLED_WORDS = Set.of(
            "慢慢", "常常", "刚刚", "渐渐", "天天", "看看", "想想", "谢谢", "妈妈", "爸爸", "哥哥", "姐姐", "弟弟", "妹妹", "爷爷", "奶奶", "叔叔", "婆婆",
            "宝宝", "星星", "往往", "偷偷", "轻轻", "静静", "好好", "默默", "悄悄", "紧紧", "久久", "人人", "处处", "个个", "样样", "年年", "时时", "匆匆",
            "早早", "远远", "大大", "多多", "稍稍", "仅仅", "明明");

    /** 小/老 words that open clauses and are not names. */
    private static final Set<String> CHINESE_NOT_PET_NAMES = Set.of("小时", "小心", "小孩", "老师", "老板", "老人", "老家");

    /** How often {@code word} opens a clause (the subject's place). */
    private static final java.util.function.BiFunction<String, String, Integer> CHINESE_CLAUSE_START_COUNT =
            (text, word) -> {
                Matcher m = Pattern.compile("(?:^|(?<=[，。！？：；“”、\\s]))" + Pattern.quote(word), Pattern.MULTILINE)
                        .matcher(text);
                int n = 0;
                while (m.find()) {
                    n++;
                }
                return n;
            };

    private static final Set<String> THAI_NOT_NAMES = Set.of(
            "เขา", "เธอ", "ฉัน", "ผม", "เรา", "พวกเขา", "มัน", "แต่", "และ", "ส่วน", "ตอน", "แล้ว", "ทุกคน", "ที่");

    /**
     * Thai has no spaces between words. ICU's dictionary word breaks find the words; a name is a word after a
     * kinship word ("ลุงชัย", kept whole as the text calls him), or a word that opens two clauses (the subject),
     * other than pronouns, places and times.
     */
    private void findThai(String text, Map<String, Integer> out) {
        if (text.codePoints().noneMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.THAI)) {
            return;
        }
        com.ibm.icu.text.BreakIterator words =
                com.ibm.icu.text.BreakIterator.getWordInstance(new com.ibm.icu.util.ULocale("th"));
        words.setText(text);
        List<int[]> spans = new ArrayList<>();
        for (int start = words.first(), end = words.next();
                end != com.ibm.icu.text.BreakIterator.DONE;
                start = end, end = words.next()) {
            spans.add(new int[] {start, end});
        }
        Map<String, Integer> kinNames = new LinkedHashMap<>();
        Map<String, Integer> clauseStarts = new LinkedHashMap<>();
        Set<String> roles = new HashSet<>(ProseCues.list("th", "roles"));
        Map<String, Integer> roleWords = new LinkedHashMap<>();
        for (int i = 0; i < spans.size(); i++) {
            String w = text.substring(spans.get(i)[0], spans.get(i)[1]);
            if (w.isBlank()
                    || w.codePoints().noneMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.THAI)) {
                continue;
            }
            if (roles.contains(w)) {
                roleWords.merge(w, 1, Integer::sum);
            }
            if (cues.kinship.contains(w) && i + 1 < spans.size()) {
                String next = text.substring(spans.get(i + 1)[0], spans.get(i + 1)[1]);
                if (next.length() >= 2
                        && !next.isBlank()
                        && !cues.kinship.contains(next)
                        && !THAI_NOT_NAMES.contains(next)) {
                    // a name the dictionary cuts in two (สม|ศักดิ์) goes on while the longer run recurs as often
                    String name = w + next;
                    for (int j = i + 2; j < spans.size() && spans.get(j)[0] == spans.get(j - 1)[1]; j++) {
                        String longer = name + text.substring(spans.get(j)[0], spans.get(j)[1]);
                        if (count(text, longer) < count(text, name) || count(text, longer) < 2) {
                            break;
                        }
                        name = longer;
                    }
                    kinNames.merge(name, 1, Integer::sum);
                }
            }
            boolean clauseStart = spans.get(i)[0] == 0
                    || Character.isWhitespace(text.charAt(spans.get(i)[0] - 1))
                    || (i > 0
                            && cues.transition
                                    .matcher(text.substring(spans.get(i - 1)[0]))
                                    .lookingAt()
                            && spans.get(i - 1)[0] > 0
                            && Character.isWhitespace(text.charAt(spans.get(i - 1)[0] - 1)));
            if (clauseStart && w.length() >= 2) {
                clauseStarts.merge(w, 1, Integer::sum);
            }
        }
        kinNames.forEach((name, n) -> {
            if (n >= 2) {
                out.putIfAbsent(name, text.indexOf(name));
            }
        });
        // a role word on its own ("ยาย", grandma), unless it is the first half of a name found above ("ลุงชัย")
        roleWords.forEach((role, n) -> {
            if (n >= 2 && out.keySet().stream().noneMatch(k -> k.startsWith(role))) {
                out.putIfAbsent(role, text.indexOf(role));
            }
        });
        clauseStarts.forEach((w, n) -> {
            boolean known = out.keySet().stream().anyMatch(k -> k.endsWith(w));
            if (n >= 2
                    && !known
                    && !THAI_NOT_NAMES.contains(w)
                    && !cues.kinship.contains(w)
                    && !cues.transition.matcher(w).lookingAt()
                    && !cues.place.matcher(w).find()
                    && !cues.timeOfDay.matcher(w).find()) {
                out.putIfAbsent(w, text.indexOf(w));
            }
        });
    }

    /** "小梅" is the given name of "林小梅" when both were found: one person, named by the longer form. */
    private static void dropShortForms(Map<String, Integer> found) {
        List<String> names = List.copyOf(found.keySet());
        for (String shorter : names) {
            for (String longer : names) {
                if (longer.length() > shorter.length()
                        && longer.endsWith(shorter)
                        && ai.cinboard.domain.ScriptClass.isUnspacedScript(longer.codePointAt(0))) {
                    found.remove(shorter);
                }
            }
        }
    }

    private void findAttributed(String text, Map<String, Integer> out) {
        Matcher ar = ARABIC_ATTRIBUTION.matcher(text);
        while (ar.find()) {
            String name = ar.group(1);
            if (!ARABIC_STOPWORDS.contains(name) && name.length() >= 2 && count(text, name) >= 2) {
                out.putIfAbsent(name, text.indexOf(name));
            }
        }
        addUnspaced(text, JAPANESE_ATTRIBUTION, "", out);
        addUnspaced(text, CHINESE_ATTRIBUTION, CHINESE_PRONOUNS, out);
    }

    /**
     * Unspaced scripts give no word boundary before the name, so the match may include words before it
     * ("翌朝美羽"). We keep the longest ending of at least two characters that recurs in the story.
     */
    private void addUnspaced(String text, Pattern pattern, String forbidden, Map<String, Integer> out) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            String run = m.group(1);
            String best = null;
            for (int i = 0; i + 2 <= run.length(); i++) {
                String suffix = run.substring(i);
                if (count(text, suffix) >= 2) {
                    best = suffix;
                    break;
                }
            }
            if (best == null || best.chars().anyMatch(c -> forbidden.indexOf(c) >= 0) || cues.stop.contains(best)) {
                continue;
            }
            out.putIfAbsent(best, text.indexOf(best));
        }
    }

    static boolean isSentenceStart(String text, int index) {
        int i = index - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '\n') {
            i--;
        }
        return i < 0 || (SENTENCE_BREAKERS.indexOf(text.charAt(i)) >= 0 && !Sentences.closesTitle(text, i));
    }

    /** "Grace's" → Grace; Turkish case suffixes too: "Emre'ye", "Kerem'e", "Ayşe'nin" → Emre, Kerem, Ayşe. */
    private static String stripPossessive(String token) {
        Matcher suffix = APOSTROPHE_SUFFIX.matcher(token);
        if (suffix.find()) {
            return token.substring(0, suffix.start());
        }
        if (token.endsWith("'") || token.endsWith("’")) {
            return token.substring(0, token.length() - 1);
        }
        return token;
    }

    /** Turkish locative and ablative suffixes ("Sultanahmet'te", "İzmir'den"): a place, like "in" before it. */
    private static final Pattern LOCATIVE = Pattern.compile("['’](?:[dt][ae](?:ki)?|[dt][ae]n)$", Pattern.UNICODE_CASE);

    /** A case suffix after an apostrophe, as Turkish writes it onto proper names. */
    private static final Pattern APOSTROPHE_SUFFIX = Pattern.compile("(?<=\\p{L}{2})['’]\\p{Ll}{1,5}$");

    private static final String[] CYRILLIC_ENDINGS = {
        "ом", "ем", "ой", "ей", "ою", "ею", "ам", "ям", "ах", "ях", "а", "я", "у", "ю", "е", "ы", "и", "о", "ь", "й"
    };

    /**
     * Groups inflected forms: Russian case endings (Мира, Миру, Мирой → Мир) and the German/English
     * genitive s (Lenas → Lena is handled by also trying the form without s).
     */
    static String stem(String token) {
        if (Character.UnicodeScript.of(token.codePointAt(0)) == Character.UnicodeScript.CYRILLIC) {
            for (String ending : CYRILLIC_ENDINGS) {
                if (token.endsWith(ending) && token.length() - ending.length() >= 3) {
                    return token.substring(0, token.length() - ending.length());
                }
            }
            return token;
        }
        if (token.endsWith("s") && token.length() > 3) {
            return token.substring(0, token.length() - 1);
        }
        return token;
    }

    private static String mostFrequent(Map<String, Integer> forms, Set<String> subjectForms) {
        String nominative = cyrillicNominative(forms.keySet());
        if (nominative != null) {
            return nominative;
        }
        String best = null;
        int max = -1;
        for (Map.Entry<String, Integer> e : forms.entrySet()) {
            // when counts tie, prefer the form seen as a subject ("Вера" over "Вере"), then the one without a
            // genitive s ("Lena" over "Lenas")
            boolean better = e.getValue() > max
                    || (e.getValue() == max
                            && (subjectForms.contains(e.getKey()) && !subjectForms.contains(best)
                                    || subjectForms.contains(e.getKey()) == subjectForms.contains(best)
                                            && e.getKey().length() < best.length()));
            if (better) {
                best = e.getKey();
                max = e.getValue();
            }
        }
        return best;
    }

    /** Endings of the Russian oblique cases of names (Анну, Дмитрию, Ксенией, Михаилом, Ольге, Анны). */
    private static final Pattern OBLIQUE = Pattern.compile("(?:у|ю|е|ой|ей|ою|ею|ом|ем|ы|и)$");

    /**
     * Among the forms a Russian name takes, the one a reader knows it by: not an oblique case ("Дмитрий", not
     * "Дмитрию"), and the base a longer form adds an ending to ("Михаил", not the genitive "Михаила"). Null for
     * other scripts, or when every form the story uses is oblique.
     */
    private static String cyrillicNominative(Set<String> forms) {
        if (forms.isEmpty()
                || Character.UnicodeScript.of(forms.iterator().next().codePointAt(0))
                        != Character.UnicodeScript.CYRILLIC) {
            return null;
        }
        String direct = shortestBase(
                forms.stream().filter(f -> !OBLIQUE.matcher(f).find()).toList());
        return direct != null ? direct : fromInstrumental(forms);
    }

    /**
     * The nominative a story that never writes it still implies, from the instrumental, whose endings say it:
     * Артёмом → Артём, Андреем → Андрей, Игорем → Игорь, Анной → Анна, Ксенией → Ксения. Null without one.
     */
    private static String fromInstrumental(Set<String> forms) {
        for (String f : forms) {
            if (f.length() < 5) {
                continue;
            }
            String base = f.substring(0, f.length() - 2);
            char last = base.charAt(base.length() - 1);
            boolean vowel = "аеёиоуыэюя".indexOf(last) >= 0;
            if (f.endsWith("ом")) {
                return base;
            }
            if (f.endsWith("ем")) {
                return base + (vowel ? "й" : "ь");
            }
            if (f.endsWith("ой")) {
                return base + "а";
            }
            if (f.endsWith("ей")) {
                return base + "я";
            }
        }
        return null;
    }

    private static String shortestBase(List<String> forms) {
        if (forms.isEmpty()) {
            return null;
        }
        String best = forms.get(0);
        for (String f : forms) {
            if (best.startsWith(f) && f.length() < best.length()) {
                best = f;
            }
        }
        return best;
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    /** A pattern that finds the name in text: inflected forms for Cyrillic, substrings for unspaced scripts. */
    static Pattern mentionPattern(String name) {
        int cp = name.codePointAt(0);
        if (ai.cinboard.domain.ScriptClass.isUnspacedScript(cp)) {
            boolean chineseFullName = name.length() == 3
                    && name.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
            // "林小梅" is called "小梅" by those who know her
            return Pattern.compile(
                    Pattern.quote(name) + (chineseFullName ? "|" + Pattern.quote(name.substring(1)) : ""));
        }
        if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL) {
            return Pattern.compile("(?<![\\p{IsHangul}])" + Pattern.quote(name));
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        String core = Pattern.quote(name);
        if (script == Character.UnicodeScript.CYRILLIC) {
            core = Pattern.quote(stem(name)) + "[\\p{L}]{0,3}";
        } else if (script == Character.UnicodeScript.ARABIC) {
            core = "(?:و|ف|ب|ل|ك)?" + core;
        } else {
            core = core + "(?:s|'s|’s)?";
        }
        int flags = Character.isLowerCase(cp) ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0; // "the mayor"
        return Pattern.compile("(?<![\\p{L}\\p{M}])" + core + "(?![\\p{L}\\p{M}])", flags);
    }

    static Map<String, Pattern> mentionPatterns(List<String> names) {
        Map<String, Pattern> patterns = new HashMap<>();
        names.forEach(n -> patterns.put(n, mentionPattern(n)));
        return patterns;
    }
}
