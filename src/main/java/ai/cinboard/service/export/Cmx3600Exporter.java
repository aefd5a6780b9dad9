package ai.cinboard.service.export;

import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.Transition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CMX3600 edit decision list. Event lines are fixed columns:
 * {@code NNN  REEL____ TRACK C        SRC_IN SRC_OUT REC_IN REC_OUT}; out points are exclusive. Reel names are
 * at most 8 characters of A-Z and 0-9, one per distinct source, because older decks and conform tools
 * truncate or reject anything else. The record side starts at 01:00:00:00, the usual programme start.
 *
 * <p>A scene that opens with a transition is written the CMX way: the outgoing source as a zero-length cut at the
 * transition's start, then the incoming source with {@code D} (dissolve) or {@code W001} (a left-to-right wipe) and
 * the length in frames. A dip to black is two dissolves through the black reel {@code BL}: out to black over its
 * first half, and in from black over the rest, the incoming source starting that half later.
 */
public final class Cmx3600Exporter implements Exporter {
    static final int MAX_EVENTS = 999;

    /**
     * The EDL names no files, but its reels and clip names are those of the copies in its media folder (reel
     * SCENE01 for scene-01.mp4), which an editor relinks them to; those copies have the handles its dissolves and
     * wipes run on.
     */
    @Override
    public boolean bundlesMedia() {
        return true;
    }

    @Override
    public String format() {
        return "edl";
    }

    @Override
    public String extension() {
        return "edl";
    }

    @Override
    public String label() {
        return "EDL (CMX3600) for any editor";
    }

    @Override
    public void check(ExportJob job) {
        EditDecisionList edl = job.edit();
        int count = edl.events().size()
                + (edl.voiceover().isPresent() ? 1 : 0)
                + (int) edl.scenes().stream()
                        .filter(c -> edl.openingFrames(c) > 1
                                && c.scene().transition().kind() == Transition.Kind.DIP)
                        .count();
        if (count > MAX_EVENTS) {
            throw new StudioException("The edit has " + count + " events; a CMX3600 EDL holds at most " + MAX_EVENTS
                    + ". Export FCPXML or xmeml instead.");
        }
    }

    @Override
    public void export(ExportJob job, Path out, ExportProgress progress) throws IOException {
        check(job);
        EditDecisionList edl = job.edit();
        FrameRate rate = edl.frameRate();
        progress.update(0, "Writing EDL");
        StringBuilder b = new StringBuilder();
        // TITLE is a single ASCII-safe line in most readers; keep the rest of the title in a comment.
        b.append("TITLE: ").append(asciiTitle(edl.title())).append("\r\n");
        b.append("FCM: ")
                .append(rate.dropFrame() ? "DROP FRAME" : "NON-DROP FRAME")
                .append("\r\n\r\n");
        ReelNames reels = new ReelNames();
        int n = 0;
        TimelineEvent previous = null;
        for (TimelineEvent e : edl.events()) {
            n++;
            String reel = reels.of(e.sourceUrl(), e.name());
            long recIn = edl.startFrames() + e.recordIn();
            long recOut = edl.startFrames() + e.recordOut();
            SceneCut opened =
                    previous == null ? null : edl.openedWithTransition(e).orElse(null);
            if (opened == null) {
                line(b, n, reel, "V", CUT, rate, e.sourceIn(), e.sourceOut(), recIn, recOut);
            } else {
                long frames = edl.openingFrames(opened);
                Transition.Kind kind = opened.scene().transition().kind();
                String from = reels.of(previous.sourceUrl(), previous.name());
                long fromOut = previous.sourceOut();
                long into = e.sourceIn();
                if (kind == Transition.Kind.DIP && frames > 1) {
                    long half = frames / 2;
                    line(b, n, from, "V", CUT, rate, fromOut, fromOut, recIn, recIn);
                    line(b, n, BLACK, "V", dissolve(half), rate, 0, half, recIn, recIn + half);
                    b.append("* EFFECT NAME: DIP TO BLACK\r\n\r\n");
                    n++;
                    from = BLACK;
                    fromOut = half;
                    into += half;
                    recIn += half;
                    frames -= half;
                }
                String effect = kind == Transition.Kind.WIPE ? wipe(frames) : dissolve(frames);
                line(b, n, from, "V", CUT, rate, fromOut, fromOut, recIn, recIn);
                line(b, n, reel, "V", effect, rate, into, e.sourceOut(), recIn, recOut);
                b.append("* EFFECT NAME: ")
                        .append(
                                switch (kind) {
                                    case WIPE -> "WIPE";
                                    case DIP -> "DIP TO BLACK";
                                    default -> "CROSS DISSOLVE";
                                })
                        .append("\r\n");
            }
            b.append("* FROM CLIP NAME: ").append(oneLine(e.name())).append("\r\n\r\n");
            // event numbers count the dissolves' extra events too: the share is of the clips written
            progress.update(0.9 * Math.min(1.0, (double) n / edl.events().size()), "Event " + n);
            previous = e;
        }
        if (edl.voiceover().isPresent()) {
            AudioEvent a = edl.voiceover().get();
            n++;
            line(
                    b,
                    n,
                    reels.of(a.sourceUrl(), a.name()),
                    "AA",
                    CUT,
                    rate,
                    a.sourceIn(),
                    a.sourceOut(),
                    edl.startFrames() + a.recordIn(),
                    edl.startFrames() + a.recordOut());
            b.append("* FROM CLIP NAME: ").append(oneLine(a.name())).append("\r\n\r\n");
        }
        FcpxmlExporter.write(out, b.toString());
        progress.update(1, "EDL written");
    }

