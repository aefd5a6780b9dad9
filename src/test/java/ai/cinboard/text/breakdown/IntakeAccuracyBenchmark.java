package ai.cinboard.text.breakdown;

import ai.cinboard.text.LanguageDetector;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs intake (language detection and the scene breakdown) on the evaluation corpus and prints, per language
 * and overall, scene-count accuracy, character precision and recall, forbidden names, description words and
 * the detector's accuracy. Not a test: the regression test is {@link IntakeAccuracyTest}. Run with
 * {@code mvn -B -q -o test-compile exec:java -Dexec.mainClass=ai.cinboard.text.breakdown.IntakeAccuracyBenchmark -Dexec.classpathScope=test}.
 */
public final class IntakeAccuracyBenchmark {
    private IntakeAccuracyBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.out.println("load average: " + BenchmarkLoad.uptime());
        List<IntakeCorpus.Story> corpus = IntakeCorpus.load();
        LanguageDetector detector = new LanguageDetector();
        SceneBreakdown offline = new SceneBreakdown();
        List<IntakeScore.Result> results = new ArrayList<>();
        for (IntakeCorpus.Story s : corpus) {
            String lang = detector.detect(s.text()).language();
            results.add(IntakeScore.score(
                    s, offline.breakdown(s.text(), s.file().getFileName().toString()), lang));
        }
        System.out.println("\nOffline engine, " + corpus.size() + " stories:\n");
        System.out.println(IntakeScore.table(results));
        System.out.println(IntakeScore.misses(results));
    }
}
