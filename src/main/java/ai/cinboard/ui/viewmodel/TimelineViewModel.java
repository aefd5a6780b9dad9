package ai.cinboard.ui.viewmodel;

import ai.cinboard.service.MediaPreviewService;
import ai.cinboard.service.ProjectService;
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
    private final IntegerProperty layoutRevision = new SimpleIntegerProperty(this, "layoutRevision");
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
        this.saver = saver;
        this.model = model;
        this.projects = projects;
        this.media = media;
        this.executor = executor;
        this.commands = commands;
        this.notifier = notifier;
        model.scenes().addListener((javafx.collections.ListChangeListener<SceneRow>) c -> relayout());
        model.voiceoverUrlProperty().addListener((o, a, url) -> loadWaveform(url));
        zoom.addListener((o, a, b) -> relayout());
        model.revisionProperty().addListener((o, a, b) -> {
            relayout();
            requestFrame();
        });
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

    public void togglePlay() {
        if (!playing.get() && playhead.get() >= totalSeconds()) playhead.set(0);
        playing.set(!playing.get() && totalSeconds() > 0);
    }

    /** Advances the playhead while playing (called by the view's AnimationTimer). Stops at the end. */
    public void advance(double seconds) {
        if (!playing.get()) return;
        double next = playhead.get() + seconds;
        if (next >= totalSeconds()) {
            next = totalSeconds();
            playing.set(false);
        }
        playhead.set(next);
    }

    /** Moves the playhead (scrubbing) and requests the frame there. */
    public void seek(double seconds) {
        playhead.set(Math.max(0, Math.min(totalSeconds(), seconds)));
        requestFrame();
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
        commands.execute(new Command() {
            @Override
            public String description() {
                return "Trim scene " + row.sceneNumber();
            }

            @Override
            public void execute() {
                set(next);
            }

            @Override
            public void undo() {
                set(old);
            }

            private void set(BigDecimal d) {
                row.durationProperty().set(d);
                relayout();
                saver.save(description(), () -> projects.setSceneDuration(row.id(), d));
            }
        });
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
