package ai.cinboard.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.Line;
import ai.cinboard.generation.Progress;
import ai.cinboard.generation.SpeechRequest;
import ai.cinboard.generation.local.EspeakSpeechEngine;
import ai.cinboard.media.ffmpeg.FinalComposer;
import ai.cinboard.media.ffmpeg.Wav;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subtitle cues move from where the text lengths put them to the pauses of the voice that says them. */
class CueTimingTest {

    private static Line.Timed opening(double a, double b, String text) {
        return new Line.Timed(a, b, text, true, 0);
    }

    @Test
    void eachLineOrSentenceStartMovesToTheNearestPauseWithinReach() {
        List<Line.Timed> cues = List.of(opening(0, 3, "one"), opening(3, 5, "two"), opening(5, 8, "three"));
        List<double[]> pauses =
                List.of(new double[] {3.6, 3.8}, new double[] {4.6, 4.9}, new double[] {5.9, 6.1}, new double[] {8, 9});
        List<FinalComposer.Cue> aligned = CueTiming.alignToPauses(cues, pauses);
        assertEquals(0, aligned.get(0).start());
        assertEquals(3.7, aligned.get(0).end(), 1e-9);
        assertEquals(3.7, aligned.get(1).start(), 1e-9, "back to back");
        assertEquals(4.75, aligned.get(1).end(), 1e-9, "the nearest pause");
        assertEquals(8, aligned.get(2).end(), "the scene's end stays");

        // a pause out of reach, or one that would leave a cue too short to read, is not taken
        List<FinalComposer.Cue> unmoved = CueTiming.alignToPauses(cues, List.<double[]>of(new double[] {0.1, 0.2}));
        assertEquals(
                List.of(3.0, 5.0), List.of(unmoved.get(0).end(), unmoved.get(1).end()));
        assertEquals(
                3,
                CueTiming.alignToPauses(cues, List.<double[]>of(new double[] {5.5, 6.5}))
                        .get(0)
                        .end());
    }

    /**
     * Two sentences of action, then two short lines, in a scene longer than its narration. Each boundary's nearest
     * pause on its own put "I found it." at the pause after it, over "Where?" (a reviewer's render): the boundaries
     * take their pauses in order, one each, the lengths shared over the time the voice speaks.
     */
    @Test
    void boundariesTakeThePausesInOrderAndTheLengthsShareOnlyTheSpeech() {
        List<Line> lines = List.of(
                Line.action("MARA stands at the sink. TOM enters with a key."),
                Line.dialogue("TOM", "I found it."),
                Line.dialogue("MARA", "Where?"));
        List<Line.Timed> timed = SceneScripts.timed(lines, 6.0, 84);
        // espeak-ng's speech of it: 0–1.52, 1.91–3.32 (the action's two sentences), 3.71–4.47, 4.86–5.27
        List<double[]> pauses =
                List.of(new double[] {1.52, 1.91}, new double[] {3.32, 3.71}, new double[] {4.47, 4.86});
        List<FinalComposer.Cue> aligned = CueTiming.alignToPauses(timed, pauses, 0, 5.27);
        assertEquals(3, aligned.size());
        assertEquals(3.515, aligned.get(1).start(), 1e-9, "\"I found it.\" from the pause before it");
        assertEquals(4.665, aligned.get(2).start(), 1e-9, "\"Where?\" from the pause before it");
        assertEquals(6.0, aligned.get(2).end(), 1e-9, "the scene's end stays");
    }

    @Test
    void eachLineOfARealVoiceStartsWithinAPauseOfItsWords(@TempDir Path dir) {
        EspeakSpeechEngine engine = new EspeakSpeechEngine();
        Assumptions.assumeTrue(engine.unavailableReason().isEmpty(), "espeak-ng is not installed");
        List<Line> lines = List.of(
                Line.action("Mara stands at the sink. Tom enters with a key."),
                Line.dialogue("TOM", "I found it."),
                Line.dialogue("MARA", "Where?"));
        // when each line starts: the length of the speech of the lines before it
        double second = speak(engine, dir, "a", lines.subList(0, 1));
        double third = speak(engine, dir, "b", lines.subList(0, 2));
        Wav voice = Wav.read(engine.speak(
                        new SpeechRequest(SceneScripts.narration(lines), "en", null, 0, 0, dir.resolve("c.wav")),
                        Progress.NONE)
                .wav());
        // the scene runs a second past its narration
        List<Line.Timed> timed = SceneScripts.timed(lines, voice.durationSeconds() + 1, 84);
        List<FinalComposer.Cue> aligned = CueTiming.alignToVoice(timed, voice);
        System.out.printf(
                "\"I found it.\" said from %.2f s, cue at %.2f s; \"Where?\" from %.2f s, cue at %.2f s%n",
                second, aligned.get(1).start(), third, aligned.get(2).start());
        assertEquals(second, aligned.get(1).start(), 0.35, "\"I found it.\" starts as it is said");
        assertEquals(third, aligned.get(2).start(), 0.35, "\"Where?\" starts as it is said");
    }

