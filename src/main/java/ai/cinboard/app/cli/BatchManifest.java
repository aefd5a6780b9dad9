package ai.cinboard.app.cli;

import ai.cinboard.domain.StudioException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A batch manifest for {@code render --manifest batch.csv}: a CSV file (RFC 4180: comma-separated, fields in
 * double quotes may hold commas, quotes doubled and line breaks) whose header names the columns. {@code story} is
 * required, the path of the story (relative to the manifest's folder); the other columns are each story's own
 * render options and an empty cell keeps the command line's: {@code resolution}, {@code fps}, {@code aspect},
 * {@code loudness}, {@code music} (a file, or {@code none} for no music) and {@code subtitle_preset}. An unknown
 * column or an unreadable file is one line naming it.
 */
final class BatchManifest {
    static final List<String> COLUMNS =
            List.of("story", "resolution", "fps", "aspect", "loudness", "music", "subtitle_preset");

    /** One row: its line number in the file and its cells by column (blank cells left out). */
    record Row(int line, Map<String, String> cells) {
        String get(String column) {
            return cells.get(column);
        }
    }

    private BatchManifest() {}

    static List<Row> read(Path manifest) {
        String text;
        try {
            if (!Files.isRegularFile(manifest)) {
                throw new StudioException("There is no manifest " + manifest + ". Give the path of a CSV file whose"
                        + " header names the columns: " + String.join(", ", COLUMNS) + ".");
            }
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(manifest)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new StudioException("The manifest " + manifest + " is not UTF-8 text: save it as UTF-8 CSV.");
        } catch (IOException e) {
            throw new StudioException("Could not read the manifest " + manifest + ": " + e.getMessage(), e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        parse(text, manifest, records, lines);
        if (records.isEmpty()) {
            throw new StudioException("The manifest " + manifest + " is empty: its first line names the columns ("
                    + String.join(", ", COLUMNS) + "), each further line is one story.");
        }
        List<String> header = new ArrayList<>();
        for (String h : records.get(0)) {
            String column = h.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
            if (!COLUMNS.contains(column)) {
                throw new StudioException(manifest.getFileName() + ": unknown column \"" + h.strip()
                        + "\"; the columns are " + String.join(", ", COLUMNS) + ".");
            }
            if (header.contains(column)) {
                throw new StudioException(manifest.getFileName() + ": the column \"" + column + "\" is named twice.");
            }
            header.add(column);
        }
        if (!header.contains("story")) {
            throw new StudioException(manifest.getFileName() + ": no \"story\" column; its first line names the"
                    + " columns, and story (the file to render) is required.");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> record = records.get(i);
            if (record.stream().allMatch(String::isBlank)) {
                continue; // an empty line
            }
            if (record.size() > header.size()) {
                throw new StudioException(manifest.getFileName() + " line " + lines.get(i) + ": " + record.size()
                        + " cells, but the header names " + header.size()
                        + (header.size() == 1 ? " column." : " columns."));
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (int c = 0; c < record.size(); c++) {
                String v = record.get(c).strip();
                if (!v.isEmpty()) {
                    cells.put(header.get(c), v);
                }
            }
            if (!cells.containsKey("story")) {
                throw new StudioException(
                        manifest.getFileName() + " line " + lines.get(i) + ": the story cell is empty.");
            }
            rows.add(new Row(lines.get(i), cells));
        }
        if (rows.isEmpty()) {
            throw new StudioException("The manifest " + manifest + " names no story: add one line per story.");
        }
        return rows;
    }

    /** Splits CSV text into records of fields; {@code lines} gets the line each record starts on. */
    private static void parse(String text, Path manifest, List<List<String>> records, List<Integer> lines) {
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int line = 1;
        int recordLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    field.append(ch);
                }
            } else if (ch == '"' && field.toString().isBlank()) {
                quoted = true;
                fieldStarted = true;
                field.setLength(0);
            } else if (ch == ',') {
                record.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                records.add(record);
                lines.add(recordLine);
                record = new ArrayList<>();
                field.setLength(0);
                fieldStarted = false;
                line++;
                recordLine = line;
            } else {
                field.append(ch);
                fieldStarted = true;
            }
        }
        if (quoted) {
            throw new StudioException(manifest.getFileName() + " line " + recordLine
                    + ": a quoted cell is never closed; end it with a double quote.");
        }
        if (fieldStarted || !record.isEmpty() || field.length() > 0) {
            record.add(field.toString());
            records.add(record);
            lines.add(recordLine);
        }
    }
}
