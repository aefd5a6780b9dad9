package ai.cinboard.text;

import ai.cinboard.domain.ScriptClass;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Pattern;

/**
 * Language detection over Lingua, with a deliberate language set and per-segment detection so mixed
 * stories name their other languages.
 *
 * <p><b>Why this set.</b> Lingua with all 75 languages needs about 1.4 GB of heap and 24 s to load, far over
 * the 300 MB / 3 s budget. The 29 languages below are the ones the studio's users write stories in most
 * (the large European languages, the major Cyrillic, Arabic-script, Indic and East/South-East Asian
 * languages). Languages with their own script (ja, zh, ko, th, el, he, hi, ar) are almost free to add: Lingua
 * recognises their alphabets by rule. Confusable neighbours we left out (e.g. Bosnian/Croatian/Serbian,
 * Catalan, Galician) would only add memory and false positives for the languages we do include. Text in a
 * language outside the set is reported as the closest language in it, so the confidence is what matters.
 *
 * <p><b>Why low-accuracy mode.</b> It loads only the trigram models: a fraction of the memory and load time.
 * Lingua's authors measure it as nearly as accurate as high-accuracy mode on text longer than a sentence,
 * and stories are long; we also detect per paragraph, not per word.
 *
 * <p>Thread-safe: the Lingua detector is built once, on first use, under the class-holder idiom; Lingua's
 * detector itself is safe for concurrent use.
 */
public final class LanguageDetector {
    public static final List<Language> LANGUAGES = List.of(
            Language.ENGLISH,
            Language.GERMAN,
            Language.FRENCH,
            Language.SPANISH,
            Language.ITALIAN,
            Language.PORTUGUESE,
            Language.DUTCH,
            Language.SWEDISH,
            Language.DANISH,
            Language.BOKMAL,
            Language.FINNISH,
            Language.POLISH,
            Language.CZECH,
            Language.HUNGARIAN,
            Language.ROMANIAN,
            Language.GREEK,
            Language.TURKISH,
            Language.RUSSIAN,
            Language.UKRAINIAN,
            Language.ARABIC,
            Language.PERSIAN,
            Language.HEBREW,
            Language.HINDI,
            Language.JAPANESE,
            Language.CHINESE,
            Language.KOREAN,
            Language.THAI,
            Language.VIETNAMESE,
            Language.INDONESIAN);

    /** A segment shorter than this (in letters) is too short to say anything reliable about. */
    static final int MIN_SEGMENT_LETTERS = 12;
    /** Another language must cover at least this share of the text to be named as "also present". */
    static final double MIN_OTHER_SHARE = 0.05;
    /** A runner-up this far below the best language (1.0) means a clear answer; see {@link #certainty}. */
    static final double CLEAR_GAP = 0.2;
    /** Letters from which a segment's answer counts fully. */
    static final int SURE_LETTERS = 40;
    /** Bounds detection time on a 200,000-character story: segments beyond this are sampled evenly. */
    static final int MAX_SEGMENTS = 300;

    private static final Pattern PARAGRAPHS = Pattern.compile("\\n\\s*\\n");
    private static final Pattern SENTENCES = Pattern.compile("(?<=[.!?。！？؟])\\s*");

    /**
     * @param language   ISO 639-1 code of the main language, e.g. "de"
     * @param confidence the length-weighted share of the text that is clearly in the main language (each
     *                   segment weighted by how far Lingua's runner-up trails); two decimals, e.g. "0.97"
     * @param others     other languages present, ISO 639-1 code to share of the text (0..1), largest first
     */
    public record Detection(String language, String confidence, Map<String, Double> others) {
        public Detection {
            others = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(others));
        }

