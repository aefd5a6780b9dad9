package ai.cinboard.pipeline;

import ai.cinboard.domain.Line;
import ai.cinboard.media.ffmpeg.FinalComposer;
import java.util.ArrayList;
import java.util.List;

/**
 * Subtitles that follow the speech. A scene's cues share out its voiceover by text length ({@link Line#timed}),
 * which drifts from what is said: an engine pauses at sentence ends and between lines, and says some words faster
 * than others. No engine here reports when it says each line, but the pauses are in the audio: each cue that
 * opens a line or a sentence ({@link Line.Timed#opens}) starts in the middle of the pause nearest to where the
 * lengths put it. A page cut at a clause or between words has no pause of its own to take (taking one would rob
 * the sentence after it): it keeps its share of the time between the cues around it that moved. A boundary with
 * no pause near it stays where the lengths put it.
 */
final class CueTiming {
    /** How far a boundary may move to a pause: further, and the pause belongs to another boundary. */
    static final double MAX_SHIFT_SECONDS = 2.0;

    /** The shortest a cue may become by a move; a shorter one can't be read. */
    static final double MIN_CUE_SECONDS = 0.4;

    /** The shortest silence that counts as a pause between phrases, not a gap inside a word. */
    static final double MIN_PAUSE_SECONDS = 0.12;

    private CueTiming() {}

    /** {@code timed} (back to back, in scene time) as cues, their sentence and line starts moved into {@code pauses}. */
    static List<FinalComposer.Cue> alignToPauses(List<Line.Timed> timed, List<double[]> pauses) {
        int n = timed.size();
        List<FinalComposer.Cue> out = new ArrayList<>(n);
        if (n == 0) {
            return out;
        }
        double[] bounds = new double[n + 1];
        bounds[0] = timed.get(0).start();
        for (int i = 0; i < n; i++) {
            bounds[i + 1] = timed.get(i).end();
        }
        double[] moved = bounds.clone();
        // the boundaries that may take a pause: before a cue that opens a line or a sentence, and the ends
        List<Integer> strong = new ArrayList<>();
        strong.add(0);
        for (int b = 1; b < n; b++) {
            if (timed.get(b).opens()) {
                strong.add(b);
            }
        }
        strong.add(n);
        for (int k = 1; k < strong.size() - 1; k++) {
            int b = strong.get(k);
            double before = moved[strong.get(k - 1)];
            double after = bounds[strong.get(k + 1)];
            double best = Double.NaN;
            for (double[] p : pauses) {
                double middle = (p[0] + p[1]) / 2;
                boolean near = Math.abs(middle - bounds[b]) <= MAX_SHIFT_SECONDS;
                // the cues either side keep a readable length per cue they hold
                boolean room = middle - before >= MIN_CUE_SECONDS * (b - strong.get(k - 1))
                        && after - middle >= MIN_CUE_SECONDS * (strong.get(k + 1) - b);
                if (near && room && (Double.isNaN(best) || Math.abs(middle - bounds[b]) < Math.abs(best - bounds[b]))) {
                    best = middle;
                }
            }
            if (!Double.isNaN(best)) {
                moved[b] = best;
            }
        }
        // the pages between two moved boundaries keep their shares of the time between them
        for (int k = 0; k < strong.size() - 1; k++) {
            int a = strong.get(k);
            int z = strong.get(k + 1);
            double span = bounds[z] - bounds[a];
            for (int b = a + 1; b < z; b++) {
                double share = span <= 0 ? 0 : (bounds[b] - bounds[a]) / span;
                moved[b] = moved[a] + share * (moved[z] - moved[a]);
            }
        }
        for (int i = 0; i < n; i++) {
            out.add(new FinalComposer.Cue(moved[i], moved[i + 1], timed.get(i).text()));
        }
        return out;
    }
}
