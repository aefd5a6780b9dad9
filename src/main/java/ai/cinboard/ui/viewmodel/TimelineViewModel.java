package ai.cinboard.ui.viewmodel;

import ai.cinboard.service.MediaPreviewService;
import ai.cinboard.service.ProjectService;
import ai.cinboard.service.playback.AudioOutput;
import ai.cinboard.service.playback.PcmAudio;
import ai.cinboard.service.playback.PlaybackDevices;
import ai.cinboard.ui.task.TaskExecutor;
import ai.cinboard.ui.task.TaskHandle;
import ai.cinboard.ui.undo.Command;
import ai.cinboard.ui.undo.CommandStack;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;

/**
 * Timeline: clip layout, playhead, zoom, play/pause state, trimming, and the frame under the playhead.
 * Frame previews are loaded in the background; only the latest request's result is shown.
 */
public final class TimelineViewModel {
    public static final double MIN_ZOOM = 4, MAX_ZOOM = 400;
    public static final BigDecimal MIN_DURATION = new BigDecimal("0.5");
    public static final int WAVEFORM_BUCKETS = 2048;

    private final ProjectModel model;
    private final ProjectService projects;
    private final MediaPreviewService media;
    private final TaskExecutor executor;
    private final CommandStack commands;
    private final Notifier notifier;
    private final EditSaver saver;