        public boolean mixed() {
            return !others.isEmpty();
        }

        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("language", language);
            json.put("confidence", confidence);
            json.put("other_languages", others);
            return json;
        }
    }

    private static final class Holder {
        static final com.github.pemistahl.lingua.api.LanguageDetector LINGUA = LanguageDetectorBuilder.fromLanguages(
                        LANGUAGES.toArray(Language[]::new))
                .withLowAccuracyMode()
                .withPreloadedLanguageModels()
                .build();
    }

    /** Loads the models now instead of on the first story. */
    public void warmUp() {
        lingua();
    }

    private static final java.util.concurrent.atomic.AtomicBoolean WARMING =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Starts loading the models (about a second) on a background thread, once per process: what reads a story
     * calls it at start-up, so the load overlaps the database's start instead of delaying the first analysis.
     */
    public static void warmUpInBackground() {
        if (WARMING.compareAndSet(false, true)) {
            Thread t = new Thread(LanguageDetector::lingua, "language-models");
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            t.start();
        }
    }

    private static com.github.pemistahl.lingua.api.LanguageDetector lingua() {
        return Holder.LINGUA;
    }

    /** Detects the story's language. Text with no letters at all comes back as "und" with confidence "0.00". */
    public Detection detect(String text) {
        List<String> segments = segments(text == null ? "" : text);
        if (segments.isEmpty()) {
            return new Detection("und", "0.00", Map.of());
        }
        Map<Language, Long> weight = new EnumMap<>(Language.class);
        Map<Language, Double> sure = new EnumMap<>(Language.class);
        long total = 0;
        for (String segment : segments) {
            SortedMap<Language, Double> values = lingua().computeLanguageConfidenceValues(segment);
            if (values.isEmpty()) {
                continue;
            }
            java.util.Iterator<Map.Entry<Language, Double>> it =
                    values.entrySet().iterator();
            Language lang = it.next().getKey();
            double runnerUp = it.hasNext() ? it.next().getValue() : 0.0;
            long letters = letters(segment);
            weight.merge(lang, letters, Long::sum);
            sure.merge(lang, letters * certainty(runnerUp, letters), Double::sum);
            total += letters;
        }
        if (total == 0) {
            return new Detection("und", "0.00", Map.of());
        }
        List<Map.Entry<Language, Long>> ranked = new ArrayList<>(weight.entrySet());
        ranked.sort(Map.Entry.<Language, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(e -> e.getKey().name()));
        Language main = ranked.get(0).getKey();

        Map<String, Double> others = new LinkedHashMap<>();
        for (int i = 1; i < ranked.size(); i++) {
            double s = ranked.get(i).getValue() / (double) total;
            if (s >= MIN_OTHER_SHARE) {
                others.put(iso(ranked.get(i).getKey()), round(s));
            }
        }
        double confidence = sure.get(main) / total;
        return new Detection(iso(main), String.format(Locale.ROOT, "%.2f", confidence), others);
    }

    /**
     * How sure one segment's answer is. Lingua 1.2 gives the best language 1.0 and the runner-up a value
     * relative to it; measured on our samples in low-accuracy mode, clear sentences leave a gap of 0.2-0.3
     * (German 1.0 vs Dutch 0.71) and confusable ones almost none (Bokmål 1.0 vs Danish 0.98). A gap of
     * {@link #CLEAR_GAP} or more counts as certain. Segments shorter than {@link #SURE_LETTERS} letters
     * count less, since Lingua is unreliable on a few words ("Hola" comes out Turkish); a segment decided by
     * its script alone (no runner-up: kana, Hangul, Thai) is certain at any length.
     */
    static double certainty(double runnerUp, long letters) {
        if (runnerUp <= 0) {
            return 1.0;
        }
        double gap = Math.min(1.0, (1.0 - runnerUp) / CLEAR_GAP);
        double length = Math.min(1.0, letters / (double) SURE_LETTERS);
        return gap * length;
    }

    /** Paragraphs; a single long paragraph is split further into sentences so mixed text shows up. */
    static List<String> segments(String text) {
        List<String> result = new ArrayList<>();
        for (String paragraph : PARAGRAPHS.split(text)) {
            if (letters(paragraph) > 400) {
                for (String sentence : SENTENCES.split(paragraph)) {
                    addIfLong(result, sentence);
                }
            } else {
                addIfLong(result, paragraph);
            }
        }
        if (result.isEmpty() && letters(text) > 0) {
            result.add(text.strip()); // short text: one segment, let Lingua do what it can
        }
        if (result.size() > MAX_SEGMENTS) {
            List<String> sampled = new ArrayList<>(MAX_SEGMENTS);
            double step = result.size() / (double) MAX_SEGMENTS;
            for (int i = 0; i < MAX_SEGMENTS; i++) {
                sampled.add(result.get((int) (i * step)));
            }
            return sampled;
        }
        return result;
    }

    private static void addIfLong(List<String> out, String segment) {
        String s = segment.strip();
        // CJK carries a word's worth of meaning in one character, so a short segment is still useful there
        if (letters(s) >= MIN_SEGMENT_LETTERS || (letters(s) >= 4 && ScriptClass.isCjkHeavy(s))) {
            out.add(s);
        }
    }

    static long letters(String s) {
        return s.codePoints().filter(java.lang.Character::isLetter).count();
    }

    private static String iso(Language language) {
        return language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
    }

    private static double round(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}
