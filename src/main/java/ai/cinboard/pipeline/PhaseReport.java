package ai.cinboard.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a phase did, kept as its {@code phase_data}: how many items it made (engine or encoder work), how many
 * were up to date, how many came from the cache, how many were locked. A skipped phase says why.
 */
record PhaseReport(int made, int kept, int fromCache, int locked, String skippedReason, String warning) {
    static PhaseReport done(int made, int kept, int fromCache, int locked) {
        return new PhaseReport(made, kept, fromCache, locked, null, null);
    }

    static PhaseReport skipped(String reason) {
        return new PhaseReport(0, 0, 0, 0, reason, reason);
    }

    Map<String, Object> phaseData() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("made", made);
        m.put("kept", kept);
        m.put("from_cache", fromCache);
        m.put("locked", locked);
        return m;
    }
}
