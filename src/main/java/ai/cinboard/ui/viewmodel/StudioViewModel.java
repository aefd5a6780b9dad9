package ai.cinboard.ui.viewmodel;

import ai.cinboard.domain.KeyframeImage;
import ai.cinboard.domain.Phase;
import ai.cinboard.domain.PhaseStatus;
import ai.cinboard.domain.Project;
import ai.cinboard.service.ExportService;
import ai.cinboard.service.GenerationService;
import ai.cinboard.service.JobInfo;
import ai.cinboard.service.JobPhase;
import ai.cinboard.service.MediaPreviewService;
import ai.cinboard.service.ProjectService;
import ai.cinboard.service.SettingsService;
import ai.cinboard.service.playback.PlaybackDevices;
import ai.cinboard.ui.task.ProjectWriteQueue;
import ai.cinboard.ui.task.TaskExecutor;
import ai.cinboard.ui.task.TaskHandle;
import ai.cinboard.ui.undo.CommandStack;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** The shell: owns the open project, the undo stack, the notifier and the child view models. */
public final class StudioViewModel implements AutoCloseable {
    private final ProjectService projects;
    private final ExportService export;
    private final TaskExecutor executor;
    private final Notifier notifier = new Notifier();
    private final CommandStack commands = new CommandStack();
    private final ProjectModel model = new ProjectModel();
    private final ProjectWriteQueue writes;
    private final EditSaver saver;
    private final BooleanProperty loadingProject = new SimpleBooleanProperty(this, "loadingProject");
    private final BooleanProperty exporting = new SimpleBooleanProperty(this, "exporting");
    private TaskHandle exportHandle = TaskHandle.DONE;
    private final GenerationService generation;
    private AutoCloseable jobEvents;

    private final LibraryViewModel library;
    private final StoryboardViewModel storyboard;
    private final CharactersViewModel characters;
    private final TimelineViewModel timeline;
    private final JobsViewModel jobs;
    private final ThumbnailsViewModel thumbnails;
    private final SettingsViewModel settings;
    private final RenderChangesViewModel renderChanges;
    private final ProjectRenderViewModel render;

    public StudioViewModel(
            ProjectService projects,
            GenerationService generation,
            MediaPreviewService media,
            SettingsService settingsService,
            ExportService export,
            TaskExecutor executor) {
        this(projects, generation, media, settingsService, export, executor, PlaybackDevices.standard());
    }

    public StudioViewModel(
            ProjectService projects,
            GenerationService generation,
            MediaPreviewService media,
            SettingsService settingsService,
            ExportService export,
            TaskExecutor executor,
            PlaybackDevices playback) {
        this.projects = projects;
        this.export = export;
        this.executor = executor;
        this.generation = generation;
        writes = new ProjectWriteQueue(executor);
        saver = new EditSaver(writes, model, projects, commands, notifier);
        library = new LibraryViewModel(projects, executor, notifier, this::openProject);
        PlaybackSound sound = new PlaybackSound(playback, executor, notifier);
        DecodedSound voiceover = new DecodedSound(
                model.voiceoverUrlProperty(), media, executor, notifier, "Reading the voiceover for playback");
        ClipPlayer player = new ClipPlayer(model, media, executor, notifier, sound, voiceover);
        storyboard = new StoryboardViewModel(model, projects, generation, executor, commands, notifier, saver, player);
        characters = new CharactersViewModel(model, projects, generation, commands, notifier, saver);
        timeline = new TimelineViewModel(model, projects, media, executor, commands, notifier, saver, sound, voiceover);
        // One thing sounds at a time: the timeline and a storyboard clip each stop the other.
        timeline.playingProperty().addListener((o, a, playing) -> {
            if (playing) player.stop();
        });
        player.playingProperty().addListener((o, a, span) -> {
            if (span != null) timeline.pause();
        });
        thumbnails = new ThumbnailsViewModel(media, executor);
        jobs = new JobsViewModel(generation, executor, notifier);
        settings = new SettingsViewModel(settingsService, executor, notifier);
        renderChanges = new RenderChangesViewModel(model, generation, executor, notifier);
        render = new ProjectRenderViewModel(model, projects, executor, notifier, saver);
        saver.onSaved(renderChanges::check);
    }

