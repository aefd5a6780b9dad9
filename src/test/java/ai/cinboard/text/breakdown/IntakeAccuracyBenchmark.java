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

    /** A story of at least 5,000 words (or 10,000 CJK characters) made of the corpus's stories of one script. */
    private static void timing(List<IntakeCorpus.Story> corpus) {
        for (String script : List.of("spaced", "ja")) {
            StringBuilder sb = new StringBuilder();
            while (ReadingTime.seconds(sb.toString()).doubleValue() < 5000 / ReadingTime.WORDS_PER_MINUTE * 60) {
                for (IntakeCorpus.Story s : corpus) {
                    boolean ja = s.gold().language().equals("ja");
                    boolean cjkOrThai =
                            List.of("ja", "zh", "th").contains(s.gold().language());
                    if (script.equals("ja")
                            ? ja
                            : !cjkOrThai && s.gold().format().equals("prose")) {
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
                    "breakdown of a %s story of %,d characters (%.0f s read aloud, %d scenes, %d characters):"
                            + " first call %.0f ms, warm median %.0f ms%n",
                    script,
                    story.length(),
                    ReadingTime.seconds(story).doubleValue(),
                    first.scenes().size(),
                    first.characters().size(),
                    firstMs,
                    warm[warm.length / 2]);
        }
    }
}
