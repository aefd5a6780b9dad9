package ai.cinboard.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.Transition;
import ai.cinboard.service.MediaPreviewService;
import ai.cinboard.service.playback.AudioOutput;
import ai.cinboard.service.playback.PcmAudio;
import ai.cinboard.service.playback.PlaybackDevices;
import ai.cinboard.ui.view.Theme;
import ai.cinboard.ui.viewmodel.ClipPlayer;
import ai.cinboard.ui.viewmodel.SceneRow;
import ai.cinboard.ui.viewmodel.TimelineViewModel;
import ai.cinboard.ui.viewmodel.TimelineViewModel.Source;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Timeline playback on the real stack ("The Last Ferry" rendered by the offline engine, its espeak voiceover
 * decoded by the bundled FFmpeg), with an injected clock that the test moves itself and an audio sink that counts
 * the frames it is given: no sleeps, no real sound card.
 */
@ExtendWith(ApplicationExtension.class)
class PlaybackWindowTest {
    static {
        StudioFixture.preferNativeText();
    }

    /**
     * Counts what playback writes, and keeps the samples written since {@link #record()}; never blocks, like a
     * device with an endless buffer.
     */
    static final class CountingSink implements AudioOutput {
        final AtomicLong frames = new AtomicLong();
        final AtomicInteger opened = new AtomicInteger();
        volatile int rate;
        private short[] recorded = new short[0];
        private int recordedLength;

        synchronized void record() {
            recorded = new short[48_000 * 2 * 4];
            recordedLength = 0;
        }

        synchronized short[] recorded() {
            return Arrays.copyOf(recorded, recordedLength);
        }

        private synchronized void keep(short[] samples, int offset, int count) {
            if (recordedLength + count > recorded.length) {
                recorded = Arrays.copyOf(recorded, Math.max(recorded.length * 2, recordedLength + count));
            }
            System.arraycopy(samples, offset, recorded, recordedLength, count);
            recordedLength += count;
        }

        @Override
        public Line open(int sampleRate, int channels) {
            rate = sampleRate;
            opened.incrementAndGet();
            return new Line() {
                @Override
                public void write(short[] samples, int offset, int n) {
                    assertTrue(offset + n * channels <= samples.length);
                    keep(samples, offset, n * channels);
                    frames.addAndGet(n);
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };
        }
    }

    private static RenderedStudio demo;
    private static int ferry;
    private static final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private static final CountingSink sink = new CountingSink();
    private final StudioFixture fx =
            new StudioFixture(demo.services.withPlayback(new PlaybackDevices(sink, clock::get)));

    @BeforeAll
    static void render() {
        demo = new RenderedStudio(320, 180);
        ferry = demo.render("ferry.fountain");
    }

    @AfterAll
    static void close() {
        demo.close();
    }

    @Start
    void start(Stage stage) {
        fx.start(stage, 1280, 800);
    }

    @AfterEach
    void stop() {
        fx.stop();
    }

    private TimelineViewModel openTimeline() {
        TimelineViewModel tl = fx.window.viewModel().timeline();
        StudioFixture.fx(() -> fx.window.viewModel().openProject(ferry));
        StudioFixture.await(
                "project", () -> fx.window.viewModel().model().scenes().size() > 0);
        StudioFixture.fx(() -> fx.window.selectView(3));
        // The rendered project's final video is current: once the service has said so, it is what plays.
        StudioFixture.await("the final video plays", () -> tl.sourceProperty().get() == Source.FINAL_VIDEO);
        StudioFixture.await("its sound decoded", () -> tl.soundReadyProperty().get());
        return tl;
    }

    /** Moves the injected clock by {@code ms} in 40 ms steps, each followed by a tick on the FX thread. */
    private static void runClock(TimelineViewModel tl, int ms) {
        runClock(tl::tick, ms);
    }

    private static void runClock(Runnable tick, int ms) {
        for (int t = 0; t < ms; t += 40) {
            clock.addAndGet(40_000_000L);
            StudioFixture.fx(tick);
        }
    }

