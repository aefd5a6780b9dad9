package ai.cinboard.ui.viewmodel;

import ai.cinboard.domain.FileNames;
import ai.cinboard.domain.StudioException;
import ai.cinboard.service.AnalysisPreview;
import ai.cinboard.service.ProjectService;
import ai.cinboard.ui.task.TaskExecutor;
import ai.cinboard.ui.task.TaskHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** New project: paste or import a story, analyse it (language + policy), then create and render. */
public final class NewProjectViewModel {
    public static final Set<String> EXTENSIONS = Set.of("fountain", "txt", "md", "fdx");
    public static final long MAX_FILE_BYTES = 2_000_000;

    private final ProjectService projects;
    private final TaskExecutor executor;
    private final Notifier notifier;
    private final IntConsumer onCreated;
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final StringProperty fileName = new SimpleStringProperty(this, "fileName");
    private final ObjectProperty<AnalysisPreview> preview = new SimpleObjectProperty<>(this, "preview");
    private final StringProperty verdict =
            new SimpleStringProperty(this, "verdict", "Paste a story or import a file, then Analyse.");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final BooleanBinding canCreate;
    private TaskHandle pending = TaskHandle.DONE;

    public NewProjectViewModel(
            ProjectService projects, TaskExecutor executor, Notifier notifier, IntConsumer onCreated) {
        this.projects = projects;
        this.executor = executor;
        this.notifier = notifier;
        this.onCreated = onCreated;
        text.addListener((o, a, b) -> {
            preview.set(null);
            verdict.set("Text changed: Analyse again.");
        });
        canCreate = Bindings.createBooleanBinding(
                () -> !busy.get() && preview.get() != null && preview.get().canRender(), busy, preview);
    }

    public void importFile(Path file) {
        String name = file.getFileName().toString();
        String ext = FileNames.extension(name);
        if (!EXTENSIONS.contains(ext)) {
            notifier.info("Import a .fountain, .fdx (Final Draft), .txt or .md file.");
            return;
        }
        boolean finalDraft = ext.equals("fdx");
        busy.set(true);
        pending = executor.submit(
                () -> {
                    // Final Draft XML is several times larger than the script it holds
                    long limit = finalDraft ? 5 * MAX_FILE_BYTES : MAX_FILE_BYTES;
                    if (Files.size(file) > limit) {
                        throw new StudioException(
                                "The file is larger than " + limit / 1_000_000 + " MB; split the story into parts.");
                    }
                    return projects.readStoryFile(Files.readAllBytes(file), name);
                },
                content -> {
                    busy.set(false);
                    text.set(content);
                    // a Final Draft script arrives as Fountain text, and is analysed and stored as such
                    fileName.set(finalDraft ? name.substring(0, name.length() - 4) + ".fountain" : name);
                    analyze();
                },
                e -> {
                    busy.set(false);
                    notifier.error("Importing " + name, e);
                });
    }

    public void analyze() {
        String t = text.get();
        if (t == null || t.isBlank()) {
            verdict.set("The story is empty.");
            return;
        }
        busy.set(true);
        verdict.set("Analysing…");
        pending = executor.submit(
                () -> projects.analyze(t, fileName.get()),
                p -> {
                    busy.set(false);
                    preview.set(p);
                    verdict.set(describe(p));
                },
                e -> {
                    busy.set(false);
                    verdict.set(Notifier.describe("Analysis", e));
                });
    }

    static String describe(AnalysisPreview p) {
        StringBuilder sb = new StringBuilder();
        sb.append("Language: ")
                .append(new Locale(p.detectedLanguage()).getDisplayLanguage(Locale.ENGLISH))
                .append(" (")
                .append(p.detectedLanguage())
                .append(", ")
                .append(Math.round(p.languageConfidence() * 100))
                .append("% confidence)\n");
        sb.append(count(p.sceneCount(), "scene"))
                .append(", ")
                .append(count(p.characterNames().size(), "character"));
        if (!p.characterNames().isEmpty()) sb.append(": ").append(String.join(", ", p.characterNames()));
        sb.append('\n');
        if (!p.validationProblems().isEmpty()) {
            sb.append("Cannot render: ").append(String.join("; ", p.validationProblems()));
        } else if (p.policyAllowed()) {
            sb.append("Content policy: allowed");
        } else {
            sb.append("Content policy: blocked: ").append(String.join("; ", p.policyReasons()));
        }
        return sb.toString();
    }

    /** "1 scene", "2 scenes". */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    public void create() {
        if (!canCreate.get()) return;
        String t = text.get();
        busy.set(true);
        pending = executor.submit(
                () -> projects.createAndRender(t, fileName.get()),
                id -> {
                    busy.set(false);
                    onCreated.accept(id);
                },
                e -> {
                    busy.set(false);
                    notifier.error("Creating the project", e);
                });
    }

    public void cancel() {
        pending.cancel();
        busy.set(false);
    }

    public StringProperty textProperty() {
        return text;
    }

    public StringProperty fileNameProperty() {
        return fileName;
    }

    public ObjectProperty<AnalysisPreview> previewProperty() {
        return preview;
    }

    public StringProperty verdictProperty() {
        return verdict;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public BooleanBinding canCreateProperty() {
        return canCreate;
    }
}
