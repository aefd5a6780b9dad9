package ai.cinboard.ui.view;

import ai.cinboard.ui.viewmodel.SceneRow;
import ai.cinboard.ui.viewmodel.TimelineViewModel;
import java.util.ArrayList;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Timeline: ruler, video track, voiceover waveform and music track drawn on one Canvas (only the visible window, so a
 * long project does not need a huge canvas); the trim handles are the only nodes on it.
 */
public final class TimelineView extends BorderPane {
    static final double RULER = 22,
            VIDEO_Y = 28,
            VIDEO_H = 64,
            AUDIO_Y = 104,
            AUDIO_H = 60,
            MUSIC_Y = 170,
            MUSIC_H = 40,
            HEIGHT = 216;
    private static final double HANDLE_W = 8;

    private final TimelineViewModel vm;
    private final Canvas canvas = new Canvas(800, HEIGHT);
    /** False while another tab is shown; see {@link #setShown}. */
    private boolean shown = true;

    private boolean redrawWhenShown;
    private final Pane tracks = new Pane(canvas);
    private final ScrollBar scroll = new ScrollBar();
    private final List<Region> handles = new ArrayList<>();
    private final ImageView preview = new ImageView();
    private final AnimationTimer timer;
    private double dragGhostX = -1;
    private int dragIndex = -1;