    @Test
    void playForTwoSecondsMovesThePlayheadTwoSecondsWithSound(FxRobot robot) {
        TimelineViewModel tl = openTimeline();
        StudioFixture.fx(() -> tl.seek(0));
        long before = sink.frames.get();
        robot.clickOn("#play-pause");
        assertTrue(tl.playingProperty().get());
        runClock(tl, 2000);
        assertEquals(2.0, tl.playheadProperty().get(), 1e-6, "the playhead follows the clock");
        // The sound is written up to 0.1 s ahead of the playhead: 2.1 s of 48 kHz frames in all.
        long expected = Math.round((2.0 + 0.1) * 48_000);
        StudioFixture.await("sound delivered", () -> sink.frames.get() - before >= expected);
        assertEquals(48_000, sink.rate);
        assertEquals(expected, sink.frames.get() - before, "no more sound than the playhead allows");
        robot.clickOn("#play-pause");
        assertFalse(tl.playingProperty().get());
        runClock(tl, 400);
        assertEquals(2.0, tl.playheadProperty().get(), 1e-6, "paused: the clock no longer moves it");
        fx.settle();
    }

    /**
     * Plays 0.76 s across the cut into scene 2, which opens with a 0.5 s crossfade: stops inside it, where the
     * final video shows both scenes blended and the clip only its own picture. Returns where the playhead stopped
     * and checks the sound written is the played file's own, sample for sample, from the start of play.
     */
    private double playAcrossTheCutInto(FxRobot robot, TimelineViewModel tl, SceneRow second, PcmAudio expectedSound) {
        double from = tl.startOf(1) - 0.52;
        StudioFixture.fx(() -> tl.seek(from));
        sink.record();
        robot.clickOn("#play-pause");
        assertTrue(tl.playingProperty().get());
        runClock(tl, 760);
        double at = tl.playheadProperty().get();
        assertEquals(tl.startOf(1) + 0.24, at, 1e-6);
        long first = Math.round(from * 48_000), last = Math.round((at + 0.1) * 48_000);
        int expected = (int) (last - first) * 2;
        StudioFixture.await("sound delivered", () -> sink.recorded().length >= expected);
        robot.clickOn("#play-pause");
        assertFalse(tl.playingProperty().get());
        short[] written = sink.recorded();
        assertEquals(expected, written.length, "sound up to 0.1 s past the playhead");
        assertArrayEquals(
                Arrays.copyOfRange(expectedSound.samples(), (int) first * 2, (int) last * 2),
                written,
                "the sound written is the played file's own");
        return at;
    }

    @Test
    void withACurrentFinalVideoPlayPlaysItAndAfterAnEditTheClips(FxRobot robot) throws Exception {
        TimelineViewModel tl = openTimeline();
        MediaPreviewService media = demo.services.media();
        var model = fx.window.viewModel().model();
        Label state = robot.lookup("#final-video-state").queryAs(Label.class);
        assertEquals("Final video up to date: Play shows it", state.getText());
        String finalVideo = model.finalVideoUrlProperty().get();
        SceneRow second = model.scenes().get(1);
        assertEquals(
                Transition.Kind.CROSSFADE, second.transitionProperty().get().kind());
        PcmAudio finalSound = media.audio(finalVideo);
        PcmAudio voiceover = media.audio(model.voiceoverUrlProperty().get());
        assertTrue(
                difference(finalSound, voiceover) > 0.01,
                "the final mix is not the voiceover as it is (loudness, music bed)");

        double at = playAcrossTheCutInto(robot, tl, second, finalSound);
        double local = at - tl.startOf(1);
        BufferedImage finalFrame = media.videoFrame(finalVideo, at, 640, 360);
        BufferedImage clipFrame = media.videoFrame(second.clipUrl(), local, 640, 360);
        StudioFixture.await(
                "the final video's frame shown",
                () -> samePixels(finalFrame, tl.frameProperty().get()));
        double crossfade = meanDifference(finalFrame, clipFrame);
        assertTrue(crossfade > 8, "mid-crossfade the final video differs from the clip: " + crossfade);
        fx.settle();
        StudioFixture.screenshot(fx.stage.getScene(), "timeline-final-video.png");

        // A transition changes only the final video: it goes stale and Play falls back to the clips.
        StudioFixture.fx(() -> fx.window.viewModel().storyboard().setTransition(second, Transition.Kind.CUT, 0));
        StudioFixture.await(
                "the final video is stale", () -> tl.sourceProperty().get() == Source.CLIPS);
        assertEquals("Final video stale: Play shows the clips; render changes to update it", state.getText());
        StudioFixture.await(
                "the voiceover decoded", () -> tl.soundReadyProperty().get());
        assertEquals(at, playAcrossTheCutInto(robot, tl, second, voiceover), 1e-6);
        StudioFixture.await(
                "the clip's frame shown",
                () -> samePixels(clipFrame, tl.frameProperty().get()));
        fx.settle();
        StudioFixture.screenshot(fx.stage.getScene(), "timeline-clips-fallback.png");

        StudioFixture.fx(() -> fx.window.viewModel().commands().undo());
        StudioFixture.await(
                "undone: the final video is current and plays again",
                () -> tl.sourceProperty().get() == Source.FINAL_VIDEO);
        fx.settle();
    }

