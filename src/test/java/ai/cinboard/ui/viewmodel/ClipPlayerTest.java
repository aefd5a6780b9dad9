package ai.cinboard.ui.viewmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.service.playback.AudioOutput;
import ai.cinboard.service.playback.PlaybackDevices;
import ai.cinboard.ui.demo.InMemoryStudio;
import ai.cinboard.ui.task.CurrentThreadTaskExecutor;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Storyboard clip playback on the demo services, with a clock the test moves and a sink that keeps the sound. */
class ClipPlayerTest {
    /** Keeps every sample written; a test waits on it for the sound thread. */
    static final class RecordingSink implements AudioOutput {
        private short[] samples = new short[0];

        @Override
        public Line open(int sampleRate, int channels) {
            return new Line() {
                @Override
                public void write(short[] s, int offset, int frames) {
                    keep(s, offset, frames * channels);
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };
        }

        private synchronized void keep(short[] s, int offset, int n) {
            int at = samples.length;
            samples = Arrays.copyOf(samples, at + n);
            System.arraycopy(s, offset, samples, at, n);
            notifyAll();
        }

        /** Waits (at most a minute: a stuck sound thread fails the test) until {@code n} samples were written. */
        synchronized short[] await(int n) throws InterruptedException {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (samples.length < n && System.nanoTime() < deadline) wait(1000);
            return samples.clone();
        }
    }

    private final InMemoryStudio studio = new InMemoryStudio();
    private final long[] now = {0};
    private final RecordingSink sink = new RecordingSink();
    private final StudioViewModel vm = new StudioViewModel(
            studio,
            studio,
            studio,
            studio,
            studio,
            new CurrentThreadTaskExecutor(),
            new PlaybackDevices(sink, () -> now[0]));
    private final ClipPlayer player = vm.storyboard().player();

    ClipPlayerTest() {
        vm.openProject(1);
    }

    @AfterEach
    void close() throws Exception {
        vm.close(); // stops what a test left playing, as the window does
    }

    private SceneRow scene(int index) {
        return vm.model().scenes().get(index);
    }

    private void run(double seconds) {
        now[0] += Math.round(seconds * 1e9);
        player.tick();
    }

    @Test
    void aScenesClipPlaysInlineFromItsStartToItsEndWithTheVoiceoverOfThoseSeconds() throws Exception {
        SceneRow second = scene(1);
        player.playScene(second);
        ClipPlayer.Span span = player.playingProperty().get();
        assertTrue(span.inline());
        assertSame(second, span.scene());
        assertEquals(0, span.from());
        assertEquals(second.seconds(), span.until());
        assertSamePixels(
                studio.videoFrame(second.clipUrl(), 0, 320, 180),
                player.frameProperty().get());

        run(1.5);
        assertEquals(1.5, player.positionProperty().get(), 1e-9);
        assertSamePixels(
                studio.videoFrame(second.clipUrl(), 1.5, 320, 180),
                player.frameProperty().get());
        // Scene 2 starts 4 s into the edit: its voiceover is the voiceover's from 4 s on, up to 0.1 s ahead.
        int from = 4 * 48_000 * 2, to = (int) Math.round((4 + 1.5 + 0.1) * 48_000) * 2;
        short[] voiceover =
                studio.audio(vm.model().voiceoverUrlProperty().get()).samples();
        assertArrayEquals(Arrays.copyOfRange(voiceover, from, to), sink.await(to - from));

        run(second.seconds());
        assertNull(player.playingProperty().get(), "it stops at the clip's end");
        assertNull(player.frameProperty().get(), "and the row shows its keyframes again");
    }

    @Test
    void pressedAgainItStops() {
        player.playScene(scene(0));
        player.playScene(scene(0));
        assertNull(player.playingProperty().get());
    }

    @Test
    void aroundAKeyframeItsSecondsPlayInThePreviewWithinTheClip() {
        StoryboardViewModel sb = vm.storyboard();
        SceneRow first = scene(0); // 4 s, keyframes at 0, 1 and 2 s
        KeyframeItem last = first.keyframes().get(2);
        sb.selectedProperty().set(last);
        sb.playAroundSelected();
        ClipPlayer.Span span = player.playingProperty().get();
        assertFalse(span.inline());
        assertSame(last, span.keyframe());
        assertEquals(0.5, span.from(), 1e-9, "1.5 s before the keyframe at 2 s");
        assertEquals(3.5, span.until(), 1e-9);
        assertSamePixels(
                studio.videoFrame(first.clipUrl(), 0.5, 640, 360),
                player.frameProperty().get());

        sb.selectedProperty().set(first.keyframes().get(0));
        assertNull(player.playingProperty().get(), "another keyframe selected: the preview shows it");
        sb.playAroundSelected();
        assertEquals(0, player.playingProperty().get().from(), "moved to lie within the clip");
        assertEquals(3, player.playingProperty().get().until(), 1e-9);
    }

    @Test
    void oneThingPlaysAtATime() {
        TimelineViewModel timeline = vm.timeline();
        player.playScene(scene(0));
        timeline.togglePlay();
        assertTrue(timeline.playingProperty().get());
        assertNull(player.playingProperty().get(), "the timeline stopped the clip");
        player.playScene(scene(0));
        assertFalse(timeline.playingProperty().get(), "the clip paused the timeline");
        vm.storyboard().moveScene(0, 1);
        assertNull(player.playingProperty().get(), "a reorder moves the scene in the edit: it stops");
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
        assertEquals(expected.getWidth(), actual.getWidth());
        assertEquals(expected.getHeight(), actual.getHeight());
        for (int y = 0; y < expected.getHeight(); y++)
            for (int x = 0; x < expected.getWidth(); x++)
                assertEquals(expected.getRGB(x, y), actual.getRGB(x, y), "pixel " + x + "," + y);
    }
}
