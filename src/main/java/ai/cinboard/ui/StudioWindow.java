package ai.cinboard.ui;

import ai.cinboard.ui.task.TaskExecutor;
import ai.cinboard.ui.view.CharactersView;
import ai.cinboard.ui.view.ExportDialog;
import ai.cinboard.ui.view.FxThread;
import ai.cinboard.ui.view.HealthIndicator;
import ai.cinboard.ui.view.JobsView;
import ai.cinboard.ui.view.LibraryView;
import ai.cinboard.ui.view.NewProjectDialog;
import ai.cinboard.ui.view.RenderChangesOffer;
import ai.cinboard.ui.view.SavingDialog;
import ai.cinboard.ui.view.SettingsView;
import ai.cinboard.ui.view.StoryboardView;
import ai.cinboard.ui.view.SubtitlesDialog;
import ai.cinboard.ui.view.SystemStatusDialog;
import ai.cinboard.ui.view.Theme;
import ai.cinboard.ui.view.Thumbnails;
import ai.cinboard.ui.view.TimelineView;
import ai.cinboard.ui.viewmodel.HealthViewModel;
import ai.cinboard.ui.viewmodel.Notifier;
import ai.cinboard.ui.viewmodel.ProjectArchiveViewModel;
import ai.cinboard.ui.viewmodel.SessionWatch;
import ai.cinboard.ui.viewmodel.StudioViewModel;
import ai.cinboard.ui.viewmodel.SystemStatusViewModel;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.prefs.Preferences;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/** Builds the main window from the services: menu, notification bar, the six views as tabs, status bar. */
public final class StudioWindow implements AutoCloseable {
    public static final List<String> TABS =
            List.of("Library", "Storyboard", "Characters", "Timeline", "Jobs", "Settings");

    private final StudioViewModel vm;
    private final Preferences prefs;
    private final Thumbnails thumbnails;
    private final TabPane tabs = new TabPane();
    private final BorderPane root = new BorderPane();
    private final StoryboardView storyboard;
    private final CharactersView characters;
    private final TimelineView timeline;
    private final LibraryView library;
    private final JobsView jobs;
    private final SettingsView settings;
    private final CheckMenuItem darkItem = new CheckMenuItem("Dark theme");
    /** Null when the services have no system status (the in-memory demo). */
    private final SystemStatusViewModel systemStatus;

    private final HealthIndicator health;
    private final javafx.beans.property.ReadOnlyBooleanWrapper sessionEnded =
            new javafx.beans.property.ReadOnlyBooleanWrapper(false);
    private SessionWatch sessionWatch;
    private Scene scene;
    private Stage stage;
    /**
     * Where exports go, given the suggested name (null = cancelled). Null means ask with the native save
     * dialogs; tests set it because they cannot drive a native dialog.
     */
    private Function<String, Path> exportTarget;
    /** How long closing waits for pending writes before it lists them and asks. */
    private javafx.util.Duration closeWaitLimit = javafx.util.Duration.seconds(10);

    private SavingDialog saving;
    private RenderChangesOffer offer;

    private final ProjectArchiveViewModel archives;
    /** Tests answer the open dialog of File ▸ Import project… (null: a real FileChooser). */
    private java.util.function.Supplier<Path> importSource;