    public TimelineView(TimelineViewModel vm) {
        this.vm = vm;
        setId("timeline");
        Button play = new Button();
        play.setId("play-pause");
        play.textProperty()
                .bind(Bindings.when(vm.playingProperty()).then("❚❚ Pause").otherwise("▶ Play"));
        play.setOnAction(e -> vm.togglePlay());
        Button zoomIn = new Button("Zoom +");
        zoomIn.setId("zoom-in");
        zoomIn.setOnAction(e -> vm.zoomIn());
        Button zoomOut = new Button("Zoom −");
        zoomOut.setId("zoom-out");
        zoomOut.setOnAction(e -> vm.zoomOut());
        Label time = Theme.styled(new Label(), Theme.MONO);
        time.setId("timeline-time");
        time.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> format(vm.playheadProperty().get()) + " / " + format(vm.totalSeconds()),
                        vm.playheadProperty(),
                        vm.layoutRevisionProperty()));
        Label hint = Theme.styled(
                new Label("Space play/pause · J/K/L shuttle · ←/→ one frame · Home/End · click or drag the tracks to"
                        + " scrub · drag a clip's right edge to trim"),
                Theme.MUTED);
        Label finalVideo = new Label();
        finalVideo.setId("final-video-state");
        finalVideo.textProperty().bind(vm.finalVideoNoticeProperty());
        vm.stalenessProperty().addListener((o, a, st) -> Theme.toggle(finalVideo, Theme.STALE_TEXT, st.finalVideo()));
        // The controls, the time and the final video's state keep their full width; only the key hint gives way
        // (it was the buttons that shrank to "…" once the stale notice joined the bar).
        for (Region r : new Region[] {play, zoomOut, zoomIn, time, finalVideo}) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        hint.setMinWidth(0);
        HBox bar = Theme.styled(new HBox(8, play, zoomOut, zoomIn, time, finalVideo, hint), Theme.TOOLBAR);

        preview.setId("timeline-preview");
        preview.setFitWidth(480);
        preview.setFitHeight(270);
        preview.setPreserveRatio(true);
        preview.imageProperty()
                .bind(Bindings.createObjectBinding(
                        () -> Thumbnails.toFx(vm.frameProperty().get()), vm.frameProperty()));
        StackPane previewBox = Theme.styled(new StackPane(preview), Theme.PREVIEW);
        previewBox.setPrefHeight(280);
        previewBox.setMinSize(0, 120);
        preview.fitWidthProperty().bind(previewBox.widthProperty().subtract(16));
        preview.fitHeightProperty().bind(previewBox.heightProperty().subtract(16));

        tracks.setPrefHeight(HEIGHT);
        tracks.setMinHeight(HEIGHT);
        tracks.setId("timeline-tracks");
        canvas.widthProperty().bind(tracks.widthProperty());
        scroll.setOrientation(Orientation.HORIZONTAL);
        scroll.setId("timeline-scroll");
        VBox bottom = new VBox(tracks, scroll);
        setTop(bar);
        setCenter(previewBox);
        setBottom(bottom);

        addEventFilter(KeyEvent.KEY_PRESSED, this::transportKey);
        canvas.setFocusTraversable(true);
        canvas.setId("timeline-canvas");
        canvas.setOnMousePressed(e -> {
            canvas.requestFocus();
            vm.seek(secondsAtX(e.getX()));
        });
        canvas.setOnMouseDragged(e -> vm.seek(secondsAtX(e.getX())));
        scroll.valueProperty().addListener((o, a, b) -> redraw());
        canvas.widthProperty().addListener((o, a, b) -> redraw());
        vm.layoutRevisionProperty().addListener((o, a, b) -> redraw());
        vm.playheadProperty().addListener((o, a, b) -> {
            followPlayhead();
            redraw();
        });
        vm.waveformProperty().addListener((o, a, b) -> redraw());
        vm.musicProperty().addListener((o, a, b) -> redraw());
        vm.stalenessProperty().addListener((o, a, b) -> redraw());
        vm.clips().addListener((javafx.collections.ListChangeListener<SceneRow>) c -> {
            vm.requestFrame();
            redraw();
        });

        timer = new AnimationTimer() {
            private long lastFrameRequest;

            @Override
            public void handle(long now) {
                vm.tick(); // the playhead follows the playback clock, not the pulse
                if (now - lastFrameRequest > 120_000_000L) { // ~8 previews/s while playing
                    lastFrameRequest = now;
                    vm.requestFrame();
                }
                if (!vm.playingProperty().get()) {
                    stop();
                    vm.requestFrame();
                }
            }
        };
        vm.playingProperty().addListener((o, a, playing) -> {
            if (playing) timer.start();
        });
        sceneProperty().addListener((o, a, s) -> {
            if (s != null) {
                redraw();
                vm.requestFrame();
            }
        });
    }

    /** The editor's transport keys, whichever control in the timeline has the focus. */
    private void transportKey(KeyEvent e) {
        if (e.isControlDown() || e.isAltDown() || e.isMetaDown()) return;
        switch (e.getCode()) {
            case SPACE -> vm.togglePlay();
            case J -> vm.shuttleBackward();
            case K -> vm.pause();
            case L -> vm.shuttleForward();
            case LEFT -> vm.stepFrames(-1);
            case RIGHT -> vm.stepFrames(1);
            case HOME -> vm.toStart();
            case END -> vm.toEnd();
            default -> {
                return;
            }
        }
        e.consume();
    }

    /** Stops playback and its AnimationTimer (the window is closing). On the FX thread only. */
    public void stop() {
        FxThread.require("TimelineView.stop");
        if (vm.playingProperty().get()) vm.togglePlay();
        timer.stop();
    }

    private static String format(double s) {
        int m = (int) (s / 60);
        return String.format("%d:%04.1f", m, s - m * 60);
    }

    private double offsetSeconds() {
        return scroll.getValue();
    }

    private double secondsAtX(double x) {
        return vm.secondsAt(x + vm.xOf(offsetSeconds()));
    }

    private double screenX(double seconds) {
        return vm.xOf(seconds) - vm.xOf(offsetSeconds());
    }

    private void followPlayhead() {
        if (!vm.playingProperty().get()) return;
        double visible = canvas.getWidth() / vm.zoomProperty().get();
        double t = vm.playheadProperty().get();
        if (t > offsetSeconds() + visible * 0.9) scroll.setValue(Math.min(scroll.getMax(), t - visible * 0.1));
    }

    /** Redraws the visible window of the tracks and re-places the handles. */
    /**
     * Whether the timeline is on screen (the window says so when its tab is chosen). While it is hidden, changes
     * only mark it for redrawing, and it draws once when shown: opening a 500-scene project from the storyboard
     * does not draw 500 clips and lay out 500 trim handles that nobody sees, on the UI thread.
     */
    public void setShown(boolean shown) {
        this.shown = shown;
        if (shown && redrawWhenShown) redraw();
    }

    public void redraw() {
        if (!shown) {
            redrawWhenShown = true;
            return;
        }
        redrawWhenShown = false;
        double w = canvas.getWidth();
        double visibleSeconds = w / vm.zoomProperty().get();
        double total = vm.totalSeconds();
        scroll.setMax(Math.max(0, total - visibleSeconds * 0.95));
        scroll.setVisibleAmount(Math.min(total, visibleSeconds));
        scroll.setDisable(total <= visibleSeconds);
        if (scroll.getValue() > scroll.getMax()) scroll.setValue(scroll.getMax());

        GraphicsContext g = canvas.getGraphicsContext2D();
        Color bg = lookup("-cb-surface", Color.WHITE);
        Color fg = lookup("-cb-fg", Color.BLACK);
        Color muted = lookup("-cb-muted", Color.GRAY);
        Color video = lookup("-cb-track-video", Color.CORNFLOWERBLUE);
        Color videoAlt = lookup("-cb-track-video-alt", Color.LIGHTSTEELBLUE);
        Color audio = lookup("-cb-track-audio", Color.SEAGREEN);
        Color playhead = lookup("-cb-playhead", Color.RED);
        Color stale = lookup("-cb-warn", Color.ORANGE);
        g.setFill(bg);
        g.fillRect(0, 0, w, HEIGHT);

        // ruler
        g.setStroke(muted);
        g.setFill(muted);
        g.setFont(Font.font(10));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        double step = niceStep(80 / vm.zoomProperty().get());
        double first = Math.floor(offsetSeconds() / step) * step;
        for (double t = first; t <= offsetSeconds() + visibleSeconds; t += step) {
            double x = screenX(t);
            g.strokeLine(x + 0.5, RULER - 6, x + 0.5, RULER);
            g.fillText(format(t), x + 3, 2);
        }
        g.strokeLine(0, RULER + 0.5, w, RULER + 0.5);

        // video track
        g.setTextBaseline(VPos.CENTER);
        g.setFont(Font.font(11));
        List<double[]> edges = new ArrayList<>();
        double start = 0;
        for (int i = 0; i < vm.clips().size(); i++) {
            SceneRow r = vm.clips().get(i);
            double len = r.seconds();
            if (i == dragIndex && dragGhostX >= 0)
                len = Math.max(0.5, vm.secondsAt(dragGhostX + vm.xOf(offsetSeconds())) - start);
            double x0 = screenX(start), x1 = screenX(start + len);
            if (x1 >= 0 && x0 <= w) {
                g.setFill(i % 2 == 0 ? video : videoAlt);
                g.fillRoundRect(x0 + 1, VIDEO_Y, Math.max(1, x1 - x0 - 2), VIDEO_H, 6, 6);
                g.save();
                g.beginPath();
                g.rect(x0 + 4, VIDEO_Y, Math.max(0, x1 - x0 - 12), VIDEO_H);
                g.clip();
                g.setFill(Color.WHITE);
                g.fillText(r.sceneNumber() + ". " + r.heading(), x0 + 6, VIDEO_Y + VIDEO_H / 2 - 4);
                g.fillText(
                        String.format("%.1f s", len) + (r.clipStaleProperty().get() ? " · stale" : ""),
                        x0 + 6,
                        VIDEO_Y + VIDEO_H / 2 + 14);
                g.restore();
                if (r.clipStaleProperty().get()) { // a stale clip: a warning band along its top edge
                    g.setFill(stale);
                    g.fillRect(x0 + 4, VIDEO_Y, Math.max(1, x1 - x0 - 8), 5);
                }
            }
            edges.add(new double[] {i, x1});
            start += len;
        }
        // voiceover waveform
        float[] wave = vm.waveformProperty().get();
        g.setFill(lookup("-cb-surface-alt", Color.WHITESMOKE));
        g.fillRect(0, AUDIO_Y, Math.min(w, Math.max(0, screenX(total))), AUDIO_H);
        if (wave != null && wave.length > 0 && total > 0) {
            g.setStroke(audio);
            double mid = AUDIO_Y + AUDIO_H / 2;
            double endX = Math.min(w, screenX(total));
            for (double x = Math.max(0, screenX(0)); x < endX; x += 2) {
                double t = vm.secondsAt(x + vm.xOf(offsetSeconds()));
                float v = wave[Math.min(wave.length - 1, (int) (t / total * wave.length))];
                double h = Math.max(1, v * (AUDIO_H / 2 - 3));
                g.strokeLine(x, mid - h, x, mid + h);
            }
        } else {
            g.setFill(muted);
            g.fillText("No voiceover yet", 8, AUDIO_Y + AUDIO_H / 2);
        }
        // music bed: its own track, looped or trimmed to the video as the final mix does
        TimelineViewModel.MusicTrack music = vm.musicProperty().get();
        g.setFill(lookup("-cb-surface-alt", Color.WHITESMOKE));
        g.fillRect(0, MUSIC_Y, Math.min(w, Math.max(0, screenX(total))), MUSIC_H);
        if (music != null && total > 0) {
            Color musicColour = lookup("-cb-track-music", Color.MEDIUMPURPLE);
            g.setStroke(musicColour);
            double mid = MUSIC_Y + MUSIC_H / 2;
            double endX = Math.min(w, screenX(total));
            for (double x = Math.max(0, screenX(0)); x < endX; x += 2) {
                double t = vm.secondsAt(x + vm.xOf(offsetSeconds()));
                double h = Math.max(1, music.peakAt(t) * (MUSIC_H / 2 - 3));
                g.strokeLine(x, mid - h, x, mid + h);
            }
            g.setFill(fg);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(music.name() == null ? "music" : music.name(), Math.max(0, screenX(0)) + 52, mid);
        } else {
            g.setFill(muted);
            g.fillText(
                    vm.musicNameProperty().get() == null ? "No music (Project ▸ Music…)" : "Reading the music…",
                    52,
                    MUSIC_Y + MUSIC_H / 2);
        }
        g.setFill(fg);
        g.setFont(Font.font(10));
        g.fillText("VIDEO", 4, VIDEO_Y + 8);
        g.fillText("VOICE", 4, AUDIO_Y + 8);
        g.fillText("MUSIC", 4, MUSIC_Y + 8);
        // playhead
        double px = screenX(vm.playheadProperty().get());
        g.setStroke(playhead);
        g.setLineWidth(2);
        g.strokeLine(px, 0, px, HEIGHT);
        g.setLineWidth(1);
        placeHandles(edges, w);
    }

    /** Keeps one handle per clip as a child (never removed mid-drag); moves and shows only those on screen. */
    private void placeHandles(List<double[]> edges, double w) {
        while (handles.size() < edges.size()) {
            Region h = newHandle(handles.size());
            handles.add(h);
            tracks.getChildren().add(h);
        }
        while (handles.size() > edges.size()) {
            tracks.getChildren().remove(handles.remove(handles.size() - 1));
        }
        for (double[] e : edges) {
            Region h = handles.get((int) e[0]);
            double x = e[1];
            h.relocate(x - HANDLE_W / 2, VIDEO_Y + 8);
            h.setVisible(x >= -HANDLE_W && x <= w + HANDLE_W);
        }
    }

    private Region newHandle(int index) {
        Region h = Theme.styled(new Region(), Theme.TRIM_HANDLE);
        h.setId("trim-handle-" + index);
        h.resize(HANDLE_W, VIDEO_H - 16);
        h.setPrefSize(HANDLE_W, VIDEO_H - 16);
        h.setOnMousePressed(e -> {
            dragIndex = index;
            e.consume();
        });
        h.setOnMouseDragged(e -> {
            dragGhostX = h.localToParent(e.getX(), e.getY()).getX();
            redraw();
            e.consume();
        });
        h.setOnMouseReleased(e -> {
            if (dragGhostX >= 0) {
                double end = vm.secondsAt(dragGhostX + vm.xOf(offsetSeconds()));
                double newLen = end - vm.startOf(index);
                dragGhostX = -1;
                dragIndex = -1;
                vm.trim(index, newLen);
            }
            dragIndex = -1;
            redraw();
            e.consume();
        });
        return h;
    }

    private static double niceStep(double min) {
        double[] steps = {0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600};
        for (double s : steps) if (s >= min) return s;
        return 1200;
    }

    private final java.util.Map<String, Color> colours = new java.util.HashMap<>();
    private final Region colourProbe = new Region();

    /** Resolves a looked-up colour of the theme (so the canvas follows light/dark); cached until {@link #themeChanged()}. */
    private Color lookup(String name, Color fallback) {
        if (getScene() == null) return fallback;
        return colours.computeIfAbsent(name, n -> {
            if (colourProbe.getParent() == null) {
                colourProbe.setManaged(false);
                colourProbe.setVisible(false);
                getChildren().add(colourProbe);
            }
            colourProbe.setStyle("-fx-background-color: " + n + ";");
            colourProbe.applyCss();
            var bgd = colourProbe.getBackground();
            return bgd != null
                            && !bgd.getFills().isEmpty()
                            && bgd.getFills().get(0).getFill() instanceof Color c
                    ? c
                    : fallback;
        });
    }

    /** Call after switching theme: re-reads the colours and redraws. */
    public void themeChanged() {
        colours.clear();
        redraw();
    }

    /** The trim handles currently on screen (tests drag them). */
    public List<Region> visibleHandles() {
        return handles.stream().filter(Region::isVisible).toList();
    }

    public Pane tracks() {
        return tracks;
    }
}
