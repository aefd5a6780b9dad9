package ai.cinboard.ui.viewmodel;

import ai.cinboard.domain.AspectRatio;
import ai.cinboard.domain.MixSettings;
import ai.cinboard.domain.SubtitleStyle;
import ai.cinboard.service.ProjectService;
import ai.cinboard.service.RenderOptions;
import ai.cinboard.ui.task.TaskExecutor;
import java.nio.file.Path;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The open project's own render settings in the window: its frame (Project ▸ Frame), its music bed (Project ▸
 * Music…), the loudness its mix is mastered to (Project ▸ Loudness) and its subtitle style (Project ▸
 * Subtitles…). Read when a project opens; changed through the service on the project's write queue, after which
 * what is stale is checked again (a new frame makes keyframes, clips and the video stale, new music, loudness or
 * subtitles the video).
 */
public final class ProjectRenderViewModel {
    private final ProjectModel model;
    private final ProjectService projects;
    private final TaskExecutor executor;
    private final Notifier notifier;
    private final EditSaver saver;
    private final ObjectProperty<AspectRatio> aspect = new SimpleObjectProperty<>(this, "aspect");
    /** The stored loudness target in LUFS; null when no project is open. */
    private final ReadOnlyObjectWrapper<Double> loudness = new ReadOnlyObjectWrapper<>(this, "loudness");
    /** The stored subtitle style; null when none was chosen (classic, burned in only without a voiceover). */
    private final ReadOnlyObjectWrapper<SubtitleStyle> subtitles = new ReadOnlyObjectWrapper<>(this, "subtitles");

    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");

    ProjectRenderViewModel(
            ProjectModel model, ProjectService projects, TaskExecutor executor, Notifier notifier, EditSaver saver) {
        this.model = model;
        this.projects = projects;
        this.executor = executor;
        this.notifier = notifier;
        this.saver = saver;
        model.projectProperty().addListener((o, before, p) -> {
            Integer was = before == null ? null : before.record().id();
            Integer now = p == null ? null : p.record().id();
            if (now == null) {
                apply(null);
            } else if (!now.equals(was)) {
                load(now);
            }
        });
        // a write that failed: show the settings the database holds
        saver.onRollback(() -> {
            Integer id = model.projectId();
            if (id != null) load(id);
        });
        aspect.addListener((o, a, b) -> updateSummary());
        model.musicNameProperty().addListener((o, a, b) -> updateSummary());
    }

    private void load(int id) {
        executor.submit(
                () -> projects.renderOptions(id),
                options -> {
                    if (Integer.valueOf(id).equals(model.projectId())) apply(options);
                },
                e -> notifier.error("Reading the project's render settings", e));
    }

    private void apply(RenderOptions options) {
        aspect.set(options == null ? null : options.frame());
        loudness.set(options == null ? null : options.mix().loudnessTarget());
        subtitles.set(options == null ? null : options.subtitles());
        // the name first: the timeline reads it when the URL changes
        model.musicNameProperty().set(options == null ? null : options.mix().musicName());
        model.musicUrlProperty().set(options == null ? null : options.mix().musicUrl());
    }

    private void updateSummary() {
        AspectRatio a = aspect.get();
        String music = model.musicNameProperty().get();
        summary.set(a == null ? "" : a.label() + " · " + (music == null ? "no music" : "music: " + music));
    }

    /** Project ▸ Frame: stores the frame; the next render composes keyframes, clips and the video for it. */
    public void setAspect(AspectRatio frame) {
        Integer id = model.projectId();
        if (id == null || frame == null || frame == aspect.get()) return;
        aspect.set(frame);
        saver.save(
                "Frame " + frame.label(),
                () -> {
                    projects.setAspect(id, frame);
                    return projects.renderOptions(id);
                },
                options -> {
                    if (id.equals(model.projectId())) apply(options);
                });
    }

    /** Project ▸ Loudness: the final mix is mastered to {@code target} LUFS from the next render on. */
    public void setLoudness(double target) {
        Integer id = model.projectId();
        if (id == null || Double.valueOf(target).equals(loudness.get())) return;
        loudness.set(target);
        String label = MixSettings.loudnessLabel(target);
        saver.save("Loudness " + label, () -> projects.setLoudness(id, target), options -> {
            if (!id.equals(model.projectId())) return;
            apply(options);
            notifier.info("Loudness: " + label + ". Render changes to master the video to it.");
        });
    }

    /** The loudness the open project's mix is mastered to, in LUFS (null when none is open). */
    public ReadOnlyObjectProperty<Double> loudnessProperty() {
        return loudness.getReadOnlyProperty();
    }

    /** Project ▸ Music…: the file becomes the project's music bed (checked and stored in the media store). */
    public void setMusic(Path file) {
        changeMusic(file, "Music " + file.getFileName());
    }

    /** Project ▸ Remove music. */
    public void removeMusic() {
        changeMusic(null, "Remove music");
    }

    private void changeMusic(Path file, String what) {
        Integer id = model.projectId();
        if (id == null) {
            notifier.info("Open a project to set its music.");
            return;
        }
        saver.save(what, () -> projects.setMusic(id, file), options -> {
            if (!id.equals(model.projectId())) return;
            apply(options);
            notifier.info(
                    options.mix().hasMusic()
                            ? "Music: " + options.mix().musicName() + ". Render changes to mix it in."
                            : "No music. Render changes to take it out of the video.");
        });
    }

    /** The Project ▸ Subtitles… dialog's state, starting from the stored style. */
    public SubtitlesViewModel subtitlesEditor() {
        return new SubtitlesViewModel(subtitles.get(), this::setSubtitleStyle);
    }

    /** Stores the subtitle style (null: back to the default); the next render recomposes the video with it. */
    public void setSubtitleStyle(SubtitleStyle style) {
        Integer id = model.projectId();
        if (id == null) {
            notifier.info("Open a project to set its subtitles.");
            return;
        }
        saver.save(
                style == null ? "Subtitles auto" : "Subtitles " + style.preset(),
                () -> projects.setSubtitleStyle(id, style),
                options -> {
                    if (!id.equals(model.projectId())) return;
                    apply(options);
                    notifier.info((style == null
                                    ? "Subtitles: classic, burned in only without a voiceover."
                                    : "Subtitles: " + style.describe() + ".")
                            + " Render changes to recompose the video.");
                });
    }

    /** The open project's subtitle style; null when it has none of its own (or no project is open). */
    public ReadOnlyObjectProperty<SubtitleStyle> subtitlesProperty() {
        return subtitles.getReadOnlyProperty();
    }

    /** The frame the open project renders in (null when none is open). */
    public ObjectProperty<AspectRatio> aspectProperty() {
        return aspect;
    }

    /** "9:16 · music: bed.mp3", for the status bar; empty when no project is open. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<String> musicNameProperty() {
        return model.musicNameProperty();
    }
}
