package ai.cinboard.media.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.StudioException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeldEndTest {

    /** A 1 s clip at 12 fps whose frames go from black to white, so every frame can be told apart. */
    private static Path ramp(Path dir) {
        Path clip = dir.resolve("ramp.mp4");
        try (AnimaticEncoder enc = new AnimaticEncoder(clip, 64, 36, 12, null)) {
            for (int i = 0; i < 12; i++) {
                BufferedImage frame = new BufferedImage(64, 36, BufferedImage.TYPE_3BYTE_BGR);
                Graphics2D g = frame.createGraphics();
                int grey = i * 255 / 11;
                g.setColor(new Color(grey, grey, grey));
                g.fillRect(0, 0, 64, 36);
                g.dispose();
                enc.writeFrame(frame);
            }
            enc.finish();
        }
        return clip;
    }

    private static int grey(BufferedImage image) {
        return image.getRGB(32, 18) & 0xff;
    }

    @Test
    void theCopyPlaysTheClipThenHoldsItsLastPictureForTheHandle(@TempDir Path dir) {
        Path clip = ramp(dir);
        Path copy = dir.resolve("held.mp4");
        MediaInfo info = HeldEnd.extend(clip, copy, 0.5);

        assertEquals(64, info.width());
        assertEquals(36, info.height());
        assertEquals(1.5, info.durationSeconds(), 1 / 12.0 + 1e-6, "12 frames and 6 held");
        assertEquals(18, MediaProbe.probeAndDecode(copy).decodedFrames());
        try (FrameExtractor original = new FrameExtractor(clip);
                FrameExtractor held = new FrameExtractor(copy)) {
            // the clip's own frames first, unchanged in order (a dark frame stays dark)
            assertEquals(grey(original.frameAt(0.2)), grey(held.frameAt(0.2)), 6);
            int last = grey(original.frameAt(0.96));
            assertTrue(last > 240, "the ramp ends white: " + last);
            for (double t : new double[] {1.05, 1.25, 1.45}) {
                assertEquals(last, grey(held.frameAt(t)), 6, "held at " + t + " s");
            }
        }
    }

    @Test
    void noHandleIsACopyOfTheSameLength(@TempDir Path dir) {
        Path clip = ramp(dir);
        MediaInfo info = HeldEnd.extend(clip, dir.resolve("same.mp4"), 0);
        assertEquals(MediaProbe.probe(clip).durationSeconds(), info.durationSeconds(), 1e-6);
    }

    @Test
    void aFileThatIsNoClipIsRefusedWithWhatToDo(@TempDir Path dir) throws Exception {
        Path notAClip = Files.writeString(dir.resolve("scene.mp4"), "not a video");
        StudioException e =
                assertThrows(StudioException.class, () -> HeldEnd.extend(notAClip, dir.resolve("out.mp4"), 0.5));
        assertTrue(e.getMessage().contains("Render the scene's clip again"), e.getMessage());
    }
}
