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
        return start(pcm, fromSeconds, untilSeconds, 1);
    }

    /**
     * As {@link #start(PcmAudio, double, double)}, played at {@code rate} times its speed: 2 plays every second of
     * the sound in half a second, higher, as a tape shuttled forward does; -1 plays it backwards, towards {@code
     * untilSeconds} (then before {@code fromSeconds}). Each frame written at a rate of 2 or more is the mean of the
     * frames it stands for, which keeps the faster sound from turning into noise.
     */
    Feed start(PcmAudio pcm, double fromSeconds, double untilSeconds, double rate) {
        int step = (int) Math.round(Math.abs(rate));
        if (step < 1 || step != Math.abs(rate)) {
            throw new IllegalArgumentException("A whole rate, forward or backward, not " + rate);
        }
        long from = Math.max(0, Math.min(pcm.frames(), Math.round(fromSeconds * pcm.sampleRate())));
        long until = Math.max(0, Math.min(pcm.frames(), Math.round(untilSeconds * pcm.sampleRate())));
        long frames = (rate > 0 ? until - from : from - until) / step;
        if (frames <= 0) return null;
        Feed feed = new Feed(pcm, from, rate > 0 ? step : -step, frames);
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
     * Without a device it ends at once and playback goes on silently. It counts in frames written: at a rate of
     * {@code step} the {@code k}th stands for the sound's frames from {@code from + k * step} on (backwards, those
     * just before {@code from - k * |step|}).
     */
    final class Feed implements Runnable {
        private final PcmAudio pcm;
        private final long from;
        private final int step;
        private final long end;
        private long written;
        private long allowed;
        private boolean stopped;

        private Feed(PcmAudio pcm, long from, int step, long end) {
            this.pcm = pcm;
            this.from = from;
            this.step = step;
            this.end = end;
        }

        /**
         * The picture has reached {@code seconds} (time in the sound): sound up to just past it may be written.
         * Counted from where the sound starts, so a picture still short of it (going backwards from past the sound's
         * end) lets nothing through until it is within the lead.
         */
        synchronized void allowUpTo(double seconds) {
            double moved = (seconds * pcm.sampleRate() - from) * Integer.signum(step);
            double played = moved / Math.abs(step) / pcm.sampleRate();
            long frame = Math.round((played + LEAD_SECONDS) * pcm.sampleRate());
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
            short[] chunk = step == 1 ? null : new short[CHUNK_FRAMES * pcm.channels()];
            try (line) {
                while (true) {
                    long at;
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
                        at = written;
                        frames = (int) Math.min(CHUNK_FRAMES, allowed - written);
                        written += frames;
                    }
                    if (chunk == null) {
                        line.write(pcm.samples(), (int) ((from + at) * pcm.channels()), frames);
                    } else {
                        shuttled(at, frames, chunk);
                        line.write(chunk, 0, frames);
                    }
                }
                if (stopped) line.flush();
            }
        }

        /** Written frames {@code at} to {@code at + frames} at this rate, each the mean of the frames it stands for. */
        private void shuttled(long at, int frames, short[] into) {
            int channels = pcm.channels();
            int n = Math.abs(step);
            short[] samples = pcm.samples();
            for (int k = 0; k < frames; k++) {
                // the first sound frame this one stands for; backwards, the frames just before the position
                long first = step > 0 ? from + (at + k) * n : from - (at + k + 1) * n;
                for (int c = 0; c < channels; c++) {
                    long sum = 0;
                    for (int j = 0; j < n; j++) {
                        sum += samples[(int) ((first + j) * channels + c)];
                    }
                    into[k * channels + c] = (short) (sum / n);
                }
            }
        }
    }
}
