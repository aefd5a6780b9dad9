package ai.cinboard.ui.viewmodel;

import ai.cinboard.service.playback.AudioOutput;
import ai.cinboard.service.playback.PcmAudio;
import ai.cinboard.service.playback.PlaybackDevices;
import ai.cinboard.ui.task.TaskExecutor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The window's sound output, shared by everything that plays (the timeline, the storyboard's clips): one clock,
 * one device, and one "playing without sound" notice per window, whoever found the device missing.
 */
final class PlaybackSound {
    /** How far the sound may be written ahead of the picture. */
    static final double LEAD_SECONDS = 0.1;

    static final int CHUNK_FRAMES = 1024;

    private final PlaybackDevices devices;
    private final TaskExecutor executor;
    private final Notifier notifier;
    private final AtomicBoolean silentSaid = new AtomicBoolean();

    PlaybackSound(PlaybackDevices devices, TaskExecutor executor, Notifier notifier) {
        this.devices = devices;
        this.executor = executor;
        this.notifier = notifier;
    }

    /** The playback clock, in nanoseconds. */
    long now() {
        return devices.clock().getAsLong();
    }

    /**
     * Starts writing {@code pcm} from {@code fromSeconds} up to {@code untilSeconds} (times in the sound), at first
     * only {@link #LEAD_SECONDS} of it: the player lets it go on with {@link Feed#allowUpTo} as its picture moves.
     * Null when that span holds no sound.
     */
    Feed start(PcmAudio pcm, double fromSeconds, double untilSeconds) {
        long from = Math.max(0, Math.round(fromSeconds * pcm.sampleRate()));
        long until = Math.min(pcm.frames(), Math.round(untilSeconds * pcm.sampleRate()));
        if (from >= until) return null;
        Feed feed = new Feed(pcm, from, until);
        feed.allowUpTo(fromSeconds);
        // Its own thread, not the task pool: it blocks on the device for as long as playback runs.
        Thread t = new Thread(feed, "playback-sound");
        t.setDaemon(true);
        t.start();
        return feed;
    }

    /**
     * Writes a span of sound to the audio output, never more than {@link #LEAD_SECONDS} ahead of the picture, so
     * sound and picture stay in step whether the device paces the writes (a sound card) or not (a test sink).
     * Without a device it ends at once and playback goes on silently.
     */
    final class Feed implements Runnable {
        private final PcmAudio pcm;
        private final long end;
        private long written;
        private long allowed;
        private boolean stopped;

        private Feed(PcmAudio pcm, long from, long end) {
            this.pcm = pcm;
            this.end = end;
            this.written = from;
            this.allowed = from;
        }

        /** The picture has reached {@code seconds} (time in the sound): sound up to just past it may be written. */
        synchronized void allowUpTo(double seconds) {
            long frame = Math.round((seconds + LEAD_SECONDS) * pcm.sampleRate());
            allowed = Math.min(end, Math.max(allowed, frame));
            notifyAll();
        }

        /** Stops writing and drops what the device holds and has not played yet. */
        synchronized void stop() {
            stopped = true;
            notifyAll();
        }

        @Override
        public void run() {
            AudioOutput.Line line;
            try {
                line = devices.audio().open(pcm.sampleRate(), pcm.channels());
            } catch (AudioOutput.AudioUnavailableException e) {
                if (silentSaid.compareAndSet(false, true)) {
                    executor.runOnUi(() -> notifier.info(e.getMessage() + ": playing without sound."));
                }
                return;
            }
            try (line) {
                while (true) {
                    long from;
                    int frames;
                    synchronized (this) {
                        while (!stopped && written >= allowed && written < end) {
                            try {
                                wait();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                        if (stopped || written >= end) break;
                        from = written;
                        frames = (int) Math.min(CHUNK_FRAMES, allowed - written);
                        written += frames;
                    }
                    line.write(pcm.samples(), (int) (from * pcm.channels()), frames);
                }
                if (stopped) line.flush();
            }
        }
    }
}
