package ai.cinboard.text.breakdown;

import ai.cinboard.text.LanguageDetector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs intake (language detection and the scene breakdown) on the evaluation corpus and prints, per language
 * and overall, scene-count accuracy, character precision and recall, forbidden names, description words and
 * the detector's accuracy; then the chat-model path against a fake server answering from the gold files; then
 * the breakdown's time on a 5,000-word story, first call after start-up and warm. Not a test: the regression
 * test is {@link IntakeAccuracyTest}. Run with
 * {@code mvn -B -q -o test-compile exec:java -Dexec.mainClass=ai.cinboard.text.breakdown.IntakeAccuracyBenchmark -Dexec.classpathScope=test}.
 */
public final class IntakeAccuracyBenchmark {
    private IntakeAccuracyBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.out.println("load average: " + BenchmarkLoad.uptime());
        List<IntakeCorpus.Story> corpus = IntakeCorpus.load();
        timing(corpus);
        LanguageDetector detector = new LanguageDetector();
        SceneBreakdown offline = new SceneBreakdown();
        List<IntakeScore.Result> results = new ArrayList<>();
        List<String> detected = new ArrayList<>();
        for (IntakeCorpus.Story s : corpus) {
            LanguageDetector.Detection detection = detector.detect(s.text());
            String lang = detection.language();
            detected.add(lang);
            results.add(IntakeScore.score(
                    s, offline.breakdown(s.text(), s.file().getFileName().toString(), detection), lang));
        }
        System.out.println("\nOffline engine, " + corpus.size() + " stories:\n");
        System.out.println(IntakeScore.table(results));
        System.out.println(IntakeScore.misses(results));

        List<IntakeCorpus.Story> prose =
                corpus.stream().filter(s -> s.gold().format().equals("prose")).toList();
        List<IntakeScore.Result> chat = new ArrayList<>();
        try (GoldChatServer server = new GoldChatServer(prose, a -> a)) {
            LlmSceneBreakdown llm = new LlmSceneBreakdown(server.engine(), offline);
            for (IntakeCorpus.Story s : prose) {
                Breakdown b = llm.breakdown(s.text(), s.file().getFileName().toString());
                chat.add(IntakeScore.score(s, b, detected.get(corpus.indexOf(s))));
            }
        }
        System.out.println("Chat-model path (CINBOARD_TEXT_ENGINE=openai) against a fake server answering from the"
                + " gold files, " + prose.size() + " prose stories:\n");
        System.out.println(IntakeScore.table(chat));
        System.out.println(IntakeScore.misses(chat));
        System.out.println("load average: " + BenchmarkLoad.uptime());
    }

    /**
     * The breakdown's time on stories of at least 5,000 words (or 10,000 CJK characters), each made of the
     * corpus's stories of one kind: German alone (a story in one language, the usual case), every spaced-script
     * language mixed, and Japanese. "After start-up" as in the studio: the detector's models are loaded first, as
     * the window and the analyze and render commands start that load while the database starts.
     */
    private static void timing(List<IntakeCorpus.Story> corpus) {
        long w = System.nanoTime();
        new LanguageDetector().warmUp();
        System.out.printf(
                Locale.ROOT, "language models loaded at start-up in %.0f ms%n", (System.nanoTime() - w) / 1e6);
        for (String kind : List.of("de", "spaced", "ja")) {
            StringBuilder sb = new StringBuilder();
            while (ReadingTime.seconds(sb.toString()).doubleValue() < 5000 / ReadingTime.WORDS_PER_MINUTE * 60) {
                for (IntakeCorpus.Story s : corpus) {
                    String language = s.gold().language();
                    boolean prose = s.gold().format().equals("prose");
                    boolean pick = kind.equals("spaced")
                            ? prose && !List.of("ja", "zh", "th").contains(language)
                            : prose && language.equals(kind);
                    if (pick) {
                        sb.append(s.text()).append("\n\n* * *\n\n");
                    }
                }
            }
            String story = sb.toString();
            long t0 = System.nanoTime();
            Breakdown first = new SceneBreakdown().breakdown(story, "long.txt");
            double firstMs = (System.nanoTime() - t0) / 1e6;
            double[] warm = new double[5];
            for (int i = 0; i < warm.length; i++) {
                long t = System.nanoTime();
                new SceneBreakdown().breakdown(story, "long.txt");
                warm[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(warm);
            System.out.printf(
                    Locale.ROOT,
                    "breakdown of a %s story of %,d words and %,d characters (%.0f s read aloud, %d scenes, %d"
                            + " characters): first call %.0f ms, warm median %.0f ms%n",
                    kind,
                    story.split("\\s+").length,
                    story.length(),
                    ReadingTime.seconds(story).doubleValue(),
                    first.scenes().size(),
                    first.characters().size(),
                    firstMs,
                    warm[warm.length / 2]);
        }
    }
}
