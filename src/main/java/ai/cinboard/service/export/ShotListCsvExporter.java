package ai.cinboard.service.export;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;

/**
 * Shot list as RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote, CR or LF, quotes
 * doubled. UTF-8 with a byte order mark, because Excel reads BOM-less CSV in the system code page and turns
 * Japanese or Arabic into mojibake. Duration is seconds with three decimals, exact to the frame count.
 *
 * <p>Story text ends up in cells, and a spreadsheet runs a cell that starts with =, +, - or @ (or a tab or
 * CR, which some import paths strip first) as a formula: {@code =HYPERLINK(...)} in a scene heading would
 * be a link the creator's colleague clicks. Such cells are written with a leading apostrophe, the
 * spreadsheet convention for "this is text" (OWASP's CSV injection advice).
 */
public final class ShotListCsvExporter implements Exporter {

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public String extension() {
        return "csv";
    }

    @Override
    public String label() {
        return "Shot list (CSV)";
    }

    @Override
    public void export(ExportJob job, Path out, ExportProgress progress) throws IOException {
        progress.update(0, "Writing shot list");
        EditDecisionList edl = job.edit();
        StringBuilder b = new StringBuilder("\uFEFF");
        row(b, List.of("scene", "shot", "description", "duration", "characters"));
        for (SceneCut cut : edl.scenes()) {
            String scene = cut.index()
                    + (cut.scene().heading() == null || cut.scene().heading().isBlank()
                            ? ""
                            : " " + cut.scene().heading().strip());
            for (Shot shot : cut.shots()) {
                String description = shot.description().isBlank() && cut.scene().text() != null
                        ? cut.scene().text().strip()
                        : shot.description();
                row(
                        b,
                        List.of(
                                scene,
                                String.valueOf(shot.number()),
                                description,
                                seconds(edl.frameRate(), shot.length()),
                                String.join("; ", cut.characterNames())));
            }
        }
        FcpxmlExporter.write(out, b.toString());
        progress.update(1, "Shot list written");
    }

    static String seconds(FrameRate rate, long frames) {
        return BigDecimal.valueOf(frames * rate.frameDurationNumerator())
                .divide(BigDecimal.valueOf(rate.frameDurationDenominator()), 3, RoundingMode.HALF_UP)
                .toPlainString();
    }

    static void row(StringBuilder b, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(field(fields.get(i)));
        }
        b.append("\r\n");
    }

    static String field(String value) {
        String v = neutralised(value == null ? "" : value);
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    /** A cell a spreadsheet would read as a formula, made plain text with a leading apostrophe. */
    static String neutralised(String v) {
        if (v.isEmpty()) {
            return v;
        }
        return switch (v.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + v;
            default -> v;
        };
    }
}
