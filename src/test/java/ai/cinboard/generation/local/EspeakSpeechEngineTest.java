package ai.cinboard.generation.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.generation.Progress;
import ai.cinboard.generation.SpeechRequest;
import ai.cinboard.generation.SpeechResult;
import ai.cinboard.media.ffmpeg.Wav;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EspeakSpeechEngineTest {
    @TempDir
    Path dir;

    @Test
    void speaksSeveralLanguagesToWav() {
        EspeakSpeechEngine engine = new EspeakSpeechEngine();
        Assumptions.assumeTrue(
                engine.unavailableReason().isEmpty(),
                () -> "espeak-ng is not installed: "
                        + engine.unavailableReason().orElse(""));
        String[][] cases = {
            {"en", "en-us", "The lighthouse went dark, and nobody came to the harbour that night."},
            {"ja", "ja", "よるの みなとで、マラは ふるい とうだいを みていた。"},
            {"ar", "ar", "في الليل، كانت مارا تنظر إلى ضوء المنارة القديمة."},
            {"de", "de", "In der Nacht sah Mara, wie das Licht des alten Leuchtturms erlosch."}
        };
        for (String[] c : cases) {
            Path out = dir.resolve(c[0] + ".wav");
            SpeechResult r = engine.speak(new SpeechRequest(c[2], c[0], null, 0, 0, out), Progress.NONE);
            assertEquals(c[1], r.voiceSettings().get("voice"), c[0]);
            assertEquals(EspeakSpeechEngine.DEFAULT_RATE, r.voiceSettings().get("rate"));
            assertEquals(EspeakSpeechEngine.DEFAULT_PITCH, r.voiceSettings().get("pitch"));
            Wav wav = Wav.read(out);
            assertTrue(r.durationSeconds() > 1.5, c[0] + " spoke only " + r.durationSeconds() + " s");
            assertEquals(wav.durationSeconds(), r.durationSeconds(), 1e-9);
            assertTrue(wav.rmsDbfs() > -40, c[0] + " is near-silent: " + wav.rmsDbfs());
            BigDecimal q = QualityScores.voiceover(wav);
            assertTrue(
                    q.compareTo(new BigDecimal("0.50")) > 0,
                    c[0] + " voiceover quality " + q + " at "
                            + ai.cinboard.media.ffmpeg.Loudness.measure(wav).integratedLufs() + " LUFS");
        }
    }

    /** The phonemes espeak-ng makes of {@code text}: "(en)" marks where it switches to English. */
    private static String ipa(String voice, String text) throws Exception {
        Process p = new ProcessBuilder("espeak-ng", "-q", "-v", voice, "--ipa", "--stdin")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (var in = p.getOutputStream()) {
            in.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    @Test
    void kanjiAndChineseCharactersAreSpokenInTheirLanguageNotNamedInEnglish() throws Exception {
        EspeakSpeechEngine engine = new EspeakSpeechEngine();
        Assumptions.assumeTrue(engine.unavailableReason().isEmpty(), "espeak-ng is not installed");
        String japanese = "朝、美咲は駅に向かった。";
        assertTrue(ipa("ja", japanese).contains("(en)"), "espeak-ng alone says \"Chinese letter\" for each kanji");
        String kana = SpokenText.forVoice("ja", japanese);
        assertEquals("アサ, ミサキワエキニムカッタ.", kana);
        assertFalse(ipa("ja", kana).contains("(en)"), ipa("ja", kana));

        String chinese = "你好，世界。";
        assertTrue(ipa("cmn", chinese).contains("(en)"), "espeak-ng alone reads the tone digits in English");
        assertEquals("cmn-latn-pinyin", engine.voiceFor("zh"));
        String pinyin = SpokenText.forVoice(SpokenText.PINYIN_VOICE, chinese);
        assertEquals("nǐ hǎo, shì jiè.", pinyin);
        assertFalse(ipa(SpokenText.PINYIN_VOICE, pinyin).contains("(en)"), ipa(SpokenText.PINYIN_VOICE, pinyin));

        // spoken, the kanji sentence is as long as its kana: no letter names read out
        double withKanji = engine.speak(
                        new SpeechRequest(japanese, "ja", null, 0, 0, dir.resolve("k.wav")), Progress.NONE)
                .durationSeconds();
        double inKana = engine.speak(
                        new SpeechRequest("あさ、みさきわえきにむかった。", "ja", null, 0, 0, dir.resolve("h.wav")), Progress.NONE)
                .durationSeconds();
        assertEquals(inKana, withKanji, 0.25 * inKana);
        SpeechResult zh =
                engine.speak(new SpeechRequest(chinese, "zh", null, 0, 0, dir.resolve("z.wav")), Progress.NONE);
        assertEquals("cmn-latn-pinyin", zh.voiceSettings().get("voice"));
        assertTrue(zh.durationSeconds() < 2.5, "four syllables: " + zh.durationSeconds() + " s");
    }

    @Test
    void rateChangesTheLength() {
        EspeakSpeechEngine engine = new EspeakSpeechEngine();
        Assumptions.assumeTrue(engine.unavailableReason().isEmpty(), "espeak-ng is not installed");
        String text = "One two three four five six seven eight nine ten.";
        double slow = engine.speak(new SpeechRequest(text, "en", null, 100, 50, dir.resolve("s.wav")), Progress.NONE)
                .durationSeconds();
        double fast = engine.speak(new SpeechRequest(text, "en", null, 300, 50, dir.resolve("f.wav")), Progress.NONE)
                .durationSeconds();
        assertTrue(slow > fast * 1.8, slow + " vs " + fast);
    }

    @Test
    void missingBinaryIsExplained() {
        EspeakSpeechEngine engine = new EspeakSpeechEngine("/nonexistent/espeak-ng", Duration.ofSeconds(5));
        String reason = engine.unavailableReason().orElseThrow();
        assertTrue(reason.contains("apt-get install espeak-ng"), reason);
    }
}
