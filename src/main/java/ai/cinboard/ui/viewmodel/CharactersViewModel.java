package ai.cinboard.ui.viewmodel;

import ai.cinboard.service.GenerationService;
import ai.cinboard.service.ProjectService;
import ai.cinboard.ui.task.TaskExecutor;
import ai.cinboard.ui.undo.Command;
import ai.cinboard.ui.undo.CommandStack;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;

/** Characters: cards, gallery, description edits (which regenerate the reference, and on request its keyframes). */
public final class CharactersViewModel {
    private final ProjectModel model;
    private final ProjectService projects;
    private final GenerationService generation;
    private final TaskExecutor executor;
    private final CommandStack commands;
    private final Notifier notifier;
    private final ObjectProperty<CharacterCard> selected = new SimpleObjectProperty<>(this, "selected");

    public CharactersViewModel(
            ProjectModel model,
            ProjectService projects,
            GenerationService generation,
            TaskExecutor executor,
            CommandStack commands,
            Notifier notifier) {
        this.model = model;
        this.projects = projects;
        this.generation = generation;
        this.executor = executor;
        this.commands = commands;
        this.notifier = notifier;
        model.characters().addListener((javafx.collections.ListChangeListener<CharacterCard>) c -> {
            if (!model.characters().contains(selected.get())) {
                selected.set(
                        model.characters().isEmpty() ? null : model.characters().get(0));
            }
        });
    }

    public ObservableList<CharacterCard> characters() {
        return model.characters();
    }

    public ObjectProperty<CharacterCard> selectedProperty() {
        return selected;
    }
    /** Changes when a finished job updated the cards (new reference images): the view redraws them. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return model.revisionProperty();
    }

    /**
     * Changes the description (undoable, saved at once), then regenerates the reference image and, when
     * {@code regenerateKeyframes}, every unlocked keyframe the character appears in. Undo restores the text only.
     */
    public void editDescription(CharacterCard card, String newDescription, boolean regenerateKeyframes) {
        if (card == null || newDescription == null) return;
        String next = newDescription.strip();
        String old = card.descriptionProperty().get();
        if (next.isEmpty() || next.equals(old)) return;
        commands.execute(new Command() {
            @Override
            public String description() {
                return "Edit " + card.name() + "'s description";
            }

            @Override
            public void execute() {
                set(next);
            }

            @Override
            public void undo() {
                set(old);
            }

            private void set(String d) {
                card.descriptionProperty().set(d);
                executor.run(
                        () -> projects.updateCharacterDescription(card.id(), d),
                        () -> {},
                        e -> notifier.error("Saving the description", e));
            }
        });
        executor.submit(
                () -> generation.regenerateCharacter(card.id(), regenerateKeyframes),
                id -> notifier.info("Regenerating " + card.name()
                        + (regenerateKeyframes ? " and the keyframes they appear in" : "") + " (job " + id + ")."),
                e -> notifier.error("Regenerating " + card.name(), e));
    }
}
