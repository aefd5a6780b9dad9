package ai.cinboard.service.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.AspectRatio;
import ai.cinboard.domain.FinalVideo;
import ai.cinboard.domain.Project;
import ai.cinboard.domain.StudioException;
import ai.cinboard.media.ffmpeg.MediaInfo;
import ai.cinboard.media.ffmpeg.MediaProbe;
import ai.cinboard.media.ffmpeg.TranscoderTest;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.ProjectRepository;
import ai.cinboard.persistence.mapper.FinalVideoMapper;
import ai.cinboard.testing.TestDatabases;
import ai.cinboard.testing.TestProjects;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MP4 exporter end to end on the test PostgreSQL: re-encodes the latest final video and sets delivered_at. */
class Mp4ExporterTest {
    static Database db;

    @TempDir
    Path tmp;

    @BeforeAll
    static void open() {
        db = TestDatabases.open();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void presetSizesAreEvenAndBitratesFollowQuality() {
        assertArrayEquals(new int[] {1920, 1080}, Mp4Preset.P1080.frameSize(AspectRatio.WIDE));
        assertArrayEquals(new int[] {1080, 1920}, Mp4Preset.P1080.frameSize(AspectRatio.VERTICAL));
        assertArrayEquals(new int[] {1080, 1080}, Mp4Preset.P1080.frameSize(AspectRatio.SQUARE));
        assertArrayEquals(new int[] {1280, 720}, Mp4Preset.P720.frameSize(AspectRatio.WIDE));
        assertArrayEquals(new int[] {720, 1280}, Mp4Preset.P720.frameSize(AspectRatio.VERTICAL));
        assertArrayEquals(new int[] {720, 720}, Mp4Preset.P720.frameSize(AspectRatio.SQUARE));
        assertArrayEquals(new int[] {854, 480}, Mp4Preset.P480.frameSize(AspectRatio.WIDE));
        assertArrayEquals(new int[] {480, 854}, Mp4Preset.P480.frameSize(AspectRatio.VERTICAL));
        assertArrayEquals(new int[] {480, 480}, Mp4Preset.P480.frameSize(AspectRatio.SQUARE));
        for (Mp4Preset p : Mp4Preset.values()) {
            for (AspectRatio a : AspectRatio.values()) {
                assertTrue(p.videoBitrate(a, Mp4Quality.LOW) < p.videoBitrate(a, Mp4Quality.MEDIUM));
                assertTrue(p.videoBitrate(a, Mp4Quality.MEDIUM) < p.videoBitrate(a, Mp4Quality.HIGH));
            }
        }
        assertEquals(8_000_000, Mp4Preset.P1080.videoBitrate(AspectRatio.WIDE, Mp4Quality.MEDIUM));
        assertEquals(Mp4Preset.P720, Mp4Preset.parse("720p"));
        assertEquals(AspectRatio.VERTICAL, AspectRatio.parse("9:16"));
        assertEquals(Mp4Quality.HIGH, Mp4Quality.parse("high"));
        ExportOptions d = ExportOptions.defaults();
        assertEquals(
                List.of(Mp4Preset.P1080, AspectRatio.WIDE, Mp4Quality.MEDIUM, Reframe.CROP),
                List.of(d.mp4Preset(), d.aspectRatio(), d.mp4Quality(), d.reframe()));
    }

    @Test
    void exportsTheLatestFinalVideoReframedAndMarksItDelivered() throws Exception {
        Path source = TranscoderTest.source(tmp.resolve("final.mp4"));
        int project = TestProjects.insert(db, 1, 1, 0, 0, 0); // its final video points at media://local/f.mp4
        long size = Files.size(source);
        int newer = db.inTransaction(s -> s.getMapper(FinalVideoMapper.class)
                .insert(new FinalVideo(
                        null,
                        project,
                        "media://local/f2.mp4",
                        2,
                        size,
                        null,
                        List.of(),
                        Map.of(),
                        List.of(),
                        null,
                        null,
                        null)));
        Project loaded = new ProjectRepository(db).load(project).orElseThrow();
        assertEquals(2, loaded.finalVideos().size());
        MediaReader media = url -> {
            if (url.equals("media://local/f2.mp4")) {
                return Files.newInputStream(source);
            }
            throw new NoSuchFileException(url); // the older final video must not be read
        };
        Exporter mp4 = Exporters.standard()
                .with(new Mp4Exporter(new FinalVideoDelivery(db, media)))
                .forFormat("mp4");
        assertEquals("mp4", mp4.extension());

        Path out = tmp.resolve("deliver/story-9x16.mp4");
        List<Double> fractions = new ArrayList<>();
        ExportOptions options = ExportOptions.defaults().withMp4(Mp4Preset.P480, AspectRatio.VERTICAL, Mp4Quality.LOW);
        mp4.export(ExportJob.of(loaded, media, options), out, (f, message) -> fractions.add(f));

        MediaInfo info = MediaProbe.probe(out);
        assertEquals("h264", info.videoCodec());
        assertEquals("aac", info.audioCodec());
        assertEquals(480, info.width());
        assertEquals(854, info.height());
        assertEquals(MediaProbe.probe(source).durationSeconds(), info.durationSeconds(), 0.1);
        assertEquals(1.0, fractions.get(fractions.size() - 1));
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), "progress never goes back");
        }

        Map<Integer, FinalVideo> rows = new java.util.HashMap<>();
        db.read(s -> s.getMapper(FinalVideoMapper.class).listByInputRecord(project))
                .forEach(v -> rows.put(v.id(), v));
        assertNotNull(rows.get(newer).deliveredAt(), "the exported final video is marked delivered");
        rows.values().stream()
                .filter(v -> v.id() != newer)
                .forEach(v -> assertNull(v.deliveredAt(), "an older final video is not"));
    }

    @Test
    void aFailedExportLeavesNoFileAndDoesNotMarkDelivery() {
        int project = TestProjects.insert(db, 1, 1, 0, 0, 0);
        Project loaded = new ProjectRepository(db).load(project).orElseThrow();
        MediaReader garbage = url -> new ByteArrayInputStream("not a video".getBytes());
        Path out = tmp.resolve("broken.mp4");
        Mp4Exporter mp4 = new Mp4Exporter(new FinalVideoDelivery(db, garbage));
        assertThrows(
                StudioException.class,
                () -> mp4.export(
                        ExportJob.of(
                                loaded,
                                garbage,
                                ExportOptions.defaults().withMp4(Mp4Preset.P480, AspectRatio.SQUARE, Mp4Quality.LOW)),
                        out,
                        ExportProgress.NONE));
        assertFalse(Files.exists(out));
        db.read(s -> s.getMapper(FinalVideoMapper.class).listByInputRecord(project))
                .forEach(v -> assertNull(v.deliveredAt()));
    }

    @Test
    void aProjectWithoutFinalVideoIsAnError() {
        Project loaded = new ProjectRepository(db)
                .load(TestProjects.insert(db, 1, 1, 0, 0, 0))
                .orElseThrow();
        Project none = new Project(
                loaded.record(),
                loaded.statuses(),
                loaded.scenes(),
                loaded.sceneCharacters(),
                loaded.characters(),
                loaded.characterImages(),
                loaded.keyframes(),
                loaded.keyframeImages(),
                loaded.clips(),
                loaded.voiceovers(),
                List.of());
        MediaReader media = url -> {
            throw new NoSuchFileException(url);
        };
        StudioException e = assertThrows(
                StudioException.class,
                () -> new Mp4Exporter(id -> {})
                        .export(
                                ExportJob.of(none, media, ExportOptions.defaults()),
                                tmp.resolve("x.mp4"),
                                ExportProgress.NONE));
        assertTrue(e.getMessage().contains("no final video"), e.getMessage());
    }
}
