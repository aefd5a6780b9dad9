package ai.cinboard.text.breakdown;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-language cues for prose, read once from {@code prose-cues.txt} (all 29 detector languages, one file):
 * transitions of time and place, times of day, places, speech verbs, kinship and title words, words that are
 * never names, and appearance words. A story is read with the lists of its own languages only ({@link #of}:
 * the detected language and any other the detector found in it, so a mixed-language story gets both): a word
 * of one language is often an unrelated word of another (Spanish "taller", a workshop, is English "taller";
 * Spanish "once" is eleven), so the lists of all languages together would find places, times and names that
 * are not there.
 */
final class ProseCues {
    /** A line of only ***, ---, ＊＊＊, ~~~, ###, ◇◇◇ or ・・・ (with or without spaces), or a lone §. */
    static final Pattern SEPARATOR = Pattern.compile(
            "^\\s*(?:(?:\\*\\s*){3,}|(?:-\\s*){3,}|(?:＊\\s*){3,}|(?:~\\s*){3,}|(?:#\\s*){3,}|(?:◇\\s*){3,}|(?:◆\\s*){3,}|(?:・\\s*){3,}|§)\\s*$");

    /** "Chapter 2", "Kapitel II", "Capítulo tres", "Глава 3", "الفصل الثاني", "第三章", or a Markdown heading. */
    static final Pattern CHAPTER = Pattern.compile(
            "^\\s*(?:#{1,6}\\s+\\S.{0,80}"
                    + "|(?:chapter|kapitel|capítulo|capitulo|chapitre|глава|part|teil|parte|partie|rozdział|bölüm)\\s+[\\p{L}\\p{N}]+\\b.{0,80}"
                    + "|الفصل\\s+\\S+.{0,80}"
                    + "|第[\\p{N}一二三四五六七八九十百零〇两]+[章話话回節节幕].{0,80})$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Map<String, Map<String, List<String>>> LISTS = load();

    private static final Map<Set<String>, ProseCues> BY_LANGUAGES = new ConcurrentHashMap<>();

    /** The languages whose lists this instance uses (ISO 639-1 codes). */
    final Set<String> languages;
    /** Paragraph (or sentence) openings that move the story in time or place, so a new scene starts there. */
    final Pattern transition;

    final Pattern timeOfDay;
    final Pattern place;
    /** Words before a place only talked about ("erzählte von der Schule", "came back from the market"). */
    final Set<String> away;

    final Set<String> speech;
    final Set<String> kinship;
    final Set<String> stop;
    /** First-person pronouns: a narrator names themselves in apposition to one ("ich, Paul,"). */
    final Set<String> self;

    final Pattern appearance;

    private ProseCues(Set<String> languages) {
        this.languages = languages;
        transition = opening(entries("transitions"), entries("times"), entries("arrivals"), entries("places"));
        timeOfDay = words(entries("times"));
        place = words(entries("places"));
        away = lower(entries("away"));
        speech = lower(entries("speech"));
        kinship = lower(entries("kinship"));
        stop = lower(entries("stop"));
        self = lower(entries("self"));
        appearance = words(entries("appearance"));
    }

    /**
     * The cues of these languages, built once per set. Codes the file has no lists for are ignored; when none
     * of them has lists (an undetermined language, "und"), the lists of every language are used together.
     */
    static ProseCues of(Collection<String> languages) {
        Set<String> known = new TreeSet<>(languages);
        known.retainAll(LISTS.keySet());
        return BY_LANGUAGES.computeIfAbsent(Set.copyOf(known.isEmpty() ? LISTS.keySet() : known), ProseCues::new);
    }

    /** Every language's lists together: for text whose language is not known. */
    static ProseCues all() {
        return of(Set.of());
    }

    /** One section's entries over this instance's languages. */
    List<String> entries(String section) {
        List<String> out = new ArrayList<>();
        LISTS.forEach((language, sections) -> {
            if (languages.contains(language)) {
                out.addAll(sections.getOrDefault(section, List.of()));
            }
        });
        return out;
    }

    /** The entries of one section for one language ("de", "transitions"); empty when the file has none. */
    static List<String> list(String language, String section) {
        return LISTS.getOrDefault(language, Map.of()).getOrDefault(section, List.of());
    }

    private static Map<String, Map<String, List<String>>> load() {
        Map<String, Map<String, List<String>>> lists = new LinkedHashMap<>();
        try (InputStream in = ProseCues.class.getResourceAsStream("prose-cues.txt")) {
            if (in == null) {
                throw new IllegalStateException("prose-cues.txt is missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                int colon = line.indexOf(':');
                if (line.isBlank() || line.startsWith("#") || colon < 0) {
                    continue;
                }
                String[] key = line.substring(0, colon).strip().split("\\.", 2);
                List<String> entries = new ArrayList<>();
                for (String e : line.substring(colon + 1).split("\\|")) {
                    if (!e.isBlank()) {
                        entries.add(e.strip());
                    }
                }
                lists.computeIfAbsent(key[0], k -> new LinkedHashMap<>()).put(key[1], List.copyOf(entries));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lists;
    }

    /** One alternative per entry, longest first so "am nächsten Morgen" wins over "am Morgen". */
    private static String alternatives(List<String> entries) {
        if (entries.isEmpty()) {
            return "(?!)"; // matches nothing: an empty alternation would match everywhere
        }
        List<String> sorted = new ArrayList<>(new HashSet<>(entries));
        sorted.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        List<String> parts = new ArrayList<>();
        for (String e : sorted) {
            boolean wildcard = e.endsWith("*");
            String core = Pattern.quote(wildcard ? e.substring(0, e.length() - 1) : e);
            parts.add(wildcard ? core + "\\p{L}*" : core);
        }
        return String.join("|", parts);
    }

    /**
     * A cue at the very start, after an optional quote or dash. Spaced scripts need a word end after it; a bare
     * time of day ("朝、", "Abends,") counts when a comma follows it, and so does a place the scene arrives at
     * ("At the market,", "Inside the bank,").
     */
    private static Pattern opening(
            List<String> transitions, List<String> times, List<String> arrivals, List<String> places) {
        String arrival = arrivals.isEmpty()
                ? ""
                : "|(?:" + alternatives(arrivals) + ")\\s+(?:" + alternatives(places) + ")\\s*,";
        return Pattern.compile(
                "^[\\s\"“„«「『—–-]*(?:(?:" + alternatives(transitions)
                        + ")(?:(?<=[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsThai}、，,])|(?![\\p{L}\\p{M}]))"
                        + "|(?:" + alternatives(times) + ")\\s*[,、，]"
                        + arrival + ")",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** Whole words in spaced scripts; plain substrings in unspaced ones, which have no word boundaries. */
    private static Pattern words(List<String> entries) {
        return Pattern.compile(
                "(?<![\\p{L}\\p{M}])(?:" + alternatives(entries) + ")(?![\\p{L}\\p{M}])" + "|(?:"
                        + alternatives(
                                entries.stream().filter(ProseCues::unspaced).toList()) + ")",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** Unspaced scripts, and Hangul, whose nouns carry particles ("아침에"), match inside words. */
    private static boolean unspaced(String s) {
        return s.codePoints()
                .anyMatch(cp -> ai.cinboard.domain.ScriptClass.isUnspacedScript(cp)
                        || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL);
    }

    private static Set<String> lower(List<String> entries) {
        Set<String> out = new HashSet<>();
        entries.forEach(e -> out.add(e.toLowerCase(Locale.ROOT)));
        return Set.copyOf(out);
    }

    /** The first match's text, or null. */
    static String first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group() : null;
    }
}
