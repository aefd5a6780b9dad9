package ai.cinboard.pipeline;

import ai.cinboard.domain.Line;
import ai.cinboard.media.ffmpeg.FinalComposer;
import ai.cinboard.media.ffmpeg.Wav;
import java.util.ArrayList;
import java.util.List;

/**
 * Subtitles that follow the speech. A scene's cues share out its voiceover by text length ({@link Line#timed}),
 * which drifts from what is said: an engine pauses at sentence ends and between lines, and says some words faster
 * than others. No engine here reports when it says each line, but the pauses are in the audio: each cue that
 * opens a line or a sentence ({@link Line.Timed#opens}) starts in the middle of a pause near where the lengths,
 * shared over the time the voice speaks, put it. The boundaries take their pauses together, in order and one
 * pause each, the set that moves them least (a pause inside a cue's own sentences is left to it): taking each
 * boundary's nearest pause on its own let an early boundary take a later line's pause and pushed that line's cue
 * past its words. A page cut at a clause or between words has no pause of its own to take (taking one would rob
 * the sentence after it): it keeps its share of the time between the cues around it. A boundary with no pause
 * near it stays where the lengths put it.
 */
final class CueTiming {
    /** How far a boundary may move to a pause: further, and the pause belongs to another boundary. */
    static final double MAX_SHIFT_SECONDS = 2.0;

    /** The shortest a cue may become by a move; a shorter one can't be read. */
    static final double MIN_CUE_SECONDS = 0.4;

    /** The shortest silence that counts as a pause between phrases, not a gap inside a word. */
    static final double MIN_PAUSE_SECONDS = 0.12;

    /** How near a silence must reach the start or end of the voice to be its leading or trailing silence. */
    private static final double EDGE_SECONDS = 0.02;

    private CueTiming() {}

    /** {@code timed} (back to back, in scene time) as cues, aligned to the pauses of {@code voice} (null: none). */
    static List<FinalComposer.Cue> alignToVoice(List<Line.Timed> timed, Wav voice) {
        if (voice == null) {
            return alignToPauses(timed, List.of());
        }
        List<double[]> pauses = voice.pauses(MIN_PAUSE_SECONDS);
        double from = 0;
        double to = voice.durationSeconds();
        List<double[]> inner = new ArrayList<>();
        for (double[] p : pauses) {
            if (p[0] <= EDGE_SECONDS) {
                from = p[1]; // the silence before the first word
            } else if (p[1] >= voice.durationSeconds() - EDGE_SECONDS) {
                to = p[0]; // the silence after the last
            } else {
                inner.add(p);
            }
        }
        return to > from ? alignToPauses(timed, inner, from, to) : alignToPauses(timed, inner);
    }

    /** {@code timed} (back to back, in scene time) as cues, their sentence and line starts moved into {@code pauses}. */
    static List<FinalComposer.Cue> alignToPauses(List<Line.Timed> timed, List<double[]> pauses) {
        if (timed.isEmpty()) {
            return List.of();
        }
        return alignToPauses(
                timed, pauses, timed.get(0).start(), timed.get(timed.size() - 1).end());
    }

