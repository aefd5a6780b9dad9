package ai.cinboard.text.breakdown;

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
    private static final Pattern CASED_TOKEN = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M}'’]*");
    private static final String SENTENCE_BREAKERS = ".!?…:;\"«»„“”‘’—–-「『(\n";

    /** Words that precede common nouns but not names, in the cased languages we know. */
    private static final Set<String> DETERMINERS = Set.of(
            "the", "a", "an", "this", "that", "his", "her", "my", "our", "their", "your", "its", "der", "die", "das",
            "den", "dem", "des", "ihres", "seines", "meines", "deines", "unseres", "ein", "eine", "einen", "einem",
            "einer", "eines", "kein", "keine", "mein", "meine", "sein", "seine", "ihr", "ihre", "unser", "unsere",
            "diese", "dieser", "dieses", "im", "am", "zum", "zur", "vom", "beim", "ins", "ans", "el", "la", "los",
            "las", "un", "una", "del", "al", "su", "sus", "mi", "este", "esta", "le", "les", "une", "du", "au", "aux",
            "sa", "son", "ses", "ce", "cette", "mon", "ma", "в", "во", "на", "из", "к", "по", "у", "о", "об", "с", "со",
            "за", "под", "над", "через", "in", "at", "on", "to", "from", "into", "nach", "aus", "bei", "en", "de", "à",
            "dans", "sur", "vers");

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
        findAttributed(text, firstSeen);
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
        int first = Integer.MAX_VALUE;
    }

    private void findCased(String text, Map<String, Integer> out) {
        Set<String> lowerSeen = new HashSet<>();
        Map<String, Candidate> byStem = new LinkedHashMap<>();
        Matcher m = CASED_TOKEN.matcher(text);
        String previousWord = null;
        while (m.find()) {
            String token = stripPossessive(m.group());
            int cp = token.codePointAt(0);
            boolean sentenceStart = isSentenceStart(text, m.start());
            if (Character.isLowerCase(cp)) {
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
                if (previousWord != null
                        && !sentenceStart
                        && DETERMINERS.contains(previousWord.toLowerCase(Locale.ROOT))) {
                    c.afterDeterminer = true;
                }
                c.first = Math.min(c.first, m.start());
            }
            previousWord = token;
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
            String name = mostFrequent(c.forms);
            String lower = name.toLowerCase(Locale.ROOT);
            if (STOPWORDS.contains(lower) || c.total < 2) {
                continue;
            }
            boolean capitalRule = c.mid >= 1 && !c.afterDeterminer && !lowerSeen.contains(lower);
            if (capitalRule || (attributed.contains(e.getKey()) && !c.afterDeterminer && !lowerSeen.contains(lower))) {
                out.putIfAbsent(name, c.first);
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
    private static void addUnspaced(String text, Pattern pattern, String forbidden, Map<String, Integer> out) {
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
            if (best == null || best.chars().anyMatch(c -> forbidden.indexOf(c) >= 0)) {
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
        return i < 0 || SENTENCE_BREAKERS.indexOf(text.charAt(i)) >= 0;
    }

    private static String stripPossessive(String token) {
        if (token.endsWith("'s") || token.endsWith("’s")) {
            return token.substring(0, token.length() - 2);
        }
        if (token.endsWith("'") || token.endsWith("’")) {
            return token.substring(0, token.length() - 1);
        }
        return token;
    }

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

    private static String mostFrequent(Map<String, Integer> forms) {
        String best = null;
        int max = -1;
        for (Map.Entry<String, Integer> e : forms.entrySet()) {
            // prefer the form without a genitive s when counts tie ("Lena" over "Lenas")
            if (e.getValue() > max || (e.getValue() == max && e.getKey().length() < best.length())) {
                best = e.getKey();
                max = e.getValue();
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
        if (ai.cinboard.text.ScriptClass.isUnspacedScript(cp)) {
            return Pattern.compile(Pattern.quote(name));
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
        return Pattern.compile("(?<![\\p{L}\\p{M}])" + core + "(?![\\p{L}\\p{M}])");
    }

    static Map<String, Pattern> mentionPatterns(List<String> names) {
        Map<String, Pattern> patterns = new HashMap<>();
        names.forEach(n -> patterns.put(n, mentionPattern(n)));
        return patterns;
    }
}
