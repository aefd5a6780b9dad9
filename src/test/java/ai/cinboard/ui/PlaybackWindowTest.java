package ai.cinboard.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.service.playback.AudioOutput;
import ai.cinboard.service.playback.PlaybackDevices;
import ai.cinboard.ui.viewmodel.TimelineViewModel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.input.KeyCode;
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

    /** Counts what playback writes; never blocks, like a device with an endless buffer. */
    static final class CountingSink implements AudioOutput {
        final AtomicLong frames = new AtomicLong();
        final AtomicInteger opened = new AtomicInteger();
        volatile int rate;

        @Override
        public Line open(int sampleRate, int channels) {
            rate = sampleRate;
            opened.incrementAndGet();
            return new Line() {
                @Override
                public void write(short[] samples, int offset, int n) {
                    assertTrue(offset + n * channels <= samples.length);
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
        StudioFixture.await("voiceover decoded", () -> tl.soundReadyProperty().get());
        return tl;
    }

    /** Moves the injected clock by {@code ms} in 40 ms steps, each followed by a tick on the FX thread. */
    private static void runClock(TimelineViewModel tl, int ms) {
        for (int t = 0; t < ms; t += 40) {
            clock.addAndGet(40_000_000L);
            StudioFixture.fx(tl::tick);
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
