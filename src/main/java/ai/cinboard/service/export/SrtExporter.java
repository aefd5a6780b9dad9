package ai.cinboard.service.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * SubRip subtitles from the edit's cues, UTF-8 without BOM. Cues are sorted, clipped so that none overlaps
 * the next (players show overlapping cues stacked or drop them), limited to the edit's length and numbered
 * from 1. A cue left with no time after clipping is dropped.
 */
public final class SrtExporter implements Exporter {

    @Override
    public String format() {
        return "srt";
    }

    @Override
    public String extension() {
        return "srt";
    }

    @Override
    public String label() {
        return "Subtitles (SRT)";
    }

    @Override
    public void export(ExportJob job, Path out, ExportProgress progress) throws IOException {
        progress.update(0, "Writing subtitles");
        long end = job.edit().frameRate().millisAt(job.edit().totalFrames());
        FcpxmlExporter.write(out, render(job.edit().cues(), end));
        progress.update(1, "Subtitles written");
    }

    /** The SRT text of the cues, none ending after {@code endMillis}. */
    static String render(List<SubtitleCue> cues, long endMillis) {
        List<SubtitleCue> sorted = new ArrayList<>(cues);
        sorted.sort(Comparator.comparingLong(SubtitleCue::startMillis).thenComparingLong(SubtitleCue::endMillis));
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (int i = 0; i < sorted.size(); i++) {
            SubtitleCue c = sorted.get(i);
            long stop = Math.min(c.endMillis(), endMillis);
            if (i + 1 < sorted.size()) {
                stop = Math.min(stop, sorted.get(i + 1).startMillis());
            }
            // A blank line ends a cue in SRT, so blank lines inside the text would split it.
            String text = c.text()
                    .replace("\r\n", "\n")
                    .replace('\r', '\n')
                    .replaceAll("\n\\s*\n+", "\n")
                    .strip();
            if (stop <= c.startMillis() || text.isEmpty()) {
                continue;
            }
            b.append(++n)
                    .append('\n')
                    .append(time(c.startMillis()))
                    .append(" --> ")
                    .append(time(stop))
                    .append('\n')
                    .append(text)
                    .append("\n\n");
        }
        return b.toString();
    }

    static String time(long millis) {
        return String.format(
                Locale.ROOT,
                "%02d:%02d:%02d,%03d",
                millis / 3_600_000,
                millis / 60_000 % 60,
                millis / 1000 % 60,
                millis % 1000);
    }
}