    /** Loads the library, the job list and the settings; shows what a finished job made in the open project. */
    public void start() {
        library.refresh();
        jobs.start();
        settings.load();
        executor.submit(
                () -> generation.subscribe(ev -> {
                    boolean stored = ev.job().status() != PhaseStatus.COMPLETED && keyframeStored(ev.job());
                    executor.runOnUi(() -> {
                        jobChanged(ev.job());
                        if (stored) reloadOpenProject(ev.job().projectId());
                    });
                }),
                s -> jobEvents = s,
                e -> notifier.error("Watching background jobs", e));
    }

    private void jobChanged(ai.cinboard.service.JobInfo job) {
        renderChanges.jobChanged(job);
        if (job.status() == PhaseStatus.COMPLETED) {
            jobCompleted(job.projectId());
        } else if (job.status().isFinished() && Integer.valueOf(job.projectId()).equals(model.projectId())) {
            renderChanges.check(); // a failed or cancelled run may still have made part of the changes
        }
    }

    /** A job finished: the library and the open project (if it is the one) are re-read so new images, clips and texts show. */
    private void jobCompleted(int projectId) {
        keyframeProgress.remove(projectId);
        library.refresh();
        reloadOpenProject(projectId);
    }

    /** Keyframes phase progress per project, as last heard: it moves on each time a keyframe has been stored. */
    private final Map<Integer, Integer> keyframeProgress = new ConcurrentHashMap<>();

    /** Called on the event's thread: true when the render has stored another keyframe since the last event. */
    private boolean keyframeStored(JobInfo job) {
        for (JobPhase p : job.phases()) {
            if (p.phase() == Phase.KEYFRAMES && p.status() == PhaseStatus.RUNNING && p.progress() > 0) {
                Integer before = keyframeProgress.put(job.projectId(), p.progress());
                return before == null || before != p.progress();
            }
        }
        return false;
    }

    private boolean reloading;
    private boolean reloadAgain;

    /**
     * Re-reads the open project if it is {@code projectId}, so what a render stored shows now. One reload at a
     * time: changes heard meanwhile are picked up by one more reload when it ends.
     */
    private void reloadOpenProject(int projectId) {
        if (!Integer.valueOf(projectId).equals(model.projectId())) return;
        if (reloading) {
            reloadAgain = true;
            return;
        }
        reloading = true;
        executor.submit(
                () -> projects.loadProject(projectId),
                p -> {
                    reloadDone(projectId);
                    if (!Integer.valueOf(projectId).equals(model.projectId())) return;
                    if (!model.refresh(p)) commands.clear(); // rows were replaced: old edits no longer point at them
                    renderChanges.check();
                },
                e -> {
                    reloadDone(projectId);
                    notifier.error("Reloading the project", e);
                });
    }

    private void reloadDone(int projectId) {
        reloading = false;
        if (reloadAgain) {
            reloadAgain = false;
            reloadOpenProject(projectId);
        }
    }

    public NewProjectViewModel newProject() {
        return new NewProjectViewModel(projects, executor, notifier, id -> {
            notifier.info("Project created; rendering in the background (see Jobs).");
            library.refresh();
            openProject(id);
        });
    }

    public void openProject(int id) {
        loadingProject.set(true);
        executor.submit(
                () -> {
                    // The rows are built here, off the UI thread, and the first screen's thumbnails are read as
                    // soon as its keyframes are known, while the UI thread swaps the rows in and lays them out.
                    Project read = projects.loadProject(id);
                    if (read == null) return null;
                    ProjectModel.Prepared rows = ProjectModel.prepare(read);
                    thumbnails.prefetch(
                            StoryboardViewModel.firstScreenThumbnails(rows.scenes()),
                            KeyframeImage.THUMBNAIL_WIDTH,
                            KeyframeImage.THUMBNAIL_HEIGHT);
                    return rows;
                },
                p -> {
                    loadingProject.set(false);
                    commands.clear();
                    model.load(p);
                    renderChanges.check();
                },
                e -> {
                    loadingProject.set(false);
                    notifier.error("Opening the project", e);
                });
    }