    @Test
    void aScenesClipPlaysInlineInItsRowAndAroundAKeyframeInTheLargePreview(FxRobot robot) throws Exception {
        StudioFixture.fx(() -> fx.window.viewModel().openProject(ferry));
        StudioFixture.await(
                "project", () -> fx.window.viewModel().model().scenes().size() > 1);
        StudioFixture.fx(() -> fx.window.selectView(1));
        ClipPlayer player = fx.window.viewModel().storyboard().player();
        StudioFixture.await(
                "the voiceover decoded", () -> player.soundReadyProperty().get());
        fx.settle();
        MediaPreviewService media = demo.services.media();
        var model = fx.window.viewModel().model();
        SceneRow second = model.scenes().get(1);
        double sceneStart = model.scenes().get(0).seconds();
        short[] voiceover = media.audio(model.voiceoverUrlProperty().get()).samples();

        sink.record();
        robot.clickOn(robot.lookup("#play-scene-2").match(Node::isVisible).queryButton());
        ClipPlayer.Span inline = player.playingProperty().get();
        assertNotNull(inline, "the row's button plays its clip");
        assertTrue(inline.inline());
        assertSame(second, inline.scene());
        runClock(player::tick, 1000);
        assertEquals(1.0, player.positionProperty().get(), 1e-6);
        assertVoiceover(voiceover, sceneStart, sceneStart + 1.0);
        BufferedImage at1 = media.videoFrame(second.clipUrl(), 1.0, 320, 180);
        ImageView rowFrame = robot.lookup("#scene-clip-frame").queryAs(ImageView.class);
        StudioFixture.await(
                "the clip's frame at 1 s in the row",
                () -> samePixels(at1, player.frameProperty().get()));
        assertTrue(rowFrame.isVisible() && rowFrame.getImage() != null, "shown in the row");
        assertSame(
                second,
                ((javafx.scene.control.ListCell<?>) ancestor(rowFrame, javafx.scene.control.ListCell.class)).getItem(),
                "in scene 2's row");
        fx.settle();
        StudioFixture.screenshot(fx.stage.getScene(), "storyboard-inline-play.png");
        robot.clickOn(robot.lookup("#play-scene-2").match(Node::isVisible).queryButton());
        assertNull(player.playingProperty().get(), "pressed again, it stops");
        StudioFixture.await("the row shows its keyframes again", () -> rowFrame.getScene() == null);

        Region secondsFirstKeyframe = robot.from(fx.window.storyboard().list())
                .lookup("." + Theme.THUMB)
                .nth(3)
                .queryAs(Region.class);
        robot.clickOn(secondsFirstKeyframe);
        StudioFixture.await(
                "scene 2's first keyframe selected",
                () -> fx.window.viewModel().storyboard().selectedScene() == second);
        sink.record();
        robot.clickOn("#keyframe-play");
        ClipPlayer.Span around = player.playingProperty().get();
        assertNotNull(around, "the preview's button plays around the keyframe");
        assertFalse(around.inline());
        assertEquals(ClipPlayer.AROUND_KEYFRAME_SECONDS, around.until() - around.from(), 1e-9);
        runClock(player::tick, 1000);
        double at = around.from() + 1.0;
        assertEquals(at, player.positionProperty().get(), 1e-6);
        assertVoiceover(voiceover, sceneStart + around.from(), sceneStart + at);
        BufferedImage expected = media.videoFrame(second.clipUrl(), at, 640, 360);
        StudioFixture.await(
                "the clip's frame in the large preview",
                () -> samePixels(expected, player.frameProperty().get()));
        ImageView previewFrame = robot.lookup("#keyframe-clip-frame").queryAs(ImageView.class);
        assertNotNull(previewFrame.getImage(), "shown over the keyframe");
        assertEquals("■ Stop", robot.lookup("#keyframe-play").queryButton().getText());
        fx.settle();
        StudioFixture.screenshot(fx.stage.getScene(), "storyboard-play-around-keyframe.png");
        runClock(player::tick, 2040);
        assertNull(player.playingProperty().get(), "it stops at the end of the span");
        assertNull(previewFrame.getImage(), "and the preview shows the keyframe again");
        fx.settle();
    }