    public StudioWindow(StudioServices services, TaskExecutor executor, Preferences prefs) {
        this.prefs = prefs;
        vm = new StudioViewModel(
                services.projects(),
                services.generation(),
                services.media(),
                services.settings(),
                services.export(),
                executor,
                services.playback());
        archives = new ProjectArchiveViewModel(
                services.archives(), executor, vm.notifier(), vm.model(), vm::openProject, vm.library()::refresh);
        thumbnails = new Thumbnails(vm.thumbnails());
        systemStatus = services.system() == null ? null : new SystemStatusViewModel(services.system(), executor);
        health = services.system() == null
                ? null
                : new HealthIndicator(new HealthViewModel(services.system(), executor), this::showSystemStatus);
        library = new LibraryView(vm.library(), thumbnails, this::newProject);
        storyboard = new StoryboardView(vm.storyboard(), thumbnails);
        characters = new CharactersView(vm.characters(), thumbnails);
        timeline = new TimelineView(vm.timeline());
        jobs = new JobsView(vm.jobs());
        settings = new SettingsView(vm.settings());
        javafx.scene.Node[] views = {library, storyboard, characters, timeline, jobs, settings};
        for (int i = 0; i < TABS.size(); i++) {
            Tab t = new Tab(TABS.get(i) + "  (Ctrl+" + (i + 1) + ")", views[i]);
            t.setClosable(false);
            t.setId("tab-" + TABS.get(i).toLowerCase());
            tabs.getTabs().add(t);
        }
        // The timeline draws only while its tab is shown (and catches up when it is chosen).
        timeline.setShown(tabs.getSelectionModel().getSelectedItem() != null
                && tabs.getSelectionModel().getSelectedItem().getContent() == timeline);
        tabs.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, a, tab) -> timeline.setShown(tab != null && tab.getContent() == timeline));
        vm.model().projectProperty().addListener((o, a, p) -> {
            boolean opened = p != null
                    && (a == null || !a.record().id().equals(p.record().id()));
            if (opened && tabs.getSelectionModel().getSelectedIndex() == 0)
                tabs.getSelectionModel().select(1);
        });
        root.setTop(new VBox(menu(), notificationBar(), changesBar()));
        root.setCenter(tabs);
        root.setBottom(statusBar());
    }

    /**
     * Team mode: checks the signed-in member's session every {@code interval} (see {@link SessionWatch});
     * when it has ended, the window says why, stops taking input and hands the reason to {@code onEnded} (the
     * application returns to the sign-in screen).
     */
    public void watchSession(
            java.util.function.Supplier<java.util.Optional<String>> ended,
            java.time.Duration interval,
            TaskExecutor executor,
            Consumer<String> onEnded) {
        if (sessionWatch != null) sessionWatch.close();
        sessionWatch = new SessionWatch(ended, interval, executor, reason -> {
            vm.notifier().info("Signed out: " + reason);
            tabs.setDisable(true);
            sessionEnded.set(true);
            onEnded.accept(reason);
        });
    }

    /** True once the member's session ended (see {@link #watchSession}); the window takes no more input. */
    public javafx.beans.property.ReadOnlyBooleanProperty sessionEndedProperty() {
        return sessionEnded.getReadOnlyProperty();
    }

    public StudioViewModel viewModel() {
        return vm;
    }

    public BorderPane root() {
        return root;
    }

    public TabPane tabs() {
        return tabs;
    }

    public StoryboardView storyboard() {
        return storyboard;
    }

    public CharactersView characters() {
        return characters;
    }

    public TimelineView timeline() {
        return timeline;
    }

    public JobsView jobs() {
        return jobs;
    }

    public Thumbnails thumbnails() {
        return thumbnails;
    }

    /** Creates the scene on {@code stage}, restores size/layout/theme, starts loading, shows it. */
    public void show(Stage stage) {
        FxThread.require("StudioWindow.show");
        this.stage = stage;
        scene = new Scene(root, prefs.getDouble("width", 1280), prefs.getDouble("height", 800));
        setDark(prefs.getBoolean("dark", false));
        stage.setScene(scene);
        stage.titleProperty().unbind();
        stage.titleProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            String t = vm.model().titleProperty().get();
                            return t == null || t.isEmpty() ? "CinBoard Studio" : t + " — CinBoard Studio";
                        },
                        vm.model().titleProperty()));
        double x = prefs.getDouble("x", Double.NaN), y = prefs.getDouble("y", Double.NaN);
        if (!Double.isNaN(x) && !Double.isNaN(y)) {
            stage.setX(x);
            stage.setY(y);
        }
        stage.setMaximized(prefs.getBoolean("maximized", false));
        tabs.getSelectionModel().select(Math.max(0, Math.min(TABS.size() - 1, prefs.getInt("tab", 0))));
        storyboard.setDividerPositions(prefs.getDouble("storyboardDivider", 0.62));
        characters.setDividerPositions(prefs.getDouble("charactersDivider", 0.55));
        stage.setOnHiding(e -> saveLayout());
        stage.setOnCloseRequest(e -> {
            if (!readyToClose()) e.consume();
        });
        vm.start();
        if (health != null) health.start();
        stage.show();
    }

    /**
     * Closes the window as the user does (Quit, the window's close button): at once when every edit is stored,
     * else after the pending writes, with a "Saving n changes…" dialog.
     */
    public void requestClose() {
        if (stage != null && readyToClose()) stage.close();
    }

    /** True when nothing is left to write; otherwise shows the saving dialog, which closes the window later. */
    private boolean readyToClose() {
        var writes = vm.writes();
        if (writes.pendingProperty().get() == 0) return true;
        if (saving == null || !saving.stage().isShowing()) {
            saving = new SavingDialog(
                    writes.pendingProperty(),
                    writes::unsavedDescriptions,
                    closeWaitLimit,
                    stage,
                    scene != null && Theme.isDark(scene),
                    stage::close);
            saving.show();
        }
        return false;
    }

    /** The saving dialog while closing waits for writes, else null (tests drive it). */
    public SavingDialog savingDialog() {
        return saving;
    }

    public void setCloseWaitLimit(javafx.util.Duration limit) {
        this.closeWaitLimit = limit;
    }

    /** Writes size, position, tab, dividers and theme to the preferences. */
    public void saveLayout() {
        if (stage == null) return;
        try {
            writeLayout();
        } catch (IllegalStateException e) {
            // preferences node removed (tests, benchmark): nothing to remember
        }
    }

    private void writeLayout() {
        prefs.putBoolean("maximized", stage.isMaximized());
        if (!stage.isMaximized()) {
            prefs.putDouble("width", scene.getWidth());
            prefs.putDouble("height", scene.getHeight());
            prefs.putDouble("x", stage.getX());
            prefs.putDouble("y", stage.getY());
        }
        prefs.putInt("tab", tabs.getSelectionModel().getSelectedIndex());
        prefs.putDouble("storyboardDivider", storyboard.getDividerPositions()[0]);
        prefs.putDouble("charactersDivider", characters.getDividerPositions()[0]);
        prefs.putBoolean("dark", Theme.isDark(scene));
    }

    public void setDark(boolean dark) {
        Theme.apply(scene, dark);
        darkItem.setSelected(dark);
        timeline.themeChanged();
    }

    public void selectView(int index) {
        tabs.getSelectionModel().select(index);
    }

    public void showSystemStatus() {
        if (systemStatus != null)
            new SystemStatusDialog(systemStatus, stage, scene != null && Theme.isDark(scene)).show(systemStatus);
    }

    public void newProject() {
        new NewProjectDialog(vm.newProject(), stage, scene != null && Theme.isDark(scene)).show();
    }

    private void export() {
        if (!vm.canExport()) {
            vm.notifier()
                    .info(
                            vm.model().projectId() == null
                                    ? "Open a project to export it."
                                    : "This project has no final video yet. Wait for the render to finish (see Jobs).");
            return;
        }
        String name = vm.model()
                        .titleProperty()
                        .get()
                        .replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .strip() + ".mp4";
        Path target = exportTarget != null ? exportTarget.apply(name) : chooseExportFile(name);
        if (target != null) offerRenderChangesThen(stage, "MP4", () -> vm.exportTo(target));
    }

    /**
     * Before an export that waits for changes (the final video, or any format of a rendered project): when the
     * project has changes not rendered yet, offers to render them first (then
     * exports), to export the last render as it is, or to cancel; otherwise exports at once.
     */
    private void offerRenderChangesThen(javafx.stage.Window owner, String what, Runnable export) {
        vm.countChangesBeforeExport(n -> {
            if (n == 0) {
                export.run();
                return;
            }
            offer = new RenderChangesOffer(
                    n,
                    what,
                    owner,
                    scene != null && Theme.isDark(scene),
                    () -> vm.renderChangesThenExport(export),
                    export);
            offer.show();
        });
    }

    /** The last render-changes offer shown (tests answer it). */
    public RenderChangesOffer renderChangesOffer() {
        return offer;
    }

    private Path chooseExportFile(String suggestedName) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export final video");
        fc.setInitialFileName(suggestedName);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("MP4 video", "*.mp4"));
        File f = fc.showSaveDialog(stage);
        return f == null ? null : f.toPath();
    }

    /** File ▸ Export project…: the open project with its media, as one .cinboard file. */
    public void exportProject() {
        if (!archives.canExport()) {
            archives.exportTo(null); // says why: no project open, no studio behind the window, or one running
            return;
        }
        String name = archives.suggestedName();
        Path target = exportTarget != null ? exportTarget.apply(name) : chooseArchive(name);
        if (target != null) archives.exportTo(target);
    }

    /** File ▸ Import project…: a .cinboard file as a new project, opened when it is stored. */
    public void importProject() {
        Path source = importSource != null ? importSource.get() : chooseArchive(null);
        if (source != null) archives.importFrom(source);
    }

    private Path chooseArchive(String saveAs) {
        FileChooser fc = new FileChooser();
        fc.setTitle(saveAs == null ? "Import project" : "Export project");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CinBoard project", "*.cinboard"));
        File f;
        if (saveAs == null) {
            f = fc.showOpenDialog(stage);
        } else {
            fc.setInitialFileName(saveAs);
            f = fc.showSaveDialog(stage);
        }
        return f == null ? null : f.toPath();
    }

    public void setImportSource(java.util.function.Supplier<Path> chooser) {
        this.importSource = chooser;
    }

    public ProjectArchiveViewModel archives() {
        return archives;
    }

    public void setExportTarget(Function<String, Path> chooser) {
        this.exportTarget = chooser;
    }

    /** Opens the Export dialog for the open project (empty, with a message, when none is open). */
    public java.util.Optional<ExportDialog> openExportDialog() {
        return vm.exportDialog().map(model -> {
            ExportDialog dialog = new ExportDialog(model, stage, scene != null && Theme.isDark(scene), exportTarget);
            dialog.setBeforeExport(start -> offerRenderChangesThen(
                    dialog.stage(), model.formatProperty().get().id().toUpperCase(java.util.Locale.ROOT), start));
            dialog.show();
            return dialog;
        });
    }

    private MenuBar menu() {
        MenuItem newItem = item("New project…", "Shortcut+N", this::newProject);
        MenuItem exportItem = item("Export final video…", "Shortcut+E", this::export);
        MenuItem quit = item("Quit", "Shortcut+Q", this::requestClose);
        MenuItem exportAsItem = item("Export…", "Shortcut+Shift+E", () -> openExportDialog());
        MenuItem exportProject = item("Export project…", null, this::exportProject);
        exportProject.setId("menu-export-project");
        MenuItem importProject = item("Import project…", null, this::importProject);
        importProject.setId("menu-import-project");
        Menu file = new Menu(
                "File",
                null,
                newItem,
                exportItem,
                exportAsItem,
                new SeparatorMenuItem(),
                exportProject,
                importProject,
                new SeparatorMenuItem(),
                quit);
        MenuItem undo = item("Undo", "Shortcut+Z", () -> vm.commands().undo());
        undo.textProperty().bind(Bindings.concat("Undo ", vm.commands().undoDescriptionProperty()));
        undo.disableProperty().bind(vm.commands().canUndoProperty().not());
        MenuItem redo = item("Redo", "Shortcut+Shift+Z", () -> vm.commands().redo());
        redo.textProperty().bind(Bindings.concat("Redo ", vm.commands().redoDescriptionProperty()));
        redo.disableProperty().bind(vm.commands().canRedoProperty().not());
        MenuItem redoY =
                item("Redo (alternative)", "Shortcut+Y", () -> vm.commands().redo());
        redoY.disableProperty().bind(vm.commands().canRedoProperty().not());
        Menu edit = new Menu("Edit", null, undo, redo, redoY);
        Menu project = projectMenu();
        Menu view = new Menu("View");
        for (int i = 0; i < TABS.size(); i++) {
            int index = i;
            view.getItems().add(item(TABS.get(i), "Shortcut+" + (i + 1), () -> selectView(index)));
        }
        darkItem.setAccelerator(KeyCombination.keyCombination("Shortcut+T"));
        darkItem.setOnAction(e -> setDark(darkItem.isSelected()));
        view.getItems().addAll(new SeparatorMenuItem(), darkItem);
        if (systemStatus != null)
            view.getItems().add(item("System status…", "Shortcut+Shift+S", this::showSystemStatus));
        return new MenuBar(file, edit, project, view);
    }

    /**
     * Project ▸ Frame (16:9, 9:16, 1:1), Loudness, Music… and Remove music, Subtitles…: the open project's own
     * render settings, stored through the service; the next "Render changes" makes what they make stale.
     */
    private Menu projectMenu() {
        var render = vm.render();
        Menu frame = new Menu("Frame");
        frame.setId("menu-frame");
        javafx.scene.control.ToggleGroup frames = new javafx.scene.control.ToggleGroup();
        for (ai.cinboard.domain.AspectRatio a : ai.cinboard.domain.AspectRatio.values()) {
            javafx.scene.control.RadioMenuItem item = new javafx.scene.control.RadioMenuItem(a.label()
                    + switch (a) {
                        case WIDE -> "  (wide)";
                        case VERTICAL -> "  (vertical)";
                        case SQUARE -> "  (square)";
                    });
            item.setId("menu-frame-" + a.name().toLowerCase(java.util.Locale.ROOT));
            item.setToggleGroup(frames);
            item.setUserData(a);
            item.setOnAction(e -> render.setAspect(a));
            frame.getItems().add(item);
        }
        Runnable showFrame = () -> frames.getToggles()
                .forEach(t ->
                        t.setSelected(t.getUserData() == render.aspectProperty().get()));
        render.aspectProperty().addListener((o, a, b) -> showFrame.run());
        Menu loudness = new Menu("Loudness");
        loudness.setId("menu-loudness");
        javafx.scene.control.ToggleGroup targets = new javafx.scene.control.ToggleGroup();
        for (double target : ai.cinboard.domain.MixSettings.LOUDNESS_PRESETS) {
            javafx.scene.control.RadioMenuItem item =
                    new javafx.scene.control.RadioMenuItem(ai.cinboard.domain.MixSettings.loudnessLabel(target));
            item.setId("menu-loudness-" + Math.round(-target));
            item.setToggleGroup(targets);
            item.setUserData(target);
            item.setOnAction(e -> render.setLoudness(target));
            loudness.getItems().add(item);
        }
        render.loudnessProperty()
                .addListener((o, a, b) -> targets.getToggles()
                        .forEach(t -> t.setSelected(t.getUserData().equals(b))));
        MenuItem music = item("Music…", null, this::chooseMusic);
        music.setId("menu-music");
        MenuItem noMusic = item("Remove music", null, render::removeMusic);
        noMusic.setId("menu-remove-music");
        noMusic.disableProperty().bind(render.musicNameProperty().isNull());
        MenuItem subtitles = item("Subtitles…", null, () -> openSubtitlesDialog());
        subtitles.setId("menu-subtitles");
        Menu menu = new Menu(
                "Project",
                null,
                frame,
                new SeparatorMenuItem(),
                loudness,
                music,
                noMusic,
                new SeparatorMenuItem(),
                subtitles);
        menu.setId("menu-project");
        frame.disableProperty().bind(vm.model().projectProperty().isNull());
        music.disableProperty().bind(vm.model().projectProperty().isNull());
        loudness.disableProperty().bind(vm.model().projectProperty().isNull());
        subtitles.disableProperty().bind(vm.model().projectProperty().isNull());
        return menu;
    }

    /** Project ▸ Subtitles…: the open project's subtitle style, in its own window (returned for tests). */
    public java.util.Optional<SubtitlesDialog> openSubtitlesDialog() {
        if (vm.model().projectId() == null) return java.util.Optional.empty();
        SubtitlesDialog dialog =
                new SubtitlesDialog(vm.render().subtitlesEditor(), stage, scene != null && Theme.isDark(scene));
        dialog.stage().show();
        return java.util.Optional.of(dialog);
    }

    /** Project ▸ Music…: an audio file picked in a FileChooser (tests answer with {@link #setMusicSource}). */
    public void chooseMusic() {
        Path file;
        if (musicSource != null) {
            file = musicSource.get();
        } else {
            FileChooser fc = new FileChooser();
            fc.setTitle("Music for the project");
            fc.getExtensionFilters()
                    .add(new FileChooser.ExtensionFilter(
                            "Music (MP3, WAV, FLAC, Ogg)", "*.mp3", "*.wav", "*.flac", "*.ogg", "*.oga"));
            File f = fc.showOpenDialog(stage);
            file = f == null ? null : f.toPath();
        }
        if (file != null) vm.render().setMusic(file);
    }

    /** Tests answer Project ▸ Music…'s open dialog (null: a real FileChooser). */
    private java.util.function.Supplier<Path> musicSource;

    public void setMusicSource(java.util.function.Supplier<Path> chooser) {
        this.musicSource = chooser;
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem m = new MenuItem(text);
        if (accelerator != null) m.setAccelerator(KeyCombination.keyCombination(accelerator));
        m.setOnAction(e -> action.run());
        return m;
    }

    private HBox notificationBar() {
        Label text = new Label();
        text.setId("notification");
        text.setWrapText(true);
        Button close = new Button("×");
        close.setOnAction(e -> vm.notifier().clear());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = Theme.styled(new HBox(8, text, spacer, close), Theme.NOTIFICATION);
        bar.setAlignment(Pos.CENTER_LEFT);
        Runnable update = () -> {
            Notifier.Message m = vm.notifier().latestProperty().get();
            bar.setVisible(m != null);
            bar.setManaged(m != null);
            text.setText(m == null ? "" : m.text());
            Theme.toggle(bar, Theme.ERROR, m != null && m.level() == Notifier.Level.ERROR);
        };
        vm.notifier().latestProperty().addListener((o, a, b) -> update.run());
        update.run();
        return bar;
    }

    /** "Render changes (n)" with the render's progress and Cancel, and what is stale in the open project. */
    private HBox changesBar() {
        var changes = vm.renderChanges();
        Button render = new Button();
        render.setId("render-changes");
        render.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> "Render changes (" + changes.countProperty().get() + ")", changes.countProperty()));
        render.disableProperty().bind(changes.countProperty().isEqualTo(0).or(changes.runningProperty()));
        render.setOnAction(e -> changes.run());
        ProgressBar progress = new ProgressBar();
        progress.setId("render-changes-progress");
        progress.setPrefWidth(160);
        progress.progressProperty().bind(changes.progressProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("render-changes-cancel");
        cancel.setOnAction(e -> changes.cancel());
        HBox running = new HBox(6, progress, cancel);
        running.setAlignment(Pos.CENTER_LEFT);
        running.visibleProperty().bind(changes.runningProperty());
        running.managedProperty().bind(changes.runningProperty());
        Label what = Theme.styled(new Label(), Theme.MUTED);
        what.setId("stale-summary");
        what.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> staleSummary(vm.model().stalenessProperty().get()),
                        vm.model().stalenessProperty(),
                        vm.model().projectProperty()));
        CheckBox onWorkers = new CheckBox("Render on workers");
        onWorkers.setId("render-on-workers");
        onWorkers.visibleProperty().bind(changes.workersAvailableProperty());
        onWorkers.managedProperty().bind(changes.workersAvailableProperty());
        onWorkers.setSelected(changes.onWorkersProperty().get());
        changes.onWorkersProperty().addListener((o, a, b) -> onWorkers.setSelected(b));
        onWorkers.setOnAction(e -> changes.chooseOnWorkers(onWorkers.isSelected()));
        Tooltip workers = new Tooltip();
        workers.textProperty().bind(changes.workersOnlineProperty());
        onWorkers.setTooltip(workers);
        HBox bar = Theme.styled(new HBox(10, render, onWorkers, running, what), Theme.TOOLBAR);
        bar.visibleProperty().bind(vm.model().projectProperty().isNotNull());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    /** "Stale: 1 keyframe, 1 clip, the final video" or "Everything is rendered". */
    private static String staleSummary(ai.cinboard.service.ProjectStaleness s) {
        List<String> parts = new java.util.ArrayList<>();
        plural(parts, s.characterIds().size(), "character");
        plural(parts, s.keyframeIds().size(), "keyframe");
        plural(parts, s.clipSceneIds().size(), "clip");
        if (s.voiceover()) parts.add("the voiceover");
        if (s.finalVideo()) parts.add("the final video");
        return parts.isEmpty() ? "Everything is rendered" : "Stale: " + String.join(", ", parts);
    }

    private static void plural(List<String> parts, int n, String what) {
        if (n > 0) parts.add(n + " " + what + (n == 1 ? "" : "s"));
    }

    private HBox statusBar() {
        Label project = Theme.styled(new Label(), Theme.MUTED);
        project.setId("status-project");
        project.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            String t = vm.model().titleProperty().get();
                            if (t == null || t.isEmpty()) return "No project open";
                            String settings = vm.render().summaryProperty().get();
                            return t + " · " + vm.model().scenes().size() + " scenes · "
                                    + vm.model().characters().size() + " characters"
                                    + (settings.isEmpty() ? "" : " · " + settings);
                        },
                        vm.model().titleProperty(),
                        vm.render().summaryProperty(),
                        vm.model().scenes(),
                        vm.model().characters()));
        Label undoInfo = Theme.styled(new Label(), Theme.MUTED);
        undoInfo.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> vm.commands().canUndoProperty().get()
                                ? "Saved · last edit: "
                                        + vm.commands()
                                                .undoDescriptionProperty()
                                                .get()
                                : "All changes saved",
                        vm.commands().revisionProperty()));
        Label jobsText = new Label();
        jobsText.setId("status-jobs");
        vm.jobs().summaryProperty().addListener((o, a, t) -> Theme.setText(jobsText, t));
        Theme.setText(jobsText, vm.jobs().summaryProperty().get());
        ProgressBar progress = new ProgressBar();
        progress.setId("status-progress");
        progress.setPrefWidth(160);
        progress.progressProperty().bind(vm.jobs().progressProperty());
        progress.visibleProperty().bind(vm.jobs().runningProperty().greaterThan(0));
        Label exporting = new Label("Exporting…");
        Button cancelExport = new Button("Cancel export");
        cancelExport.setOnAction(e -> vm.cancelExport());
        HBox exportBox = new HBox(6, exporting, cancelExport);
        exportBox.setAlignment(Pos.CENTER_LEFT);
        exportBox.visibleProperty().bind(vm.exportingProperty());
        exportBox.managedProperty().bind(vm.exportingProperty());
        Label archiveText = new Label();
        archiveText.setId("status-archive");
        archiveText.textProperty().bind(archives.statusProperty());
        ProgressBar archiveProgress = new ProgressBar();
        archiveProgress.setId("status-archive-progress");
        archiveProgress.setPrefWidth(120);
        archiveProgress.progressProperty().bind(archives.progressProperty());
        Button cancelArchive = new Button("Cancel");
        cancelArchive.setId("status-archive-cancel");
        cancelArchive.setOnAction(e -> archives.cancel());
        HBox archiveBox = new HBox(6, archiveText, archiveProgress, cancelArchive);
        archiveBox.setAlignment(Pos.CENTER_LEFT);
        archiveBox.visibleProperty().bind(archives.runningProperty());
        archiveBox.managedProperty().bind(archives.runningProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = Theme.styled(
                new HBox(10, project, undoInfo, spacer, archiveBox, exportBox, jobsText, progress), Theme.STATUS_BAR);
        if (health != null) bar.getChildren().add(health);
        return bar;
    }

    /**
     * Stops the window's timers and unsubscribes its view models. On the FX thread only (it throws elsewhere):
     * stopping a Timeline off that thread races the pulse.
     */
    @Override
    public void close() {
        FxThread.require("StudioWindow.close");
        if (sessionWatch != null) sessionWatch.close();
        if (health != null) health.stop();
        timeline.stop();
        storyboard.stop();
        try {
            vm.close();
        } catch (Exception ignored) {
            // unsubscribing failed: nothing left to do at shutdown
        }
    }
}
