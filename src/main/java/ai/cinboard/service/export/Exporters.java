package ai.cinboard.service.export;

import ai.cinboard.domain.StudioException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The exporters the CLI's --format and the Export dialog offer. MP4 is not in {@link #standard()}: it records
 * the delivery in the database, so the composition root ({@code Studio.exporters()}) adds an
 * {@link Mp4Exporter} with {@link #with(Exporter)} and both front ends keep one lookup.
 */
public final class Exporters {
    private final List<Exporter> all;

    public Exporters(List<Exporter> exporters) {
        this.all = List.copyOf(exporters);
    }

    /** fcpxml, xmeml, edl, srt, csv, png, pdf. */
    public static Exporters standard() {
        return new Exporters(List.of(
                new FcpxmlExporter(),
                new XmemlExporter(),
                new Cmx3600Exporter(),
                new SrtExporter(),
                new ShotListCsvExporter(),
                new PngSequenceExporter(),
                new StoryboardPdfExporter()));
    }

    /** A copy with one more exporter (e.g. the MP4 encoder), replacing any with the same format. */
    public Exporters with(Exporter extra) {
        List<Exporter> list = new java.util.ArrayList<>(all);
        list.removeIf(e -> e.format().equals(extra.format()));
        list.add(extra);
        return new Exporters(list);
    }

    public List<Exporter> all() {
        return all;
    }

    public Exporter forFormat(String format) {
        String wanted = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
        return all.stream()
                .filter(e -> e.format().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new StudioException("Unknown export format \"" + format + "\". Use one of: "
                        + all.stream().map(Exporter::format).collect(Collectors.joining(", ")) + "."));
    }
}