    /**
     * As {@link #alignToPauses(List, List)}, with the voice speaking from {@code speechFrom} to {@code speechTo}: the
     * lengths share out that time (a scene longer than its narration ends in silence, which no line is said in).
     */
    static List<FinalComposer.Cue> alignToPauses(
            List<Line.Timed> timed, List<double[]> pauses, double speechFrom, double speechTo) {
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
        // where the lengths put each boundary within the speech
        double[] estimate = bounds.clone();
        double span = bounds[n] - bounds[0];
        for (int b = 1; b < n; b++) {
            double share = span <= 0 ? 0 : (bounds[b] - bounds[0]) / span;
            estimate[b] = speechFrom + share * (speechTo - speechFrom);
        }
        // the boundaries that may take a pause: before a cue that opens a line or a sentence, and the ends
        List<Integer> strong = new ArrayList<>();
        strong.add(0);
        for (int b = 1; b < n; b++) {
            if (timed.get(b).opens()) {
                strong.add(b);
            }
        }
        strong.add(n);
        double[] moved = bounds.clone();
        double[] placed = place(strong, estimate, bounds, pauses);
        for (int k = 1; k < strong.size() - 1; k++) {
            moved[strong.get(k)] = placed[k];
        }
        // the pages between two placed boundaries keep their shares of the time between them
        for (int k = 0; k < strong.size() - 1; k++) {
            int a = strong.get(k);
            int z = strong.get(k + 1);
            double stretch = bounds[z] - bounds[a];
            for (int b = a + 1; b < z; b++) {
                double share = stretch <= 0 ? 0 : (bounds[b] - bounds[a]) / stretch;
                moved[b] = moved[a] + share * (moved[z] - moved[a]);
            }
        }
        for (int i = 0; i < n; i++) {
            out.add(new FinalComposer.Cue(moved[i], moved[i + 1], timed.get(i).text()));
        }
        return out;
    }

    /**
     * Where each strong boundary goes: the middle of a pause, or its estimate when it takes none. Chosen together,
     * by dynamic programming over the boundaries in order: each takes a later pause than the one before it, within
     * {@link #MAX_SHIFT_SECONDS} of its estimate, leaving every cue {@link #MIN_CUE_SECONDS}; a boundary without a
     * pause costs as much as the furthest move, so every boundary that can take one does, and among those ways the
     * one that moves them least in all wins. The ends stay where they are.
     */
    private static double[] place(List<Integer> strong, double[] estimate, double[] bounds, List<double[]> pauses) {
        int m = strong.size();
        double[] middles =
                pauses.stream().mapToDouble(p -> (p[0] + p[1]) / 2).sorted().toArray();
        int options = middles.length + 1; // option 0: no pause
        double[][] cost = new double[m][options];
        int[][] from = new int[m][options];
        for (double[] row : cost) {
            java.util.Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
        cost[0][0] = 0;
        for (int k = 1; k < m; k++) {
            boolean last = k == m - 1;
            for (int o = 0; o < options; o++) {
                if (last && o != 0) {
                    break; // the scene's end stays
                }
                double at = o == 0 ? (last ? bounds[strong.get(k)] : estimate[strong.get(k)]) : middles[o - 1];
                double step = last ? 0 : o == 0 ? MAX_SHIFT_SECONDS : Math.abs(at - estimate[strong.get(k)]);
                if (step > MAX_SHIFT_SECONDS) {
                    continue;
                }
                for (int p = 0; p < options; p++) {
                    if (cost[k - 1][p] == Double.POSITIVE_INFINITY || (o != 0 && p != 0 && p >= o)) {
                        continue;
                    }
                    double before = p == 0
                            ? (k - 1 == 0 ? bounds[strong.get(0)] : estimate[strong.get(k - 1)])
                            : middles[p - 1];
                    boolean moves = o != 0 || p != 0;
                    if (moves && at - before < MIN_CUE_SECONDS * (strong.get(k) - strong.get(k - 1))) {
                        continue; // a cue between them would be too short to read
                    }
                    double total = cost[k - 1][p] + step;
                    if (total < cost[k][o] - 1e-12) {
                        cost[k][o] = total;
                        from[k][o] = p;
                    }
                }
            }
        }
        double[] placed = new double[m];
        int o = 0;
        if (cost[m - 1][0] == Double.POSITIVE_INFINITY) {
            for (int k = 0; k < m; k++) {
                placed[k] = bounds[strong.get(k)]; // nothing fits: the lengths' places
            }
            return placed;
        }
        for (int k = m - 1; k >= 0; k--) {
            placed[k] =
                    k == 0 || k == m - 1 ? bounds[strong.get(k)] : o == 0 ? estimate[strong.get(k)] : middles[o - 1];
            o = from[k][o];
        }
        return placed;
    }
}
