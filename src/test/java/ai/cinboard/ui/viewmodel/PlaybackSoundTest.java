package ai.cinboard.ui.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.cinboard.service.playback.PcmAudio;
import ai.cinboard.service.playback.PlaybackDevices;
import ai.cinboard.ui.task.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.Test;

/**
 * What the sound thread writes at each shuttle rate, sample for sample, into a sink that keeps it: a stereo ramp
 * (left counts up, right is its negative) makes every written frame say which frames of the sound it stands for.
 */
class PlaybackSoundTest {
    private static final int RATE = 1000;

    private final ClipPlayerTest.RecordingSink sink = new ClipPlayerTest.RecordingSink();
    private final PlaybackSound sound =
            new PlaybackSound(new PlaybackDevices(sink, () -> 0L), new CurrentThreadTaskExecutor(), new Notifier());

    /** Three seconds: frame i is (i, -i). */
    private static PcmAudio ramp() {
        short[] s = new short[3 * RATE * 2];
        for (int i = 0; i < 3 * RATE; i++) {
            s[2 * i] = (short) i;
            s[2 * i + 1] = (short) -i;
        }
        return new PcmAudio(s, RATE, 2);
    }

    /** The frames written once the picture reached {@code to}: lead included, exactly {@code frames} of them. */
    private short[] written(PlaybackSound.Feed feed, double to, int frames) throws InterruptedException {
        feed.allowUpTo(to);
        short[] got = sink.await(frames * 2);
        feed.stop();
        assertEquals(frames * 2, got.length, "as far as the picture allows, no further");
        return got;
    }

    @Test
    void atNormalSpeedTheSoundIsWrittenAsItIs() throws Exception {
        PlaybackSound.Feed feed = sound.start(ramp(), 1.0, 3.0, 1);
        // 0.5 s of picture and the 0.1 s lead
        short[] got = written(feed, 1.5, 600);
        for (int k = 0; k < 600; k++) {
            assertEquals(1000 + k, got[2 * k]);
            assertEquals(-(1000 + k), got[2 * k + 1]);
        }
    }

    @Test
    void shuttledTwiceAsFastEachFrameIsTheMeanOfTheTwoItStandsFor() throws Exception {
        PlaybackSound.Feed feed = sound.start(ramp(), 1.0, 3.0, 2);
        // 1 s of sound passes under the picture in 0.5 s of playing: 500 frames, and 100 of lead
        short[] got = written(feed, 2.0, 600);
        for (int k = 0; k < 600; k++) {
            assertEquals(1000 + 2 * k, got[2 * k], "mean of " + (1000 + 2 * k) + " and the next, rounded down");
            assertEquals(-(1000 + 2 * k), got[2 * k + 1]);
        }
    }

    @Test
    void backwardsTheSoundBeforeThePlayheadIsWrittenInReverse() throws Exception {
        PlaybackSound.Feed feed = sound.start(ramp(), 2.0, 0, -1);
        short[] got = written(feed, 1.5, 600);
        for (int k = 0; k < 600; k++) {
            assertEquals(1999 - k, got[2 * k]);
            assertEquals(-(1999 - k), got[2 * k + 1]);
        }
    }

    @Test
    void backwardsAtFourTimesTheSpeedTheSoundStopsAtTheStart() throws Exception {
        PlaybackSound.Feed feed = sound.start(ramp(), 1.0, 0, -4);
        // 1 s of sound back to the start is 250 frames at 4×; the picture has gone past it
        short[] got = written(feed, 0, 250);
        for (int k = 0; k < 250; k++) {
            int first = 1000 - 4 * (k + 1);
            assertEquals((first + first + 1 + first + 2 + first + 3) / 4, got[2 * k]);
        }
    }

    @Test
    void backwardsFromPastTheEndOfTheSoundItWaitsForThePictureToReachIt() throws Exception {
        // the timeline is longer than this 3 s sound; the playhead goes back from 4.0
        PlaybackSound.Feed feed = sound.start(ramp(), 4.0, 0, -1);
        feed.allowUpTo(3.5);
        feed.allowUpTo(3.2);
        short[] got = written(feed, 3.0, 100);
        assertEquals(2999, got[0], "the sound's last frame first, once the picture is there");
    }

    @Test
    void nothingIsStartedWhereThereIsNoSoundAndARateMustBeWhole() {
        assertNull(sound.start(ramp(), 3.0, 3.0, 1), "at the end, forward");
        assertNull(sound.start(ramp(), 0, 0, -2), "at the start, backward");
        assertThrows(IllegalArgumentException.class, () -> sound.start(ramp(), 1.0, 3.0, 1.5));
    }
}