    public boolean canExport() {
        return model.projectProperty().get() != null
                && !model.projectProperty().get().finalVideos().isEmpty();
    }

    public void exportTo(Path target) {
        Integer id = model.projectId();
        if (id == null) {
            notifier.info("Open a project first.");
            return;
        }
        exporting.set(true);
        exportHandle = executor.submit(
                () -> export.exportFinalVideo(id, target),
                bytes -> {
                    exporting.set(false);
                    notifier.info("Exported " + target.getFileName() + " (" + bytes / 1024 + " KB).");
                },
                e -> {
                    exporting.set(false);
                    notifier.error("Exporting the video", e);
                });
    }

    /**
     * Before an export that waits for changes (see {@code ExportService.waitsForChanges}): asks the service how many changes are not rendered yet and hands the number to
     * {@code onCount} on the UI thread (the window offers to render them first when it is not 0).
     */
    public void countChangesBeforeExport(java.util.function.IntConsumer onCount) {
        Integer id = model.projectId();
        if (id == null) {
            notifier.info("Open a project to export it.");
            return;
        }
        executor.submit(
                () -> generation.staleness(id),
                s -> {
                    if (!id.equals(model.projectId())) return;
                    model.applyStaleness(s);
                    onCount.accept(s.count());
                },
                e -> notifier.error("Checking what is stale", e));
    }

    /** Renders the changes, then runs {@code export} when that completed (not when it failed or was cancelled). */
    public void renderChangesThenExport(Runnable export) {
        renderChanges.runThen(ok -> {
            if (ok) export.run();
            else notifier.info("Not exported: the changes were not all rendered.");
        });
    }

    /** The Export dialog's model for the open project, or empty with a message saying why not. */
    public java.util.Optional<ExportViewModel> exportDialog() {
        Integer id = model.projectId();
        if (id == null) {
            notifier.info("Open a project to export it.");
            return java.util.Optional.empty();
        }
        ExportViewModel dialog = new ExportViewModel(
                export, executor, notifier, id, model.titleProperty().get());
        if (render.aspectProperty().get() != null) {
            dialog.aspectProperty().set(render.aspectProperty().get()); // the project's frame: nothing to crop
        }
        dialog.renderedProperty().set(canExport()); // a final video: exports can be behind the edits since
        return java.util.Optional.of(dialog);
    }

    public void cancelExport() {
        exportHandle.cancel();
        exporting.set(false);
        notifier.info("Export cancelled.");
    }

    /** The open project's ordered write path (the window waits for it before it closes). */
    public ProjectWriteQueue writes() {
        return writes;
    }

    public Notifier notifier() {
        return notifier;
    }

    public CommandStack commands() {
        return commands;
    }

    public ProjectModel model() {
        return model;
    }

    public LibraryViewModel library() {
        return library;
    }

    public StoryboardViewModel storyboard() {
        return storyboard;
    }

    public CharactersViewModel characters() {
        return characters;
    }

    public TimelineViewModel timeline() {
        return timeline;
    }

    /** Every thumbnail the window shows, with the reason when one can't be shown. */
    public ThumbnailsViewModel thumbnails() {
        return thumbnails;
    }

    public JobsViewModel jobs() {
        return jobs;
    }

    /** The open project's frame and music (Project menu). */
    public ProjectRenderViewModel render() {
        return render;
    }

    public RenderChangesViewModel renderChanges() {
        return renderChanges;
    }

    public SettingsViewModel settings() {
        return settings;
    }

    public BooleanProperty loadingProjectProperty() {
        return loadingProject;
    }

    public BooleanProperty exportingProperty() {
        return exporting;
    }

    @Override
    public void close() throws Exception {
        try {
            // a window closed while playing: its sound threads end and the audio device is given back
            timeline.pause();
            storyboard.player().stop();
        } finally {
            writes.close(); // queued writes still run
            if (jobEvents != null) jobEvents.close();
            jobs.close();
        }
    }
}
