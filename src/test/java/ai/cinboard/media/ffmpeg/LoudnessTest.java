package ai.cinboard.media.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.StudioException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** FFmpeg's ebur128 meter reads known signals right, and normalisation meets every preset's target. */
class LoudnessTest {

    /** A 1 kHz sine at {@code peakDbfs}, mono 48 kHz. */
    static Wav sine(double seconds, double peakDbfs) {
        int n = (int) (seconds * 48_000);
        short[] s = new short[n];
        double a = Math.pow(10, peakDbfs / 20) * 32767;
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.round(a * Math.sin(2 * Math.PI * 1000 * i / 48_000.0));
        }
        return new Wav(s, 48_000, 1);
    }

    /**
     * Speech-like sound: syllable bursts of a buzzy harmonic tone with random pitch and level, in phrases with
     * pauses between them, peaks near full scale and a loudness near -21 LUFS (like espeak-ng's voice).
     */
    static Wav speechLike(double seconds, long seed) {
        Random r = new Random(seed);
        int rate = 48_000;
        short[] s = new short[(int) (seconds * rate)];
        int at = 0;
        while (at < s.length) {
            int phrase = (int) ((1.2 + r.nextDouble() * 1.5) * rate);
            for (int p = 0; p < phrase && at < s.length; ) {
                int syl = (int) ((0.12 + r.nextDouble() * 0.15) * rate);
                double f0 = 110 + r.nextDouble() * 80;
                double level = 0.25 + r.nextDouble() * 0.75;
                for (int i = 0; i < syl && at + i < s.length; i++) {
                    double env = Math.sin(Math.PI * i / syl);
                    double v = 0;
                    for (int h = 1; h <= 12; h++) {
                        v += Math.sin(2 * Math.PI * f0 * h * i / rate) / h;
                    }
                    s[at + i] = (short) Math.round(Math.max(-1, Math.min(1, 0.25 * level * env * v)) * 32000);
                }
                if (r.nextDouble() < 0.3) { // a plosive: 2 ms near full scale
                    for (int i = 0; i < rate / 500 && at + i < s.length; i++) {
                        s[at + i] = (short) ((i % 2 == 0 ? 1 : -1) * 30000);
                    }
                }
                at += syl;
                p += syl;
            }
            at += (int) ((0.4 + r.nextDouble() * 0.6) * rate); // pause
        }
        return new Wav(s, rate, 1);
    }

    @Test
    void ebur128ReadsASineAtItsKnownLoudness() {
        // BS.1770: a 1 kHz sine in one channel reads 3.01 dB under its peak level
        Loudness.Measurement m = Loudness.measure(sine(5, -20));
        assertEquals(-23.01, m.integratedLufs(), 0.2);
        assertEquals(-20.0, m.truePeakDbtp(), 0.2);
        assertTrue(Loudness.measure(Wav.silence(3, 48_000, 1)).silent());
    }

    @Test
    void normalisationMeetsEveryPresetWithTheTruePeakCeiling() {
        Wav speech = speechLike(20, 7);
        Loudness.Measurement before = Loudness.measure(speech);
        assertTrue(before.truePeakDbtp() - before.integratedLufs() > 14, "peaky like real speech: " + before);
        for (double target : ai.cinboard.domain.MixSettings.LOUDNESS_PRESETS) {
            Loudness.Normalized n = Loudness.normalize(speech, target);
            Loudness.Measurement after = Loudness.measure(n.audio());
            System.out.printf(
                    java.util.Locale.ROOT,
                    "loudness target %.0f: before %.1f LUFS / %.1f dBTP, after %.2f LUFS / %.2f dBTP, gain %.1f dB,"
                            + " %d passes%n",
                    target,
                    before.integratedLufs(),
                    before.truePeakDbtp(),
                    after.integratedLufs(),
                    after.truePeakDbtp(),
                    n.gainDb(),
                    n.passes());
            assertEquals(target, after.integratedLufs(), 1.0, "target " + target);
            assertTrue(after.truePeakDbtp() <= Loudness.TRUE_PEAK_CEILING, "true peak " + after.truePeakDbtp());
            assertEquals(speech.durationSeconds(), n.audio().durationSeconds(), 0.01);
        }
    }

    @Test
    void masteringDeliversAnAacTrackAtTheTargetUnderTheCeiling() throws Exception {
        Wav speech = speechLike(20, 11);
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("master");
        for (double target : ai.cinboard.domain.MixSettings.LOUDNESS_PRESETS) {
            java.nio.file.Path aac = dir.resolve("master" + (int) -target + ".m4a");
            Loudness.Mastered m = Loudness.master(speech, target, aac);
            MediaInfo info = MediaProbe.probe(aac);
            // what it reports is what the file holds: the meter run again on the encoded track
            Loudness.Measurement again = Loudness.measure(aac);
            System.out.printf(
                    java.util.Locale.ROOT,
                    "mastered to %.0f: %.2f LUFS / %.2f dBTP as AAC, gain %.1f dB, %d FFmpeg passes%n",
                    target,
                    m.delivered().integratedLufs(),
                    m.delivered().truePeakDbtp(),
                    m.gainDb(),
                    m.passes());
            assertEquals("aac", info.audioCodec());
            assertEquals(speech.durationSeconds(), info.durationSeconds(), 0.1);
            assertEquals(again, m.delivered());
            assertEquals(target, m.delivered().integratedLufs(), Loudness.TOLERANCE_LU + 0.2, "target " + target);
            assertTrue(
                    m.delivered().truePeakDbtp() <= Loudness.TRUE_PEAK_CEILING,
                    "true peak " + m.delivered().truePeakDbtp());
        }
    }

    @Test
    void onlyThePresetsAreTargets() {
        assertEquals(-14.0, Loudness.parseTarget("-14"));
        assertEquals(-23.0, Loudness.parseTarget("23"));
        StudioException e = assertThrows(StudioException.class, () -> Loudness.parseTarget("-9"));
        assertTrue(e.getMessage().contains("-14") && !e.getMessage().contains("\n"), e.getMessage());
        assertThrows(StudioException.class, () -> Loudness.parseTarget("loud"));
    }
}