    private final DoubleProperty playhead = new SimpleDoubleProperty(this, "playhead");
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 40); // pixels per second
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing");
    private final ObjectProperty<BufferedImage> frame = new SimpleObjectProperty<>(this, "frame");
    private final ObjectProperty<float[]> waveform = new SimpleObjectProperty<>(this, "waveform", new float[0]);
    /** The music bed's own envelope (peaks over the music file, once through) and its length in seconds. */
    private final ObjectProperty<MusicTrack> music = new SimpleObjectProperty<>(this, "music");

    private final IntegerProperty layoutRevision = new SimpleIntegerProperty(this, "layoutRevision");
    private final DoubleProperty rate = new SimpleDoubleProperty(this, "rate");
    private final BooleanProperty soundReady = new SimpleBooleanProperty(this, "soundReady");
    private final PlaybackDevices devices;
    private long lastTick;
    private volatile PcmAudio sound;
    private volatile SoundFeed feed;
    /** Set by whichever sound thread first finds no device: the notice is given once per window. */
    private final java.util.concurrent.atomic.AtomicBoolean silentSaid =
            new java.util.concurrent.atomic.AtomicBoolean();
    /** One frame at the studio's default render rate (24 fps). */
    public static final double FRAME_SECONDS = 1.0 / 24;

    public static final double MAX_SHUTTLE = 8;
    /** How far the sound may be written ahead of the playhead. */
    static final double SOUND_LEAD_SECONDS = 0.1;

    static final int SOUND_CHUNK_FRAMES = 1024;
    private long previewRequest;
    private TaskHandle previewHandle = TaskHandle.DONE;

    public TimelineViewModel(
            ProjectModel model,
            ProjectService projects,
            MediaPreviewService media,
            TaskExecutor executor,
            CommandStack commands,
            Notifier notifier,
            EditSaver saver) {
        this(model, projects, media, executor, commands, notifier, saver, PlaybackDevices.standard());
    }

    public TimelineViewModel(
            ProjectModel model,
            ProjectService projects,
            MediaPreviewService media,
            TaskExecutor executor,
            CommandStack commands,
            Notifier notifier,
            EditSaver saver,
            PlaybackDevices devices) {
        this.devices = devices;
        this.saver = saver;
        this.model = model;
        this.projects = projects;
        this.media = media;
        this.executor = executor;
        this.commands = commands;
        this.notifier = notifier;
        model.scenes().addListener((javafx.collections.ListChangeListener<SceneRow>) c -> relayout());
        model.voiceoverUrlProperty().addListener((o, a, url) -> {
            loadWaveform(url);
            loadSound(url);
        });
        model.musicUrlProperty().addListener((o, a, url) -> loadMusic(url));
        model.musicNameProperty().addListener((o, a, b) -> relayout());
        zoom.addListener((o, a, b) -> relayout());
        model.revisionProperty().addListener((o, a, b) -> {
            relayout();
            requestFrame();
        });
    }

    /**
     * The project's music bed as the timeline shows it, on its own track: its name, its length, and its envelope
     * ({@link #WAVEFORM_BUCKETS} peaks in 0..1 over the file once through). The final mix loops or trims it to the
     * video, fades it in and out and ducks it under the voice.
     */
    public record MusicTrack(String url, String name, double seconds, float[] envelope) {
        /** The envelope's peak at {@code t} seconds into the video (the bed loops). */
        public float peakAt(double t) {
            if (envelope.length == 0 || seconds <= 0) return 0;
            double within = t % seconds;
            return envelope[Math.min(envelope.length - 1, (int) (within / seconds * envelope.length))];
        }
    }

    private void loadMusic(String url) {
        music.set(null);
        if (url == null) return;
        String name = model.musicNameProperty().get();
        executor.submit(
                () -> {
                    ai.cinboard.service.playback.PcmAudio pcm = media.audio(url);
                    return new MusicTrack(url, name, pcm.seconds(), envelope(pcm, WAVEFORM_BUCKETS));
                },
                track -> {
                    if (url.equals(model.musicUrlProperty().get())) music.set(track);
                },
                e -> notifier.error("Reading the music", e));
    }

    /** Peaks of {@code pcm} (all channels) in {@code buckets} equal parts, in 0..1. */
    static float[] envelope(ai.cinboard.service.playback.PcmAudio pcm, int buckets) {
        float[] peaks = new float[buckets];
        short[] s = pcm.samples();
        long frames = pcm.frames();
        if (frames == 0) return peaks;
        int ch = pcm.channels();
        for (int b = 0; b < buckets; b++) {
            long from = frames * b / buckets;
            long to = Math.max(from + 1, frames * (b + 1) / buckets);
            int peak = 0;
            for (long f = from; f < to && f < frames; f++) {
                for (int c = 0; c < ch; c++) peak = Math.max(peak, Math.abs((int) s[(int) (f * ch + c)]));
            }
            peaks[b] = peak / 32768f;
        }
        return peaks;
    }

    /** The name of the project's music file (null: no music), known before the music is decoded. */
    public javafx.beans.property.ReadOnlyObjectProperty<String> musicNameProperty() {
        return model.musicNameProperty();
    }

    /** The project's music track, or null without music (or until it is decoded). */
    public ObjectProperty<MusicTrack> musicProperty() {
        return music;
    }

    private void relayout() {
        layoutRevision.set(layoutRevision.get() + 1);
        if (playhead.get() > totalSeconds()) playhead.set(totalSeconds());
    }

    private void loadWaveform(String url) {
        waveform.set(new float[0]);
        if (url == null) return;
        executor.submit(
                () -> media.waveform(url, WAVEFORM_BUCKETS),
                waveform::set,
                e -> notifier.error("Reading the voiceover", e));
    }

    /** What is stale in the project: stale clips and the final video are marked on the tracks. */
    public javafx.beans.property.ReadOnlyObjectProperty<ai.cinboard.service.ProjectStaleness> stalenessProperty() {
        return model.stalenessProperty();
    }

    public ObservableList<SceneRow> clips() {
        return model.scenes();
    }

    public double totalSeconds() {
        double t = 0;
        for (SceneRow r : model.scenes()) t += r.seconds();
        return t;
    }

    /** Start time of the clip at {@code index}. */
    public double startOf(int index) {
        double t = 0;
        for (int i = 0; i < index && i < model.scenes().size(); i++)
            t += model.scenes().get(i).seconds();
        return t;
    }

    /** Index of the clip under time {@code t} (last clip when past the end), or -1 when empty. */
    public int clipAt(double t) {
        double start = 0;
        for (int i = 0; i < model.scenes().size(); i++) {
            double end = start + model.scenes().get(i).seconds();
            if (t < end) return i;
            start = end;
        }
        return model.scenes().size() - 1;
    }

    public double xOf(double seconds) {
        return seconds * zoom.get();
    }

    public double secondsAt(double x) {
        return Math.max(0, Math.min(totalSeconds(), x / zoom.get()));
    }

    public void zoomIn() {
        zoom.set(Math.min(MAX_ZOOM, zoom.get() * 1.5));
    }

    public void zoomOut() {
        zoom.set(Math.max(MIN_ZOOM, zoom.get() / 1.5));
    }

    /** Space: plays forward at normal speed from the playhead (from the start when at the end), or pauses. */
    public void togglePlay() {
        if (rate.get() != 0) {
            setRate(0);
        } else {
            if (playhead.get() >= totalSeconds()) playhead.set(0);
            setRate(1);
        }
    }

    /** L: forward; pressed again while playing forward, twice as fast (up to 8×). */
    public void shuttleForward() {
        setRate(rate.get() <= 0 ? 1 : Math.min(MAX_SHUTTLE, rate.get() * 2));
    }

    /** J: backward; pressed again while playing backward, twice as fast (up to 8×). */
    public void shuttleBackward() {
        setRate(rate.get() >= 0 ? -1 : Math.max(-MAX_SHUTTLE, rate.get() * 2));
    }

    /** K: stop. */
    public void pause() {
        setRate(0);
    }

    /** ← and →: pause and move one frame. */
    public void stepFrames(int frames) {
        setRate(0);
        seek(playhead.get() + frames * FRAME_SECONDS);
    }

    /** Home. */
    public void toStart() {
        seek(0);
    }

    /** End. */
    public void toEnd() {
        setRate(0);
        seek(totalSeconds());
    }

    private void setRate(double r) {
        if (r != 0 && totalSeconds() <= 0) r = 0;
        if (r > 0 && playhead.get() >= totalSeconds()) r = 0;
        if (r < 0 && playhead.get() <= 0) r = 0;
        rate.set(r);
        playing.set(r != 0);
        lastTick = devices.clock().getAsLong();
        restartSound();
    }

    /**
     * Moves the playhead by the clock's time since the last tick, times the rate (the view calls it on every
     * animation pulse while playing). Stops at either end.
     */
    public void tick() {
        long now = devices.clock().getAsLong();
        double seconds = (now - lastTick) / 1e9;
        lastTick = now;
        if (seconds > 0) advance(seconds);
    }

    /** Advances the playhead by {@code seconds} of wall time at the current rate. Stops at either end. */
    public void advance(double seconds) {
        if (rate.get() == 0) return;
        double next = playhead.get() + seconds * rate.get();
        if (next >= totalSeconds() || next <= 0) {
            next = Math.max(0, Math.min(totalSeconds(), next));
            playhead.set(next);
            setRate(0);
            return;
        }
        playhead.set(next);
        feedSoundUpTo(next);
    }

    /**
     * Moves the playhead (scrubbing) and requests the exact frame there. Scrubbing is silent: while playing, the
     * sound starts again from the new position.
     */
    public void seek(double seconds) {
        playhead.set(Math.max(0, Math.min(totalSeconds(), seconds)));
        requestFrame();
        if (rate.get() != 0) restartSound();
    }

    // ------------------------------------------------------------------ sound

    private void loadSound(String url) {
        stopSound();
        sound = null;
        soundReady.set(false);
        if (url == null) return;
        executor.submit(
                () -> media.audio(url),
                pcm -> {
                    if (url.equals(model.voiceoverUrlProperty().get())) {
                        sound = pcm;
                        soundReady.set(true);
                        if (rate.get() != 0) restartSound();
                    }
                },
                e -> notifier.error("Reading the voiceover for playback", e));
    }

    /** Sound plays at normal speed forward only; shuttling at other speeds and scrubbing are silent. */
    private void restartSound() {
        stopSound();
        PcmAudio pcm = sound;
        if (pcm == null || rate.get() != 1) return;
        long from = Math.round(playhead.get() * pcm.sampleRate());
        if (from >= pcm.frames()) return;
        SoundFeed feed = new SoundFeed(pcm, from);
        this.feed = feed;
        feedSoundUpTo(playhead.get());
        // Its own thread, not the task pool: it blocks on the device for as long as playback runs.
        Thread t = new Thread(feed, "playback-sound");
        t.setDaemon(true);
        t.start();
    }

    private void stopSound() {
        SoundFeed f = feed;
        feed = null;
        if (f != null) f.stop();
    }

    private void feedSoundUpTo(double seconds) {
        SoundFeed f = feed;
        if (f != null) f.allowUpTo(Math.round((seconds + SOUND_LEAD_SECONDS) * f.pcm.sampleRate()));
    }

    /**
     * Writes the voiceover to the audio output from the playhead on, never more than {@link #SOUND_LEAD_SECONDS}
     * ahead of it, so sound and picture stay in step whether the device paces the writes (a sound card) or not (a
     * test sink). Without a device it ends at once and playback goes on silently.
     */
    private final class SoundFeed implements Runnable {
        final PcmAudio pcm;
        private long written;
        private long allowed;
        private boolean stopped;

        SoundFeed(PcmAudio pcm, long from) {
            this.pcm = pcm;
            this.written = from;
            this.allowed = from;
        }

        synchronized void allowUpTo(long frame) {
            allowed = Math.min(pcm.frames(), Math.max(allowed, frame));
            notifyAll();
        }

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
                        while (!stopped && written >= allowed && written < pcm.frames()) {
                            try {
                                wait();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                        if (stopped || written >= pcm.frames()) break;
                        from = written;
                        frames = (int) Math.min(SOUND_CHUNK_FRAMES, allowed - written);
                        written += frames;
                    }
                    line.write(pcm.samples(), (int) (from * pcm.channels()), frames);
                }
                if (stopped) line.flush();
            }
        }
    }

    /** True once the open project's voiceover is decoded and Play will sound. */
    public javafx.beans.property.ReadOnlyBooleanProperty soundReadyProperty() {
        return soundReady;
    }

    /** The current shuttle rate: 0 paused, 1 normal forward, negative backward. */
    public DoubleProperty rateProperty() {
        return rate;
    }

    /** Loads the frame under the playhead in the background; a newer request supersedes an older one. */
    public void requestFrame() {
        int index = clipAt(playhead.get());
        if (index < 0) {
            frame.set(null);
            return;
        }
        SceneRow row = model.scenes().get(index);
        double local = playhead.get() - startOf(index);
        long id = ++previewRequest;
        previewHandle.cancel();
        String clip = row.clipUrl();
        String still = row.keyframes().isEmpty()
                ? null
                : row.keyframes().get(0).imageUrlProperty().get();
        previewHandle = executor.submit(
                () -> clip != null
                        ? media.videoFrame(clip, local, 640, 360)
                        : still != null ? media.image(still, 640, 360) : null,
                img -> {
                    if (id == previewRequest) frame.set(img);
                },
                e -> {
                    if (id == previewRequest) notifier.error("Showing the frame", e);
                });
    }

    /** Number of preview requests so far (tests check latest-request-wins with it). */
    public long previewRequests() {
        return previewRequest;
    }

    /** Trims the clip at {@code index} to {@code seconds} (rounded to 0.1 s, at least 0.5 s) as one undoable command. */
    public void trim(int index, double seconds) {
        if (index < 0 || index >= model.scenes().size()) return;
        SceneRow row = model.scenes().get(index);
        BigDecimal next =
                BigDecimal.valueOf(seconds).setScale(1, RoundingMode.HALF_UP).max(MIN_DURATION);
        BigDecimal old = row.durationProperty().get();
        if (next.compareTo(old) == 0) return;
        String description = "Trim scene " + row.sceneNumber();
        commands.execute(Command.change(description, old, next, d -> {
            row.durationProperty().set(d);
            relayout();
            saver.save(description, () -> projects.setSceneDuration(row.id(), d));
        }));
    }

    public DoubleProperty playheadProperty() {
        return playhead;
    }

    public DoubleProperty zoomProperty() {
        return zoom;
    }

    public BooleanProperty playingProperty() {
        return playing;
    }

    public ObjectProperty<BufferedImage> frameProperty() {
        return frame;
    }

    public ObjectProperty<float[]> waveformProperty() {
        return waveform;
    }
    /** Increments whenever clip positions change: the view redraws and re-places its handles. */
    public IntegerProperty layoutRevisionProperty() {
        return layoutRevision;
    }
}
