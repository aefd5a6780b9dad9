package ai.cinboard.generation.local;

import ai.cinboard.generation.CharacterLook;
import ai.cinboard.generation.ClipRequest;
import ai.cinboard.generation.GeneratedClip;
import ai.cinboard.generation.KeyframeRequest;
import ai.cinboard.generation.Progress;
import ai.cinboard.generation.ShotType;
import ai.cinboard.media.ffmpeg.FrameExtractor;
import ai.cinboard.media.ffmpeg.MediaInfo;
import ai.cinboard.media.ffmpeg.MediaProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalVideoEngineTest {
    @TempDir
    Path dir;

    List<Path> keyframes(String caption) throws Exception {
        LocalImageEngine img = new LocalImageEngine();
        List<CharacterLook> cast = List.of(new CharacterLook("Mara", "", "char:mara:7f3a", null));
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            KeyframeRequest r = new KeyframeRequest(i == 1 ? "INT. KITCHEN - NIGHT" : "EXT. FOREST - DAY", "", "", "",
                    "", caption, "en", ShotType.forSequence(i), cast, 100 + i, 320, 180);
            Path p = dir.resolve("kf" + i + ".png");
            Files.write(p, img.keyframe(r, Progress.NONE).bytes());
            out.add(p);
        }
        return out;
    }

    @Test
    void clipIsH264AacOfTheRequestedDurationAndMovesDeterministically() throws Exception {
        List<Path> kf = keyframes("A walk in the woods.");
        LocalVideoEngine engine = new LocalVideoEngine();
        ClipRequest req = new ClipRequest(kf, List.of(0.4, 1.25, 2.1), 2.5, 320, 180, 12, null, dir.resolve("clip.mp4"));
        GeneratedClip clip = engine.clip(req, Progress.NONE);
        MediaInfo info = MediaProbe.probeAndDecode(clip.file());
        assertEquals("h264", info.videoCodec());
        assertEquals("aac", info.audioCodec());
        assertEquals(2.5, info.durationSeconds(), 0.1);
        assertEquals(30, info.decodedFrames());
        assertTrue(info.decodesCleanly());
        assertEquals(320, info.width());
        assertEquals(12.0, info.fps(), 0.01);
        BigDecimal q = QualityScores.clip(info, 2.5);
        assertTrue(q.compareTo(new BigDecimal("0.90")) >= 0, "clip quality " + q);

        // the middle keyframe (a night interior) is what shows at its time; the first (a day forest) at the start
        try (FrameExtractor fx = new FrameExtractor(clip.file())) {
            BufferedImage start = fx.frameAt(0.1);
            BufferedImage middle = fx.frameAt(1.25);
            assertTrue(topLuma(start) > topLuma(middle) + 40, topLuma(start) + " vs " + topLuma(middle));
        }

        GeneratedClip again = engine.clip(new ClipRequest(kf, List.of(0.4, 1.25, 2.1), 2.5, 320, 180, 12, null,
                dir.resolve("clip2.mp4")), Progress.NONE);
        assertEquals(clip.generationParams().get("camera_moves"), again.generationParams().get("camera_moves"));
        GeneratedClip other = engine.clip(new ClipRequest(keyframes("Another scene."), null, 2.0, 320, 180, 12, null,
                dir.resolve("clip3.mp4")), Progress.NONE);
        assertNotEquals(clip.generationParams().get("camera_moves"), other.generationParams().get("camera_moves"));
        assertEquals(2.0, MediaProbe.probe(other.file()).durationSeconds(), 0.1);
    }

    private static double topLuma(BufferedImage img) {
        double s = 0;
        int n = 0;
        for (int y = 0; y < img.getHeight() / 3; y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                s += 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
                n++;
            }
        }
        return s / n;
    }
}
