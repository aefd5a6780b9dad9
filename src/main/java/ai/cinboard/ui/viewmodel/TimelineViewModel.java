package ai.cinboard.ui.viewmodel;

import ai.cinboard.service.MediaPreviewService;
import ai.cinboard.service.ProjectService;
import ai.cinboard.service.playback.PcmAudio;
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
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;

/**
 * Timeline: clip layout, playhead, zoom, play/pause state, trimming, and the frame under the playhead.
 * Frame previews are loaded in the background; only the latest request's result is shown. What plays is the final
 * video while it is up to date, else the clips in scene order with the voiceover ({@link #sourceProperty()}).
 */
public final class TimelineViewModel {
    /** What the timeline shows and plays. */
    public enum Source {
        /** The final MP4's frames and its own sound (the full mix): it is up to date. */
        FINAL_VIDEO,
        /** The clips in scene order and the voiceover: the final video is stale or missing, or not known yet. */
        CLIPS
    }

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
    private final ReadOnlyBooleanWrapper soundReady = new ReadOnlyBooleanWrapper(this, "soundReady");
    private final ReadOnlyObjectWrapper<Source> source = new ReadOnlyObjectWrapper<>(this, "source", Source.CLIPS);
    private final ReadOnlyStringWrapper finalVideoNotice = new ReadOnlyStringWrapper(this, "finalVideoNotice", "");
    private final PlaybackSound sound;
    private final DecodedSound voiceover;
    /** The final video's URL while it is what plays, else null: its sound is decoded only then. */
    private final ObjectProperty<String> playedFinalVideo = new SimpleObjectProperty<>(this, "playedFinalVideo");

    private final DecodedSound finalSound;
    private long lastTick;
    private PlaybackSound.Feed feed;
    /** One frame at the studio's default render rate (24 fps). */
    public static final double FRAME_SECONDS = 1.0 / 24;

    public static final double MAX_SHUTTLE = 8;
    private long previewRequest;
    private TaskHandle previewHandle = TaskHandle.DONE;

    TimelineViewModel(
            ProjectModel model,
            ProjectService projects,
            MediaPreviewService media,
            TaskExecutor executor,
            CommandStack commands,
            Notifier notifier,
            EditSaver saver,
            PlaybackSound sound,
            DecodedSound voiceover) {
        this.sound = sound;
        this.voiceover = voiceover;
        this.saver = saver;
        this.model = model;
        this.projects = projects;
        this.media = media;
        this.executor = executor;
        this.commands = commands;
        this.notifier = notifier;
        model.scenes().addListener((javafx.collections.ListChangeListener<SceneRow>) c -> relayout());
        model.voiceoverUrlProperty().addListener((o, a, url) -> loadWaveform(url));
        finalSound = new DecodedSound(playedFinalVideo, media, executor, notifier, "Reading the final video's sound");
        voiceover.pcmProperty().addListener((o, a, b) -> soundChanged());
        finalSound.pcmProperty().addListener((o, a, b) -> soundChanged());
        model.finalVideoUrlProperty().addListener((o, a, b) -> updateSource());
        model.stalenessProperty().addListener((o, a, b) -> updateSource());
        model.stalenessKnownProperty().addListener((o, a, b) -> updateSource());
        model.projectProperty().addListener((o, a, b) -> updateSource());
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
        lastTick = sound.now();
        restartSound();
    }

    /**
     * Moves the playhead by the clock's time since the last tick, times the rate (the view calls it on every
     * animation pulse while playing). Stops at either end.
     */
    public void tick() {
        long now = sound.now();
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
        if (feed != null) feed.allowUpTo(next);
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

    // ------------------------------------------------------------------ what plays

    /**
     * The final video plays once the service has said it is up to date; until then, and whenever it is stale or
     * missing, the clips do: they always show the edit as it stands.
     */
    private void updateSource() {
        String finalVideo = model.finalVideoUrlProperty().get();
        boolean current = finalVideo != null
                && model.stalenessKnownProperty().get()
                && !model.stalenessProperty().get().finalVideo();
        Source next = current ? Source.FINAL_VIDEO : Source.CLIPS;
        String played = current ? finalVideo : null;
        boolean newVideo = !java.util.Objects.equals(played, playedFinalVideo.get());
        playedFinalVideo.set(played);
        finalVideoNotice.set(
                model.projectProperty().get() == null
                        ? ""
                        : current
                                ? "Final video up to date: Play shows it"
                                : !model.stalenessKnownProperty().get()
                                        ? "Checking the final video: Play shows the clips"
                                        : finalVideo == null
                                                ? "No final video yet: Play shows the clips; render to make it"
                                                : "Final video stale: Play shows the clips; render changes to update it");
        if (next != source.get()) {
            source.set(next);
            soundChanged();
        }
        if (newVideo) requestFrame();
    }

    /** The decoded sound of what plays now: the final video's own track, or the voiceover. */
    private PcmAudio playedSound() {
        return (source.get() == Source.FINAL_VIDEO ? finalSound : voiceover)
                .pcmProperty()
                .get();
    }

    private void soundChanged() {
        soundReady.set(playedSound() != null);
        if (rate.get() != 0) restartSound();
    }

    /**
     * Sound plays at the rate the picture moves: shuttled faster it is faster and higher, backwards it is
     * backwards, as on a tape deck, so a creator hears where the words are. Scrubbing is silent.
     */
    private void restartSound() {
        stopSound();
        PcmAudio pcm = playedSound();
        double r = rate.get();
        if (pcm == null || r == 0) return;
        feed = sound.start(pcm, playhead.get(), r > 0 ? totalSeconds() : 0, r);
    }

    private void stopSound() {
        if (feed != null) feed.stop();
        feed = null;
    }

    /** True once the sound of what plays ({@link #sourceProperty()}) is decoded and Play will sound. */
    public ReadOnlyBooleanProperty soundReadyProperty() {
        return soundReady.getReadOnlyProperty();
    }

    /** What Play plays and the preview shows: the final video while it is up to date, else the clips. */
    public ReadOnlyObjectProperty<Source> sourceProperty() {
        return source.getReadOnlyProperty();
    }

    /** One line on the final video's state and so what Play shows, e.g. "Final video up to date: Play shows it". */
    public ReadOnlyStringProperty finalVideoNoticeProperty() {
        return finalVideoNotice.getReadOnlyProperty();
    }

    /** The current shuttle rate: 0 paused, 1 normal forward, negative backward. */
    public DoubleProperty rateProperty() {
        return rate;
    }

    /**
     * Loads the frame under the playhead in the background; a newer request supersedes an older one. From the final
     * video while it plays (its transitions, burned-in subtitles and framing show; past its end, its last frame),
     * else from the clip there.
     */
    public void requestFrame() {
        String finalVideo = playedFinalVideo.get();
        if (finalVideo != null) {
            double t = playhead.get();
            showFrame(() -> media.videoFrame(finalVideo, t, 640, 360));
            return;
        }
        int index = clipAt(playhead.get());
        if (index < 0) {
            frame.set(null);
            return;
        }
        SceneRow row = model.scenes().get(index);
        double local = playhead.get() - startOf(index);
        String clip = row.clipUrl();
        String still = row.keyframes().isEmpty()
                ? null
                : row.keyframes().get(0).imageUrlProperty().get();
        showFrame(() -> clip != null
                ? media.videoFrame(clip, local, 640, 360)
                : still != null ? media.image(still, 640, 360) : null);
    }

    private void showFrame(java.util.concurrent.Callable<BufferedImage> decode) {
        long id = ++previewRequest;
        previewHandle.cancel();
        previewHandle = executor.submit(
                decode,
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
