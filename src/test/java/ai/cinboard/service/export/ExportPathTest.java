package ai.cinboard.service.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one path the CLI and the Export dialog share: look up by format, export, watch progress. */
class ExportPathTest {
    @TempDir
    Path tmp;

    @Test
    void everyStandardFormatWritesOutputAndReportsProgressToTheEnd() throws Exception {
        SampleProject sample = new SampleProject(tmp.resolve("media"));
        ExportJob job = ExportJob.of(sample.project, sample.media, ExportOptions.defaults());
        for (Exporter exporter : Exporters.standard().all()) {
            Path out = tmp.resolve("out")
                    .resolve(exporter.extension().isEmpty() ? exporter.format() : "sample." + exporter.extension());
            List<Double> fractions = new ArrayList<>();
            Exporters.standard().forFormat(exporter.format()).export(job, out, (f, m) -> fractions.add(f));
            for (int i = 1; i < fractions.size(); i++) {
                assertTrue(fractions.get(i) >= fractions.get(i - 1), exporter.format() + " progress went back");
            }
            assertEquals(1.0, fractions.get(fractions.size() - 1), exporter.format());
            if (Files.isDirectory(out)) {
                try (var files = Files.list(out)) {
                    assertEquals(6, files.count(), exporter.format());
                }
            } else {
                assertTrue(Files.size(out) > 100, exporter.format() + " wrote " + Files.size(out) + " bytes");
            }
        }
    }

    @Test
    void barePathsBecomeFileUrlsForEditorsAndUrlsPassThrough() {
        assertEquals("file:///media/my%20clips/a.mp4", ExportOptions.asFileUrl("/media/my clips/a.mp4"));
        assertEquals("s3://bucket/a.mp4", ExportOptions.asFileUrl("s3://bucket/a.mp4"));
        assertEquals("file:///x/y.png", ExportOptions.asFileUrl("file:///x/y.png"));
    }
}
