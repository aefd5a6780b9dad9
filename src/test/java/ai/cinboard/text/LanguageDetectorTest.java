package ai.cinboard.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LanguageDetectorTest {
    private static final LanguageDetector DETECTOR = new LanguageDetector();

    @Test
    void benchmarkSamplesAreDetected() {
        int right = 0;
        for (LanguageDetectorBenchmark.Sample s : LanguageDetectorBenchmark.SAMPLES) {
            if (DETECTOR.detect(s.text()).language().equals(s.expected())) {
                right++;
            }
        }
        // a regression guard, not the benchmark: allow one miss for Lingua version drift
        assertTrue(right >= LanguageDetectorBenchmark.SAMPLES.size() - 1, right + " right");
    }

    @Test
    void sampleStoriesComeOutInTheirLanguage() throws Exception {
        String[][] cases = {
            {"la-panaderia-del-puerto.txt", "es"},
            {"der-uhrmacher.md", "de"},
            {"tsuki-no-yubinkyoku.txt", "ja"},
            {"al-bahr-wal-jadda.txt", "ar"},
            {"the-lighthouse-keepers-daughter.fountain", "en"}
        };
        for (String[] c : cases) {
            LanguageDetector.Detection d = DETECTOR.detect(Files.readString(Path.of("assets/samples", c[0])));
            assertEquals(c[1], d.language(), c[0]);
            assertTrue(d.confidence().matches("[01]\\.\\d\\d") && d.confidence().length() <= 20, d.confidence());
            assertTrue(Double.parseDouble(d.confidence()) >= 0.5, c[0] + " " + d.confidence());
        }
    }

    @Test
    void mixedStoriesNameTheOtherLanguage() {
        String english =
                "The old lighthouse keeper climbed the stairs every evening and counted the ships on the horizon. ";
        String german =
                "Der alte Leuchtturmwärter stieg jeden Abend die Treppe hinauf und zählte die Schiffe am Horizont. ";
        String text = english.repeat(3) + "\n\n" + english.repeat(3) + "\n\n" + german.repeat(3);
        LanguageDetector.Detection d = DETECTOR.detect(text);
        assertEquals("en", d.language());
        assertTrue(d.mixed());
        assertTrue(d.others().containsKey("de"), d.others().toString());
        assertTrue(
                d.others().get("de") > 0.2 && d.others().get("de") < 0.5,
                d.others().toString());
        assertTrue(DETECTOR.detect(english.repeat(4)).others().isEmpty());
    }

    @Test
    void certaintyFollowsTheRunnerUpGapAndLength() {
        assertEquals(1.0, LanguageDetector.certainty(0.71, 60), 1e-9, "German vs Dutch on a sentence: clear");
        assertEquals(0.1, LanguageDetector.certainty(0.98, 60), 1e-9, "Bokmål vs Danish: barely");
        assertEquals(0.1, LanguageDetector.certainty(0.70, 4), 1e-9, "four letters say little");
        assertEquals(1.0, LanguageDetector.certainty(0.0, 3), 1e-9, "decided by script");
    }

    @Test
    void textWithoutLettersIsUndetermined() {
        LanguageDetector.Detection d = DETECTOR.detect("12345 !!! 🙂🙂");
        assertEquals("und", d.language());
        assertEquals("0.00", d.confidence());
    }

    @Test
    void loadsOnceUnderConcurrentUse() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> new LanguageDetector()
                        .detect("Hoy vendrá gente del barco, dijo al gato.")
                        .language()));
            }
            for (java.util.concurrent.Future<String> f : results) {
                assertEquals("es", f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