    /** The sound written since {@link CountingSink#record()} is the voiceover from {@code from} to 0.1 s past {@code to}. */
    private static void assertVoiceover(short[] voiceover, double from, double to) {
        int first = (int) Math.round(from * 48_000) * 2, last = (int) Math.round((to + 0.1) * 48_000) * 2;
        StudioFixture.await("sound delivered", () -> sink.recorded().length >= last - first);
        assertArrayEquals(
                Arrays.copyOfRange(voiceover, first, last),
                sink.recorded(),
                "the voiceover of those seconds of the edit");
    }

    private static Node ancestor(Node node, Class<?> type) {
        Node n = node;
        while (n != null && !type.isInstance(n)) n = n.getParent();
        return n;
    }

    private static double difference(PcmAudio a, PcmAudio b) {
        int n = Math.min(a.samples().length, b.samples().length);
        double sum = 0;
        for (int i = 0; i < n; i++) sum += Math.abs(a.samples()[i] - b.samples()[i]);
        return sum / Math.max(1, n) / 32768;
    }

    /** Mean absolute difference per colour channel, 0..255. */
    private static double meanDifference(BufferedImage a, BufferedImage b) {
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getHeight(), b.getHeight());
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y), q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8)
                    sum += Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff));
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }

    private static boolean samePixels(BufferedImage a, BufferedImage b) {
        return b != null && a.getWidth() == b.getWidth() && a.getHeight() == b.getHeight() && meanDifference(a, b) == 0;
    }

    @Test
    void spaceAndJklShuttleAndArrowsStepFrames(FxRobot robot) {
        TimelineViewModel tl = openTimeline();
        // The keys go to the focused timeline (a click on the tracks focuses it, unless it lands on a trim handle).
        StudioFixture.fx(() -> fx.window.root().lookup("#timeline-canvas").requestFocus());
        assertTrue(fx.window.root().lookup("#timeline-canvas").isFocused());
        assertTrue(tl.totalSeconds() > 5, "the sample is long enough to shuttle in: " + tl.totalSeconds());
        StudioFixture.fx(() -> tl.seek(1.0));
        robot.type(KeyCode.SPACE);
        assertEquals(1.0, tl.rateProperty().get());
        runClock(tl, 1000);
        assertEquals(2.0, tl.playheadProperty().get(), 1e-6);
        robot.type(KeyCode.SPACE);
        assertEquals(0.0, tl.rateProperty().get());

        robot.type(KeyCode.L);
        assertEquals(1.0, tl.rateProperty().get());
        robot.type(KeyCode.L);
        assertEquals(2.0, tl.rateProperty().get(), "L again: twice as fast");
        runClock(tl, 1000);
        assertEquals(4.0, tl.playheadProperty().get(), 1e-6);
        robot.type(KeyCode.K);
        assertEquals(0.0, tl.rateProperty().get());
        robot.type(KeyCode.J);
        assertEquals(-1.0, tl.rateProperty().get());
        runClock(tl, 1000);
        assertEquals(3.0, tl.playheadProperty().get(), 1e-6, "J plays backwards");
        robot.type(KeyCode.K);

        robot.type(KeyCode.RIGHT);
        assertEquals(
                3.0 + TimelineViewModel.FRAME_SECONDS, tl.playheadProperty().get(), 1e-6);
        robot.type(KeyCode.LEFT);
        robot.type(KeyCode.LEFT);
        assertEquals(
                3.0 - TimelineViewModel.FRAME_SECONDS, tl.playheadProperty().get(), 1e-6);
        robot.type(KeyCode.END);
        assertEquals(tl.totalSeconds(), tl.playheadProperty().get(), 1e-6);
        robot.type(KeyCode.HOME);
        assertEquals(0.0, tl.playheadProperty().get(), 1e-6);
        assertFalse(tl.playingProperty().get());
        fx.settle();
    }
}
