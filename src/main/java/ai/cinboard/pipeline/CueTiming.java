package ai.cinboard.pipeline;

import ai.cinboard.media.ffmpeg.FinalComposer;
import java.util.ArrayList;
import java.util.List;

/**
 * Subtitles that follow the speech. A scene's cues share out its voiceover by text length ({@link
 * ai.cinboard.domain.Line#timed}), which drifts from what is said: an engine pauses at commas and sentence ends, and
 * says some words faster than others. No engine here reports when it says each line, but the pauses are in the
 * audio: each boundary between two cues moves to the middle of the pause nearest to it, so a cue starts as its
 * words do. A boundary with no pause near it stays where the lengths put it.
 */
final class CueTiming {
    /** How far a boundary may move to a pause: further, and the pause belongs to another boundary. */
    static final double MAX_SHIFT_SECONDS = 2.0;

    /** The shortest a cue may become by a move; a shorter one can't be read. */
    static final double MIN_CUE_SECONDS = 0.4;

    /** The shortest silence that counts as a pause between phrases, not a gap inside a word. */
    static final double MIN_PAUSE_SECONDS = 0.12;

    private CueTiming() {}

    /** {@code cues} (back to back, in scene time) with their shared boundaries moved into {@code pauses}. */
    static List<FinalComposer.Cue> alignToPauses(List<FinalComposer.Cue> cues, List<double[]> pauses) {
        if (cues.size() < 2 || pauses.isEmpty()) {
            return cues;
        }
        double[] bounds = new double[cues.size() + 1];
        bounds[0] = cues.get(0).start();
        for (int i = 0; i < cues.size(); i++) {
            bounds[i + 1] = cues.get(i).end();
        }
        for (int b = 1; b < cues.size(); b++) {
            double best = Double.NaN;
            for (double[] p : pauses) {
                double middle = (p[0] + p[1]) / 2;
                boolean near = Math.abs(middle - bounds[b]) <= MAX_SHIFT_SECONDS;
                // the cue before keeps a readable length from the boundary already placed, the cue after from the
                // next boundary as the lengths put it
                boolean room = middle - bounds[b - 1] >= MIN_CUE_SECONDS && bounds[b + 1] - middle >= MIN_CUE_SECONDS;
                if (near && room && (Double.isNaN(best) || Math.abs(middle - bounds[b]) < Math.abs(best - bounds[b]))) {
                    best = middle;
                }
            }
            if (!Double.isNaN(best)) {
                bounds[b] = best;
            }
        }
        List<FinalComposer.Cue> out = new ArrayList<>(cues.size());
        for (int i = 0; i < cues.size(); i++) {
            out.add(new FinalComposer.Cue(bounds[i], bounds[i + 1], cues.get(i).text()));
        }
        return out;
    }
}