    private static void line(
            StringBuilder b,
            int n,
            String reel,
            String track,
            String transition,
            FrameRate rate,
            long srcIn,
            long srcOut,
            long recIn,
            long recOut) {
        b.append(String.format(
                Locale.ROOT,
                "%03d  %-8s %-5s %-8s %s %s %s %s\r\n",
                n,
                reel,
                track,
                transition,
                rate.timecode(srcIn),
                rate.timecode(srcOut),
                rate.timecode(recIn),
                rate.timecode(recOut)));
    }

    /** The transition field of a cut. */
    private static final String CUT = "C";

    /** The reel name CMX readers take for black. */
    private static final String BLACK = "BL";

    private static String dissolve(long frames) {
        return String.format(Locale.ROOT, "D    %03d", frames);
    }

    /** Wipe pattern 001 of the SMPTE list, a horizontal wipe from the left edge. */
    private static String wipe(long frames) {
        return String.format(Locale.ROOT, "W001 %03d", frames);
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ");
    }

    private static String asciiTitle(String title) {
        String t = java.text.Normalizer.normalize(title, java.text.Normalizer.Form.NFKD)
                .replaceAll("[^\\x20-\\x7E]", "")
                .strip();
        return t.isEmpty() ? "CINBOARD" : t;
    }

    /** Assigns each distinct source a unique reel name of at most 8 characters, A-Z and 0-9 only. */
    static final class ReelNames {
        private final Map<String, String> bySource = new HashMap<>();
        private final Set<String> used = new HashSet<>();

        String of(String sourceUrl, String fileName) {
            return bySource.computeIfAbsent(sourceUrl, u -> fresh(fileName));
        }

        private String fresh(String fileName) {
            String stem = fileName.replaceFirst("\\.[^.]*$", "");
            String base = java.text.Normalizer.normalize(stem, java.text.Normalizer.Form.NFKD)
                    .toUpperCase(Locale.ROOT)
                    .replaceAll("[^A-Z0-9]", "");
            if (base.isEmpty()) {
                base = "REEL";
            }
            String candidate = base.length() > 8 ? base.substring(0, 8) : base;
            for (int i = 1; !used.add(candidate); i++) {
                // Keep the suffix intact and cut the base to make room: REEL0001 rather than REEL00011.
                String suffix = String.valueOf(i);
                candidate = base.substring(0, Math.min(base.length(), 8 - suffix.length())) + suffix;
            }
            return candidate;
        }
    }
}
