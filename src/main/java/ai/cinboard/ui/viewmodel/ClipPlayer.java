package ai.cinboard.ui.viewmodel;

import ai.cinboard.service.MediaPreviewService;
import ai.cinboard.service.playback.PcmAudio;
import ai.cinboard.ui.task.TaskExecutor;
import ai.cinboard.ui.task.TaskHandle;
import java.awt.image.BufferedImage;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;

/**
 * Plays one scene's clip in the storyboard, with the voiceover of those seconds of the edit: the whole clip inline in
 * its row, or the few seconds around a keyframe in the large preview. One plays at a time. The position follows the
 * playback clock; frames are decoded in the background one at a time (the next is asked for once the last has
 * arrived), so a slow decoder skips frames instead of falling behind.
 */
public final class ClipPlayer {
    /** How long the span around a keyframe is (less when the clip is shorter). */
    public static final double AROUND_KEYFRAME_SECONDS = 3;

    /** Inline frames fill a storyboard row at twice its thumbnails' size, for sharp HiDPI screens. */
    static final int INLINE_W = 320, INLINE_H = 180, PREVIEW_W = 640, PREVIEW_H = 360;

    /**
     * What plays: {@code scene}'s clip from {@code from} to {@code until} seconds into it, inline in the scene's row
     * when {@code keyframe} is null, else around that keyframe in the large preview.
     */
    public record Span(SceneRow scene, KeyframeItem keyframe, double from, double until) {
        public boolean inline() {
            return keyframe == null;
        }
    }

    private final ProjectModel model;
    private final MediaPreviewService media;
    private final TaskExecutor executor;
    private final Notifier notifier;
    private final PlaybackSound sound;
    private final DecodedSound voiceover;

    private final ReadOnlyObjectWrapper<Span> playing = new ReadOnlyObjectWrapper<>(this, "playing");
    private final ReadOnlyDoubleWrapper position = new ReadOnlyDoubleWrapper(this, "position");
    private final ReadOnlyObjectWrapper<BufferedImage> frame = new ReadOnlyObjectWrapper<>(this, "frame");
    private final ReadOnlyBooleanWrapper soundReady = new ReadOnlyBooleanWrapper(this, "soundReady");

    private String clip;
    /** Where the scene starts in the edit: the voiceover's time is this plus the position. */
    private double sceneStart;

    private long startedAt;
    private PlaybackSound.Feed feed;
    /** Counts plays, so a frame decoded for an earlier one is dropped. */
    private long session;

    private TaskHandle decoding = TaskHandle.DONE;
    private boolean decodingFrame;
    /** The position the frame shown (or being decoded) is for. */
    private double framePosition;

    ClipPlayer(
            ProjectModel model,
            MediaPreviewService media,
            TaskExecutor executor,
            Notifier notifier,
            PlaybackSound sound,
            DecodedSound voiceover) {
        this.model = model;
        this.media = media;
        this.executor = executor;
        this.notifier = notifier;
        this.sound = sound;
        this.voiceover = voiceover;
        // A reorder moves the scene in the edit, a reload may bring another clip: what plays would no longer match.
        model.scenes().addListener((ListChangeListener<SceneRow>) c -> stop());
        model.revisionProperty().addListener((o, a, b) -> {
            Span s = playing.get();
            if (s != null && !java.util.Objects.equals(clip, s.scene().clipUrl())) stop();
        });
        voiceover.pcmProperty().addListener((o, a, pcm) -> {
            soundReady.set(pcm != null);
            if (playing.get() != null && feed == null) startSound();
        });
    }

    /** Plays {@code scene}'s whole clip inline in its row; when it is already playing there, stops it. */
    public void playScene(SceneRow scene) {
        if (isPlaying(scene, null)) {
            stop();
            return;
        }
        play(new Span(scene, null, 0, scene.seconds()));
    }

    /**
     * Plays the {@link #AROUND_KEYFRAME_SECONDS} of its scene's clip centred on {@code keyframe}'s timing (moved to
     * lie within the clip) in the large preview; when that is already playing, stops it.
     */
    public void playAround(SceneRow scene, KeyframeItem keyframe) {
        if (isPlaying(scene, keyframe)) {
            stop();
            return;
        }
        double length = scene.seconds();
        double from = Math.max(
                0,
                Math.min(
                        keyframe.timingProperty().get() - AROUND_KEYFRAME_SECONDS / 2,
                        length - AROUND_KEYFRAME_SECONDS));
        play(new Span(scene, keyframe, from, Math.min(length, from + AROUND_KEYFRAME_SECONDS)));
    }

    private boolean isPlaying(SceneRow scene, KeyframeItem keyframe) {
        Span s = playing.get();
        return s != null && s.scene() == scene && s.keyframe() == keyframe;
    }

    private void play(Span span) {
        stop();
        if (span.scene().clipUrl() == null) {
            notifier.info("Scene " + span.scene().sceneNumber() + " has no clip yet: render it to play it.");
            return;
        }
        int index = model.scenes().indexOf(span.scene());
        if (index < 0) return;
        sceneStart = 0;
        for (int i = 0; i < index; i++) sceneStart += model.scenes().get(i).seconds();
        clip = span.scene().clipUrl();
        session++;
        startedAt = sound.now();
        position.set(span.from());
        frame.set(null);
        playing.set(span);
        startSound();
        requestFrame();
    }

    private void startSound() {
        PcmAudio pcm = voiceover.pcmProperty().get();
        Span s = playing.get();
        if (pcm == null || s == null) return;
        feed = sound.start(pcm, sceneStart + position.get(), sceneStart + s.until());
    }

    /** Moves the position by the clock's time since play started (the view calls it on every animation pulse). */
    public void tick() {
        Span s = playing.get();
        if (s == null) return;
        double at = s.from() + (sound.now() - startedAt) / 1e9;
        if (at >= s.until()) {
            stop();
            return;
        }
        position.set(at);
        if (feed != null) feed.allowUpTo(sceneStart + at);
        if (!decodingFrame && at != framePosition) requestFrame();
    }

    private void requestFrame() {
        Span s = playing.get();
        String url = clip;
        double at = position.get();
        framePosition = at;
        long asked = session;
        int w = s.inline() ? INLINE_W : PREVIEW_W, h = s.inline() ? INLINE_H : PREVIEW_H;
        decodingFrame = true;
        decoding = executor.submit(
                () -> media.videoFrame(url, at, w, h),
                img -> {
                    if (asked != session) return;
                    decodingFrame = false;
                    frame.set(img);
                },
                e -> {
                    if (asked != session) return;
                    stop();
                    notifier.error("Playing the clip of scene " + s.scene().sceneNumber(), e);
                });
    }

    /** Stops what plays (if anything); the row or the preview shows its keyframes again. */
    public void stop() {
        if (feed != null) feed.stop();
        feed = null;
        session++;
        decoding.cancel();
        decodingFrame = false;
        playing.set(null);
        frame.set(null);
    }

    /** True once the open project's voiceover is decoded: a clip then plays with it. */
    public ReadOnlyBooleanProperty soundReadyProperty() {
        return soundReady.getReadOnlyProperty();
    }

    /** What plays now, or null. */
    public ReadOnlyObjectProperty<Span> playingProperty() {
        return playing.getReadOnlyProperty();
    }

    /** Seconds into the clip. */
    public ReadOnlyDoubleProperty positionProperty() {
        return position.getReadOnlyProperty();
    }

    /** The clip's frame at about the position (null until the first has been decoded). */
    public ReadOnlyObjectProperty<BufferedImage> frameProperty() {
        return frame.getReadOnlyProperty();
    }
}