    private static double speak(EspeakSpeechEngine engine, Path dir, String name, List<Line> lines) {
        return engine.speak(
                        new SpeechRequest(SceneScripts.narration(lines), "en", null, 0, 0, dir.resolve(name + ".wav")),
                        Progress.NONE)
                .durationSeconds();
    }

    @Test
    void aPageCutBetweenWordsTakesNoPauseAndKeepsItsShare() {
        // a long line's second page (cut between words, no pause before it), then the next line: the pause at
        // 5.9 belongs to the next line, though it is nearer the page's start by length
        List<Line.Timed> cues = List.of(
                opening(0, 4, "A long line of narration that goes on"),
                new Line.Timed(4, 5.5, "and on.", false, 0),
                opening(5.5, 7, "Wait!"));
        List<FinalComposer.Cue> aligned = CueTiming.alignToPauses(cues, List.<double[]>of(new double[] {5.8, 6.0}));
        assertEquals(5.9, aligned.get(2).start(), 1e-9, "the line starts at the pause");
        assertEquals(4 * 5.9 / 5.5, aligned.get(0).end(), 1e-9, "the page keeps its share of the stretch");
        assertEquals(aligned.get(0).end(), aligned.get(1).start(), 1e-9);
    }

    @Test
    void aShortLineAfterALongOneStartsWhenItIsSaid(@TempDir Path dir) {
        EspeakSpeechEngine engine = new EspeakSpeechEngine();
        Assumptions.assumeTrue(engine.unavailableReason().isEmpty(), "espeak-ng is not installed");
        String first = "The old captain folded the map twice and put it back in his coat, without a word.";
        String second = "Wait!";
        double firstAlone = engine.speak(
                        new SpeechRequest(first, "en", null, 0, 0, dir.resolve("a.wav")), Progress.NONE)
                .durationSeconds();
        Wav both = Wav.read(engine.speak(
                        new SpeechRequest(first + " " + second, "en", null, 0, 0, dir.resolve("b.wav")), Progress.NONE)
                .wav());
        List<Line.Timed> byLength = SceneScripts.timed(
                List.of(Line.action(first), Line.dialogue("Mara", second)), both.durationSeconds(), 84);
        List<FinalComposer.Cue> aligned = CueTiming.alignToPauses(byLength, both.pauses(CueTiming.MIN_PAUSE_SECONDS));
        double said = firstAlone; // the second line starts after the first one's audio (and its pause)
        double before = Math.abs(byLength.get(1).start() - said);
        double after = Math.abs(aligned.get(1).start() - said);
        System.out.printf(
                "\"Wait!\" said from %.2f s; cue by length at %.2f s, at the pause %.2f s%n",
                said, byLength.get(1).start(), aligned.get(1).start());
        assertTrue(
                after < 0.35,
                "the cue starts within 0.35 s of the words: " + aligned.get(1).start() + " vs " + said);
        assertTrue(after < before, "closer than by length: " + after + " vs " + before);
    }

    @Test
    void theKaraokeHighlightSkipsTheSpeakersNameNobodySays() {
        List<Line> lines = List.of(Line.action("Rain on the deck."), Line.dialogue("MARA", "Hold the rope!"));
        List<Line.Timed> timed = SceneScripts.timed(lines, 4, 84);
        List<FinalComposer.Cue> cues =
                CompositionPhase.timeWords(CueTiming.alignToPauses(timed, List.of()), timed, java.util.Locale.ENGLISH);
        FinalComposer.Cue said = cues.get(1);
        assertEquals("MARA: Hold the rope!", said.text());
        assertEquals(
                "Hold",
                said.text()
                        .substring(
                                said.words().get(0).from(), said.words().get(0).to()));
        assertEquals(said.start(), said.words().get(0).start(), 1e-9, "the first word said starts the cue");
        assertEquals(
                "Rain",
                cues.get(0).text().substring(0, cues.get(0).words().get(0).to()));
    }
}
